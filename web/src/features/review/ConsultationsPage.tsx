import { Button, Form } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import { AppLink, paths } from '../../app/router';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { DateTimeField, TextField } from '../../components/fields';
import { useLoad } from '../../components/useLoad';
import { reviewApi } from './api';

/** `/app/review/time`: experts log their consultation time; supervisors see minutes per expert per month. */
export function ConsultationsPage({ isExpert, canSeeTotals }: { isExpert: boolean; canSeeTotals: boolean }) {
  return (
    <Page
      heading="Consultation time"
      above={
        <p>
          <AppLink href={paths.review()} className="usa-link">
            Review requests
          </AppLink>
        </p>
      }
    >
      {isExpert && <MyTime />}
      {canSeeTotals && <Totals />}
    </Page>
  );
}

function MyTime() {
  const { data, error, reload } = useLoad((signal) => reviewApi.myTime(signal), []);
  const [workedOn, setWorkedOn] = useState(new Date().toISOString().slice(0, 10));
  const [minutes, setMinutes] = useState('');
  const [what, setWhat] = useState('');
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const log = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await reviewApi.logTime({ workedOn, minutes: Number(minutes), what });
      setNotice({ ok: true, text: 'Time logged.' });
      setMinutes('');
      setWhat('');
      await reload();
    } catch (err) {
      setNotice({ ok: false, text: errorText(err) });
    }
  };
  return (
    <section aria-labelledby="log">
      <Form onSubmit={(e) => void log(e)} large>
        <h2 id="log">Log time</h2>
        {notice !== null && <Notice type={notice.ok ? 'success' : 'error'}>{notice.text}</Notice>}
        <DateTimeField id="worked-on" label="Date" type="date" value={workedOn} onChange={setWorkedOn} required />
        <TextField id="minutes" label="Minutes" type="number" value={minutes} onChange={setMinutes} required />
        <TextField id="what" label="What you worked on" value={what} onChange={setWhat} required />
        <Button type="submit">Log the time</Button>
      </Form>
      {error !== null && <Notice type="error">{error}</Notice>}
      {data !== null && data.length > 0 && (
        <table className="usa-table usa-table--borderless">
          <caption>Your logged time</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Minutes</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {data.map((c) => (
              <tr key={c.id}>
                <td>{c.workedOn}</td>
                <td>{c.minutes}</td>
                <td>{c.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Totals() {
  const { data, error } = useLoad((signal) => reviewApi.totals(signal), []);
  return (
    <section aria-labelledby="totals">
      <h2 id="totals">Time per expert per month</h2>
      {error !== null && <Notice type="error">{error}</Notice>}
      {data !== null && data.length === 0 && <p>No time has been logged.</p>}
      {data !== null && data.length > 0 && (
        <table className="usa-table usa-table--borderless">
          <caption>Minutes per expert per month</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Expert</th>
              <th scope="col">Minutes</th>
              <th scope="col">Entries</th>
            </tr>
          </thead>
          <tbody>
            {data.map((t) => (
              <tr key={`${t.month}-${t.expert}`}>
                <td>{t.month}</td>
                <td>{t.expert}</td>
                <td>{t.minutes}</td>
                <td>{t.entries}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
