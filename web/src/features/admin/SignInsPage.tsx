import { Table } from '@trussworks/react-uswds';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { adminApi, when } from './api';
import { useLoad } from '../../components/useLoad';

const OUTCOME = {
  signed_in: 'Signed in',
  wrong_password: 'Wrong password',
  wrong_code: 'Wrong code',
  passkey_refused: 'Passkey refused',
} as const;

/** `/app/admin/sign-ins`: who signed in when, and the attempts that failed. */
export function SignInsPage() {
  const { data: items, error } = useLoad((signal) => adminApi.signIns(signal), []);
  return (
    <Page heading="Sign-ins">
      {error !== null && <Notice type="error">{error}</Notice>}
      {items === null && error === null && <p role="status">Loading sign-ins…</p>}
      {items !== null && items.length === 0 && <p>Nobody has signed in yet.</p>}
      {items !== null && items.length > 0 && (
        <Table caption="Sign-ins and failed attempts, newest first (the last 200)" fullWidth striped stackedStyle="headers">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Account</th>
              <th scope="col">Outcome</th>
              <th scope="col">Method</th>
            </tr>
          </thead>
          <tbody>
            {items.map((s, i) => (
              <tr key={`${s.at}-${i}`}>
                <th scope="row">
                  <time dateTime={s.at}>{when(s.at)}</time>
                </th>
                <td data-label="Account">{s.email ?? 'Unknown account'}</td>
                <td data-label="Outcome">{OUTCOME[s.outcome]}</td>
                <td data-label="Method">{s.method ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Page>
  );
}
