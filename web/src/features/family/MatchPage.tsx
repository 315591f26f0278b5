import { useState, type FormEvent } from 'react';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { DateTimeField, SelectField } from '../../components/fields';
import { useLoad } from '../../components/useLoad';
import { END_REASONS, familyApi, type FamiliesToMatch, type VolunteerShortlist } from './api';

type Family = FamiliesToMatch['items'][number];
type Match = Family['matches'][number];
type Act = (run: () => Promise<unknown>, done?: string) => () => Promise<void>;
const today = () => new Date().toISOString().slice(0, 10);
const STATE_WORDS = { overdue: 'overdue', due: 'due', upcoming: 'upcoming' } as const;

/** `/app/volunteers/match`: Beacon's shortlist for each family, with reasons; a person confirms, records consent, checks in, ends. */
export function MatchPage() {
  const { data, error, setData } = useLoad((signal) => familyApi.familiesToMatch(signal), []);
  const [message, setMessage] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const reload = async () => setData(await familyApi.familiesToMatch());
  const act: Act = (run, done) => async () => {
    try {
      await run();
      await reload();
      setMessage(done === undefined ? null : { type: 'success', text: done });
    } catch (err) {
      setMessage({ type: 'error', text: errorText(err) });
    }
  };
  return (
    <Page heading="Match volunteers with families">
      {error !== null && <Notice type="error">{error}</Notice>}
      {message !== null && <Notice type={message.type}>{message.text}</Notice>}
      {data !== null && <CheckInsDue families={data.items} />}
      {data?.items.map((f) => (
        <FamilyMatches key={f.id} family={f} act={act} />
      ))}
    </Page>
  );
}

/** The coordinator's check-in tasks: every match whose monthly check-in is due this week or overdue. */
function CheckInsDue({ families }: { families: Family[] }) {
  const due = families.flatMap((f) =>
    f.matches.filter((m) => m.nextCheckIn !== null && m.nextCheckIn.state !== 'upcoming').map((m) => ({ family: f, match: m })),
  );
  return (
    <section aria-labelledby="check-ins-due" className="margin-bottom-4">
      <h2 id="check-ins-due">Check-ins due</h2>
      {due.length === 0 ? (
        <p>No check-in is due this week.</p>
      ) : (
        <ul className="usa-list">
          {due.map(({ family, match }) => (
            <li key={match.id}>
              {match.volunteer} with {family.name}: {STATE_WORDS[match.nextCheckIn!.state]} since {match.nextCheckIn!.dueOn}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function FamilyMatches({ family, act }: { family: Family; act: Act }) {
  const [list, setList] = useState<VolunteerShortlist | null>(null);
  const headingId = `match-${family.id}`;
  return (
    <section aria-labelledby={headingId} className="margin-bottom-4">
      <h2 id={headingId}>{family.name}</h2>
      <p>
        Region {family.region}; languages {family.languages.join(', ') || 'none given'}.
      </p>
      {family.matches.map((m) => (
        <MatchInForce key={m.id} family={family} match={m} act={act} />
      ))}
      <button
        type="button"
        className="usa-button usa-button--outline"
        onClick={() => void familyApi.shortlist(family.id).then(setList)}
      >
        Show the shortlist for {family.name}
      </button>
      {list !== null && list.proposals.length === 0 && <p>No volunteer fits today.</p>}
      {list !== null && list.proposals.length > 0 && (
        <ol className="usa-list" aria-label={`Proposed volunteers for ${family.name}`}>
          {list.proposals.map((p) => (
            <li key={p.volunteerId}>
              <strong>{p.name}</strong>: {p.reasons.join('; ')}.{' '}
              <button
                type="button"
                className="usa-button usa-button--outline"
                onClick={() =>
                  void act(async () => {
                    await familyApi.confirm(family.id, p.volunteerId);
                    setList(null);
                  })()
                }
              >
                Confirm {p.name}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function MatchInForce({ family, match, act }: { family: Family; match: Match; act: Act }) {
  const [concern, setConcern] = useState(false);
  const [ending, setEnding] = useState(false);
  const who = `${match.volunteer} and ${family.name}`;
  return (
    <div className="margin-bottom-2" role="group" aria-label={`Match of ${who}`}>
      <p className="margin-bottom-1">
        Matched with {match.volunteer} since {match.startedOn}.{' '}
        {match.consentOn === null ? (
          <button
            type="button"
            className="usa-button usa-button--outline"
            onClick={() => void act(() => familyApi.recordConsent(match.id, today()))()}
          >
            Record the family’s consent for {match.volunteer}
          </button>
        ) : (
          `Consent recorded on ${match.consentOn}.`
        )}
      </p>
      {match.nextCheckIn !== null && (
        <p className="margin-y-1">
          Next check-in {match.nextCheckIn.dueOn} ({STATE_WORDS[match.nextCheckIn.state]})
          {match.lastCheckInOn !== null && `; last on ${match.lastCheckInOn}`}.
        </p>
      )}
      <div className="usa-checkbox">
        <input
          className="usa-checkbox__input"
          id={`concern-${match.id}`}
          type="checkbox"
          checked={concern}
          onChange={(e) => setConcern(e.target.checked)}
        />
        <label className="usa-checkbox__label" htmlFor={`concern-${match.id}`}>
          A concern came up in the check-in with {match.volunteer}
        </label>
      </div>
      <button
        type="button"
        className="usa-button usa-button--outline"
        onClick={() =>
          void act(async () => {
            await familyApi.recordCheckIn(match.id, today(), concern);
            setConcern(false);
          }, `Check-in recorded for ${who}.`)()
        }
      >
        Record today’s check-in with {match.volunteer}
      </button>
      {ending ? (
        <EndMatchForm match={match} who={who} act={act} onCancel={() => setEnding(false)} />
      ) : (
        <button type="button" className="usa-button usa-button--unstyled" onClick={() => setEnding(true)}>
          End the match of {who}
        </button>
      )}
    </div>
  );
}

function EndMatchForm({ match, who, act, onCancel }: { match: Match; who: string; act: Act; onCancel: () => void }) {
  const [endedOn, setEndedOn] = useState(today());
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act(() => familyApi.endMatch(match.id, endedOn, reason), `The match of ${who} has ended.`)();
  };
  return (
    <form className="usa-form" aria-label={`End the match of ${who}`} onSubmit={submit}>
      <DateTimeField id={`end-on-${match.id}`} type="date" label="Ended on" value={endedOn} onChange={setEndedOn} required />
      <SelectField
        id={`end-reason-${match.id}`}
        label="Why it ends"
        value={reason}
        onChange={setReason}
        options={END_REASONS}
        required
      />
      <button type="submit" className="usa-button usa-button--secondary">
        End the match
      </button>
      <button type="button" className="usa-button usa-button--unstyled" onClick={onCancel}>
        Keep the match
      </button>
    </form>
  );
}
