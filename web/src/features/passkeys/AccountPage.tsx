import { Button, Table } from '@trussworks/react-uswds';
import { useState } from 'react';
import { Notice, type NoticeMessage } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { useLoad } from '../../components/useLoad';
import { AddPasskeyForm } from './AddPasskeyForm';
import { passkeysApi, type Passkey } from './api';
import { formatDateTime } from '../../components/format';

const when = (iso: string | null): string => (iso === null ? 'Never' : formatDateTime(iso));

/** `/app/account`: the signed-in person's own ways of confirming it is them. */
export function AccountPage({ email }: { email: string }) {
  const { data: listing, setData: setListing, error } = useLoad((signal) => passkeysApi.list(signal), []);
  const [notice, setNotice] = useState<NoticeMessage | null>(null);
  // A failed load is said where notices are, until an action says something newer.
  const shown = notice ?? (error === null ? null : { type: 'error' as const, text: error });

  const load = async (): Promise<void> => {
    try {
      setListing(await passkeysApi.list());
    } catch (err) {
      setNotice({ type: 'error', text: errorText(err) });
    }
  };

  const onAdded = async (passkey: Passkey): Promise<void> => {
    setNotice({ type: 'success', text: `Passkey “${passkey.name}” added.` });
    await load();
  };

  const remove = async (passkey: Passkey): Promise<void> => {
    try {
      await passkeysApi.remove(passkey.id);
      setNotice({ type: 'success', text: `Passkey “${passkey.name}” removed.` });
      await load();
    } catch (err) {
      setNotice({ type: 'error', text: errorText(err) });
    }
  };

  return (
    <Page heading="Your account">
      <p>
        Signed in as <strong>{email}</strong>.
      </p>
      {shown !== null && <Notice type={shown.type}>{shown.text}</Notice>}
      <h2>Passkeys</h2>
      <p>
        A passkey confirms it is you after your password, on this device, your phone or a security key. It only works on
        Beacon&apos;s own address, so a fake sign-in page cannot use it.
        {listing?.totp === true && !listing.passkeyRequired && ' You can still use your authenticator app instead.'}
      </p>
      {listing === null && shown === null && <p role="status">Loading your passkeys…</p>}
      {listing !== null && listing.passkeys.length === 0 && <p>You have no passkeys yet.</p>}
      {listing !== null && listing.passkeys.length > 0 && (
        <Table bordered={false} fullWidth>
          <caption className="usa-sr-only">Your passkeys</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Added</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="usa-sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {listing.passkeys.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td>{when(p.createdAt)}</td>
                <td>{when(p.lastUsedAt)}</td>
                <td>
                  <Button type="button" unstyled onClick={() => void remove(p)} aria-label={`Remove passkey ${p.name}`}>
                    Remove
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <h3>Add a passkey</h3>
      <AddPasskeyForm submitLabel="Add passkey" onAdded={(passkey) => onAdded(passkey)} />
    </Page>
  );
}
