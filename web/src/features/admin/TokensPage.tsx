import { Button, Form, Table } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { Notice, type NoticeMessage } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { adminApi, when, type ApiToken } from './api';
import { useLoad } from '../../components/useLoad';

/** `/app/admin/tokens`: the API tokens electronic service providers send reports with. */
export function TokensPage() {
  const { data: items, error, reload } = useLoad((signal) => adminApi.tokens(signal), []);
  const [notice, setNotice] = useState<NoticeMessage | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [organisation, setOrganisation] = useState('');
  const [label, setLabel] = useState('');

  const create = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    try {
      const created = await adminApi.createToken({ organisation, ...(label.trim() === '' ? {} : { label }) });
      setSecret(created.token);
      setNotice({ type: 'success', text: `Created a token for ${organisation}. Copy it now: it is shown only once.` });
      setOrganisation('');
      setLabel('');
      await reload();
    } catch (err) {
      setNotice({ type: 'error', text: errorText(err) });
    }
  };
  const revoke = async (t: ApiToken): Promise<void> => {
    try {
      await adminApi.revokeToken(t.id);
      setNotice({ type: 'success', text: `Revoked the token of ${t.organisation}. It no longer works.` });
      await reload();
    } catch (err) {
      setNotice({ type: 'error', text: errorText(err) });
    }
  };

  return (
    <Page heading="API tokens">
      <p>
        Electronic service providers send reports to Beacon with a token. Only a fingerprint of each token is kept, so a lost
        token cannot be shown again: revoke it and create another.
      </p>
      {notice !== null && <Notice type={notice.type}>{notice.text}</Notice>}
      {secret !== null && (
        <p className="text-break-all">
          Token: <code data-testid="new-token">{secret}</code>
        </p>
      )}
      {error !== null && <Notice type="error">{error}</Notice>}
      {items === null && error === null && <p role="status">Loading tokens…</p>}
      {items !== null && items.length === 0 && <p>There are no tokens yet.</p>}
      {items !== null && items.length > 0 && (
        <Table caption="Tokens, oldest first" fullWidth striped stackedStyle="headers">
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col">Note</th>
              <th scope="col">Created</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="usa-sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((t) => (
              <tr key={t.id}>
                <th scope="row">{t.organisation}</th>
                <td data-label="Note">{t.label ?? '—'}</td>
                <td data-label="Created">{when(t.createdAt)}</td>
                <td data-label="Status">{t.revokedAt === null ? 'Active' : `Revoked ${when(t.revokedAt)}`}</td>
                <td data-label="Actions">
                  {t.revokedAt === null && (
                    <Button
                      type="button"
                      secondary
                      onClick={() => void revoke(t)}
                      aria-label={`Revoke the token of ${t.organisation}${t.label ? ` (${t.label})` : ''}`}
                    >
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <h2>Create a token</h2>
      <Form onSubmit={(e) => void create(e)} large>
        <Field
          id="token-org"
          name="organisation"
          type="text"
          label="Organisation"
          hint="The service provider the token is for"
          value={organisation}
          onChange={(e) => setOrganisation(e.target.value)}
          required
        />
        <Field
          id="token-label"
          name="label"
          type="text"
          label="Note (optional)"
          hint="For example which of their systems holds it"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
        />
        <Button type="submit">Create token</Button>
      </Form>
    </Page>
  );
}
