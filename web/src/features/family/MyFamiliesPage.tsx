import { useState, type FormEvent } from 'react';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { TextField } from '../../components/fields';
import { useLoad } from '../../components/useLoad';
import { familyApi, type MyFamilies } from './api';

type Family = MyFamilies['items'][number];
const today = () => new Date().toISOString().slice(0, 10);

/** `/app/my/families`: a volunteer's matched families, only what each agreed to share, and their calls. */
export function MyFamiliesPage() {
  const { data, error, setData } = useLoad((signal) => familyApi.myFamilies(signal), []);
  const reload = async () => setData(await familyApi.myFamilies(new AbortController().signal));
  return (
    <Page heading="Your families">
      {error !== null && <Notice type="error">{error}</Notice>}
      {data === null && error === null && <p role="status">Loading…</p>}
      {data !== null && data.items.length === 0 && (
        <p>You have no family to call yet. A coordinator will tell you when a family has agreed to be contacted.</p>
      )}
      {data?.items.map((f) => (
        <FamilyCard key={f.matchId} family={f} onLogged={reload} />
      ))}
    </Page>
  );
}

function FamilyCard({ family, onLogged }: { family: Family; onLogged: () => Promise<void> }) {
  const headingId = `family-${family.matchId}`;
  return (
    <section aria-labelledby={headingId} className="margin-bottom-4">
      <h2 id={headingId}>{family.familyName}</h2>
      <p>Matched since {family.startedOn}.</p>
      {family.contacts.length === 0 ? (
        <p>The family has not shared a contact with you.</p>
      ) : (
        <ul className="usa-list" aria-label="Contact the family shared">
          {family.contacts.map((c) => (
            <li key={`${c.label}:${c.value}`}>
              {c.label}: {c.value}
            </li>
          ))}
        </ul>
      )}
      {family.note !== null && <p>Note from the family: {family.note}</p>}
      <h3>Calls</h3>
      {family.calls.length === 0 ? (
        <p>No call logged yet.</p>
      ) : (
        <table className="usa-table">
          <caption>Calls with {family.familyName}</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Minutes</th>
              <th scope="col">Topics</th>
              <th scope="col">Follow-up needed</th>
            </tr>
          </thead>
          <tbody>
            {family.calls.map((c) => (
              <tr key={c.id}>
                <td>{c.calledOn}</td>
                <td>{c.minutes}</td>
                <td>{c.topics.join(', ')}</td>
                <td>{c.followUpNeeded ? 'Yes' : 'No'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CallForm matchId={family.matchId} onLogged={onLogged} />
    </section>
  );
}

function CallForm({ matchId, onLogged }: { matchId: string; onLogged: () => Promise<void> }) {
  const [calledOn, setCalledOn] = useState(today());
  const [minutes, setMinutes] = useState('');
  const [topics, setTopics] = useState('');
  const [followUp, setFollowUp] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await familyApi.logCall(matchId, {
        calledOn,
        minutes: Number(minutes),
        topics: topics
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        followUpNeeded: followUp,
      });
      setProblem(null);
      setDone(true);
      setMinutes('');
      setTopics('');
      await onLogged();
    } catch (err) {
      setProblem(errorText(err));
      setDone(false);
    }
  };
  const id = (name: string) => `${name}-${matchId}`;
  return (
    <form className="usa-form" onSubmit={(e) => void submit(e)} aria-label="Log a call">
      {problem !== null && <Notice type="error">{problem}</Notice>}
      {done && <Notice type="success">Call logged.</Notice>}
      <TextField id={id('called-on')} label="Date of the call (yyyy-mm-dd)" value={calledOn} onChange={setCalledOn} required />
      <TextField id={id('minutes')} label="Length in minutes" type="number" value={minutes} onChange={setMinutes} required />
      <TextField id={id('topics')} label="Topics" hint="Separated by commas" value={topics} onChange={setTopics} />
      <div className="usa-checkbox">
        <input
          className="usa-checkbox__input"
          id={id('follow-up')}
          type="checkbox"
          checked={followUp}
          onChange={(e) => setFollowUp(e.target.checked)}
        />
        <label className="usa-checkbox__label" htmlFor={id('follow-up')}>
          Follow-up needed
        </label>
      </div>
      <button type="submit" className="usa-button">
        Log the call
      </button>
    </form>
  );
}
