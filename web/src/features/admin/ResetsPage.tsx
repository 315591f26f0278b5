import { Button, ButtonGroup, Table } from '@trussworks/react-uswds';
import { useState } from 'react';
import { Notice, type NoticeMessage } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { adminApi, when, type ResetRequest } from './api';
import { useLoad } from '../../components/useLoad';

const KIND = { password: 'Password', second_factor: 'Second factor' } as const;
const STATUS = { open: 'Waiting for approval', approved: 'Approved', cancelled: 'Cancelled', expired: 'Expired' } as const;

/** `/app/admin/resets`: resets asked for, which a second administrator approves. */
export function ResetsPage({ selfId }: { selfId: string }) {
  const { data: items, error, reload } = useLoad((signal) => adminApi.resets(signal), []);
  const [notice, setNotice] = useState<NoticeMessage | null>(null);
  const [link, setLink] = useState<string | null>(null);

  const approve = async (r: ResetRequest): Promise<void> => {
    try {
      const done = await adminApi.approve(r.id);
      setLink(done.setupUrl);
      setNotice({
        type: 'success',
        text:
          done.setupUrl === null
            ? `Reset the second factor of ${r.userEmail}: they set up an authenticator app at their next sign-in.`
            : `Reset the password of ${r.userEmail}. Send them the set-up link below; it is shown only now.`,
      });
      await reload();
    } catch (err) {
      setNotice({ type: 'error', text: errorText(err) });
    }
  };
  const cancel = async (r: ResetRequest): Promise<void> => {
    try {
      await adminApi.cancel(r.id);
      setNotice({ type: 'success', text: `Cancelled the request for ${r.userEmail}.` });
      await reload();
    } catch (err) {
      setNotice({ type: 'error', text: errorText(err) });
    }
  };

  return (
    <Page heading="Reset requests">
      <p>
        A reset of a password or second factor takes effect only when a second administrator approves it. Nobody approves their
        own request, or a reset of their own account.
      </p>
      {notice !== null && <Notice type={notice.type}>{notice.text}</Notice>}
      {link !== null && (
        <p className="text-break-all">
          Set-up link: <code data-testid="reset-link">{link}</code>
        </p>
      )}
      {error !== null && <Notice type="error">{error}</Notice>}
      {items === null && error === null && <p role="status">Loading reset requests…</p>}
      {items !== null && items.length === 0 && <p>There are no reset requests.</p>}
      {items !== null && items.length > 0 && (
        <Table caption="Reset requests, open ones first" fullWidth striped stackedStyle="headers">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Reset</th>
              <th scope="col">Asked by</th>
              <th scope="col">Asked</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="usa-sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.userEmail}</th>
                <td data-label="Reset">{KIND[r.kind]}</td>
                <td data-label="Asked by">{r.requestedByEmail}</td>
                <td data-label="Asked">{when(r.createdAt)}</td>
                <td data-label="Status">
                  {STATUS[r.status]}
                  {r.approvedByEmail !== null ? ` by ${r.approvedByEmail}` : ''}
                </td>
                <td data-label="Actions">
                  {r.status === 'open' && (
                    <ButtonGroup type="default">
                      {r.requestedBy !== selfId && r.userId !== selfId ? (
                        <Button
                          type="button"
                          onClick={() => void approve(r)}
                          aria-label={`Approve the ${KIND[r.kind].toLowerCase()} reset of ${r.userEmail}`}
                        >
                          Approve
                        </Button>
                      ) : (
                        <span>Another administrator must approve</span>
                      )}
                      <Button
                        type="button"
                        outline
                        onClick={() => void cancel(r)}
                        aria-label={`Cancel the ${KIND[r.kind].toLowerCase()} reset of ${r.userEmail}`}
                      >
                        Cancel
                      </Button>
                    </ButtonGroup>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Page>
  );
}
