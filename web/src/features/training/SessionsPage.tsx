import { Button, Form, Table } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import type { NewTrainingSession } from '../../api/types';
import { AppLink, paths } from '../../app/router';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { DateTimeField, SelectField, TextField } from '../../components/fields';
import { useLoad } from '../../components/useLoad';
import { AUDIENCES, trainingApi, utc } from './api';

const LANGS = { en: 'English', es: 'Spanish' };

/** `/app/training/sessions`: a trainer's in-person sessions, and a form to schedule one. */
export function SessionsPage() {
  const { data, error, reload } = useLoad((signal) => trainingApi.sessions(signal), []);
  return (
    <Page heading="Training sessions">
      {error !== null && <Notice type="error">{error}</Notice>}
      {data !== null && data.length === 0 && <p>No sessions are scheduled.</p>}
      {data !== null && data.length > 0 && (
        <Table caption="Sessions, soonest first" fullWidth striped stackedStyle="headers">
          <thead>
            <tr>
              <th scope="col">Starts</th>
              <th scope="col">Course</th>
              <th scope="col">Place</th>
              <th scope="col">Booked</th>
              <th scope="col">Waitlist</th>
            </tr>
          </thead>
          <tbody>
            {data.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <AppLink href={paths.trainingSession(s.id)} className="usa-link">
                    {utc(s.startsAt)}
                  </AppLink>
                </th>
                <td data-label="Course">
                  {s.courseTitle} ({AUDIENCES[s.audience]}, {LANGS[s.lang]})
                </td>
                <td data-label="Place">{s.place}</td>
                <td data-label="Booked">
                  {s.booked} of {s.capacity}
                </td>
                <td data-label="Waitlist">{s.waitlisted}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <NewSession onCreated={reload} />
    </Page>
  );
}

function NewSession({ onCreated }: { onCreated: () => Promise<void> }) {
  const [audience, setAudience] = useState('education');
  const [lang, setLang] = useState('en');
  const [place, setPlace] = useState('');
  const [starts, setStarts] = useState('');
  const [ends, setEnds] = useState('');
  const [capacity, setCapacity] = useState('20');
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await trainingApi.create({
        course: 'recognise-respond',
        audience: audience as NewTrainingSession['audience'],
        lang: lang === 'es' ? 'es' : 'en',
        place,
        startsAt: `${starts}:00Z`,
        endsAt: `${ends}:00Z`,
        capacity: Number(capacity),
      });
      setNotice({ ok: true, text: 'Session scheduled.' });
      setPlace('');
      await onCreated();
    } catch (err) {
      setNotice({ ok: false, text: errorText(err) });
    }
  };
  return (
    <section aria-labelledby="new-session">
      <Form onSubmit={(e) => void submit(e)} large>
        <h2 id="new-session">Schedule a session</h2>
        {notice !== null && <Notice type={notice.ok ? 'success' : 'error'}>{notice.text}</Notice>}
        <SelectField
          id="audience"
          label="Audience"
          options={AUDIENCES}
          value={audience}
          onChange={setAudience}
          empty={null}
          required
        />
        <SelectField id="lang" label="Language" options={LANGS} value={lang} onChange={setLang} empty={null} required />
        <TextField id="place" label="Place" value={place} onChange={setPlace} required />
        <DateTimeField id="starts" label="Starts (UTC)" type="datetime-local" value={starts} onChange={setStarts} required />
        <DateTimeField id="ends" label="Ends (UTC)" type="datetime-local" value={ends} onChange={setEnds} required />
        <TextField id="capacity" label="Places" type="number" value={capacity} onChange={setCapacity} required />
        <Button type="submit">Schedule the session</Button>
      </Form>
    </section>
  );
}
