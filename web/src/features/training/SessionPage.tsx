import { Button, Table } from '@trussworks/react-uswds';
import { useState } from 'react';
import { AppLink, paths } from '../../app/router';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { useLoad } from '../../components/useLoad';
import { AUDIENCES, trainingApi, utc } from './api';

const STATUS: Readonly<Record<string, string>> = {
  booked: 'Booked',
  waitlisted: 'Waitlisted',
  cancelled: 'Cancelled',
  attended: 'Attended',
  no_show: 'No-show',
};

/** `/app/training/sessions/:id`: the roster in registration order, cancellations and attendance. */
export function SessionPage({ id }: { id: string }) {
  const { data, error, reload } = useLoad((signal) => trainingApi.session(id, signal), [id]);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const act = async (run: () => Promise<string>) => {
    try {
      setNotice({ ok: true, text: await run() });
      await reload();
    } catch (err) {
      setNotice({ ok: false, text: errorText(err) });
    }
  };
  const started = data !== null && new Date(data.session.startsAt).getTime() <= Date.now();
  return (
    <Page
      heading={data === null ? 'Training session' : `${data.session.courseTitle}, ${utc(data.session.startsAt)}`}
      above={
        <p>
          <AppLink href={paths.trainingSessions()} className="usa-link">
            Training sessions
          </AppLink>
        </p>
      }
    >
      {error !== null && <Notice type="error">{error}</Notice>}
      {notice !== null && <Notice type={notice.ok ? 'success' : 'error'}>{notice.text}</Notice>}
      {data !== null && (
        <>
          <p>
            {data.session.place} · {AUDIENCES[data.session.audience]} · {data.session.booked} of {data.session.capacity} places
            booked, {data.session.waitlisted} waiting
          </p>
          {!started && <p>Attendance can be taken once the session has started.</p>}
          {data.roster.length === 0 ? (
            <p>Nobody has registered yet.</p>
          ) : (
            <Table caption="Roster, in registration order" fullWidth striped stackedStyle="headers">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Status</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {data.roster.map((b) => (
                  <tr key={b.id}>
                    <th scope="row">{b.name}</th>
                    <td data-label="Email" className="beacon-email">
                      {b.email}
                    </td>
                    <td data-label="Status">
                      {STATUS[b.status]}
                      {b.certificateCode !== null && ` (certificate ${b.certificateCode})`}
                    </td>
                    <td data-label="Actions">
                      {(b.status === 'booked' || b.status === 'waitlisted') && (
                        <Button
                          type="button"
                          unstyled
                          onClick={() =>
                            void act(async () => {
                              const r = await trainingApi.cancel(id, b.id);
                              return r.promoted > 0 ? `Cancelled; the first on the waitlist has the place.` : 'Cancelled.';
                            })
                          }
                        >
                          Cancel<span className="usa-sr-only"> {b.name}</span>
                        </Button>
                      )}
                      {started && b.status !== 'cancelled' && b.status !== 'waitlisted' && (
                        <>
                          {' '}
                          <Button
                            type="button"
                            unstyled
                            onClick={() =>
                              void act(async () => {
                                const r = await trainingApi.attendance(id, [{ booking: b.id, mark: 'attended' }]);
                                return `Marked attended; ${r.certificates} certificate issued.`;
                              })
                            }
                          >
                            Attended<span className="usa-sr-only">: {b.name}</span>
                          </Button>{' '}
                          <Button
                            type="button"
                            unstyled
                            onClick={() =>
                              void act(async () => {
                                await trainingApi.attendance(id, [{ booking: b.id, mark: 'no_show' }]);
                                return 'Marked as not attending.';
                              })
                            }
                          >
                            No-show<span className="usa-sr-only">: {b.name}</span>
                          </Button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </>
      )}
    </Page>
  );
}
