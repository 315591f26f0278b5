import { useState } from 'react';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { useLoad } from '../../components/useLoad';
import { familyApi, type FamiliesToMatch, type VolunteerShortlist } from './api';

type Family = FamiliesToMatch['items'][number];
const today = () => new Date().toISOString().slice(0, 10);

/** `/app/volunteers/match`: Beacon's shortlist for each family, with reasons; a person confirms and records consent. */
export function MatchPage() {
  const { data, error, setData } = useLoad((signal) => familyApi.familiesToMatch(signal), []);
  const [problem, setProblem] = useState<string | null>(null);
  const reload = async () => setData(await familyApi.familiesToMatch());
  const act = (run: () => Promise<unknown>) => async () => {
    try {
      await run();
      setProblem(null);
      await reload();
    } catch (err) {
      setProblem(errorText(err));
    }
  };
  return (
    <Page heading="Match volunteers with families">
      {error !== null && <Notice type="error">{error}</Notice>}
      {problem !== null && <Notice type="error">{problem}</Notice>}
      {data?.items.map((f) => (
        <FamilyMatches key={f.id} family={f} act={act} />
      ))}
    </Page>
  );
}

function FamilyMatches({ family, act }: { family: Family; act: (run: () => Promise<unknown>) => () => Promise<void> }) {
  const [list, setList] = useState<VolunteerShortlist | null>(null);
  const headingId = `match-${family.id}`;
  return (
    <section aria-labelledby={headingId} className="margin-bottom-4">
      <h2 id={headingId}>{family.name}</h2>
      <p>
        Region {family.region}; languages {family.languages.join(', ') || 'none given'}.
      </p>
      {family.matches.map((m) => (
        <p key={m.id}>
          Matched with {m.volunteer} since {m.startedOn}.{' '}
          {m.consentOn === null ? (
            <button
              type="button"
              className="usa-button usa-button--outline"
              onClick={() => void act(() => familyApi.recordConsent(m.id, today()))()}
            >
              Record the family’s consent for {m.volunteer}
            </button>
          ) : (
            `Consent recorded on ${m.consentOn}.`
          )}
        </p>
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
