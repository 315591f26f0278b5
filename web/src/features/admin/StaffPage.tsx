import { Button, ButtonGroup, Form, Table } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/fields';
import { Notice, type NoticeMessage } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { adminApi, ROLE_LABELS, roleOf, statesOf, when, type ResetKind, type StaffMember, type StaffRole } from './api';
import { useLoad } from '../../components/useLoad';

const factorsText = (s: StaffMember) =>
  [
    s.passwordSet ? 'password' : 'no password yet',
    s.totp ? 'authenticator app' : null,
    s.passkeys > 0 ? `${s.passkeys} passkey${s.passkeys === 1 ? '' : 's'}` : null,
  ]
    .filter((x) => x !== null)
    .join(', ');

/** `/app/admin/staff`: everyone with an account; invite, change, disable, ask for a reset. */
export function StaffPage({ selfId }: { selfId: string }) {
  const { data: items, error, reload } = useLoad((signal) => adminApi.staff(signal), []);
  const [notice, setNotice] = useState<NoticeMessage | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const member = items?.find((s) => s.id === chosen) ?? null;

  const act = async (work: () => Promise<string>): Promise<void> => {
    try {
      setNotice({ type: 'success', text: await work() });
      await reload();
    } catch (err) {
      setNotice({ type: 'error', text: errorText(err) });
    }
  };

  return (
    <Page heading="Staff">
      {notice !== null && <Notice type={notice.type}>{notice.text}</Notice>}
      {error !== null && <Notice type="error">{error}</Notice>}
      {items === null && error === null && <p role="status">Loading staff…</p>}
      {items !== null && (
        <Table caption="Staff accounts, by email" fullWidth striped stackedStyle="headers">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Jurisdictions</th>
              <th scope="col">Sign-in</th>
              <th scope="col">Last signed in</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <Button type="button" unstyled onClick={() => setChosen(s.id)} aria-label={`Change ${s.email}`}>
                    {s.email}
                  </Button>
                </th>
                <td data-label="Role">{ROLE_LABELS[s.role] ?? s.role}</td>
                <td data-label="Jurisdictions">{s.jurisdictions.length === 0 ? 'All' : s.jurisdictions.join(', ')}</td>
                <td data-label="Sign-in">{factorsText(s)}</td>
                <td data-label="Last signed in" className="text-no-wrap">
                  {when(s.lastSignedInAt)}
                </td>
                <td data-label="Status">{s.disabled ? 'Disabled' : 'Active'}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {member !== null && (
        <MemberForm key={member.id} member={member} self={member.id === selfId} act={act} onClose={() => setChosen(null)} />
      )}
      <InviteForm act={act} />
    </Page>
  );
}

type Act = (work: () => Promise<string>) => Promise<void>;

function MemberForm({ member, self, act, onClose }: { member: StaffMember; self: boolean; act: Act; onClose: () => void }) {
  const [role, setRole] = useState(member.role);
  const [states, setStates] = useState(member.jurisdictions.join(', '));
  const save = (event: FormEvent): void => {
    event.preventDefault();
    void act(async () => {
      await adminApi.update(member.id, { ...(role !== member.role ? { role } : {}), jurisdictions: statesOf(states) });
      return `Saved the changes to ${member.email}.`;
    });
  };
  const reset = (kind: ResetKind) =>
    act(async () => {
      await adminApi.requestReset(member.id, kind);
      return `Asked to reset the ${kind === 'password' ? 'password' : 'second factor'} of ${member.email}. Another administrator must approve it under Reset requests.`;
    });
  return (
    <section aria-labelledby="member-heading">
      <h2 id="member-heading">Change {member.email}</h2>
      <Form onSubmit={save} large>
        <SelectField
          id="member-role"
          label="Role"
          value={role}
          disabled={self}
          options={ROLE_LABELS}
          empty={null}
          onChange={(v) => setRole(roleOf(v))}
        />
        <Field
          id="member-states"
          name="states"
          type="text"
          label="Jurisdictions"
          hint="State codes separated by commas, e.g. OK, TX. Leave empty for all."
          value={states}
          onChange={(e) => setStates(e.target.value)}
        />
        <ButtonGroup>
          <Button type="submit">Save changes</Button>
          <Button type="button" outline onClick={onClose}>
            Close
          </Button>
        </ButtonGroup>
      </Form>
      <h3>Access</h3>
      <ButtonGroup>
        {member.disabled ? (
          <Button
            type="button"
            onClick={() =>
              void act(async () => {
                await adminApi.enable(member.id);
                return `Enabled ${member.email}.`;
              })
            }
          >
            Enable account
          </Button>
        ) : (
          <Button
            type="button"
            secondary
            disabled={self}
            onClick={() =>
              void act(async () => {
                await adminApi.disable(member.id);
                return `Disabled ${member.email}; their sessions have ended.`;
              })
            }
          >
            Disable account
          </Button>
        )}
        <Button type="button" outline onClick={() => void reset('password')}>
          Ask for a password reset
        </Button>
        <Button type="button" outline onClick={() => void reset('second_factor')}>
          Ask for a second-factor reset
        </Button>
      </ButtonGroup>
    </section>
  );
}

function InviteForm({ act }: { act: Act }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('analyst');
  const [states, setStates] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void act(async () => {
      const invited = await adminApi.invite({ email, role, jurisdictions: statesOf(states) });
      setLink(invited.setupUrl);
      setEmail('');
      setStates('');
      return `Invited ${email}. Send them the set-up link below; it is shown only now and works for 72 hours.`;
    });
  };
  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite a colleague</h2>
      {link !== null && (
        <p className="text-break-all">
          Set-up link: <code data-testid="setup-link">{link}</code>
        </p>
      )}
      <Form onSubmit={submit} large>
        <Field
          id="invite-email"
          name="email"
          type="email"
          label="Email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
        />
        <SelectField
          id="invite-role"
          label="Role"
          value={role}
          options={ROLE_LABELS}
          empty={null}
          onChange={(v) => setRole(roleOf(v))}
        />
        <Field
          id="invite-states"
          name="states"
          type="text"
          label="Jurisdictions"
          hint="State codes separated by commas. Leave empty for all."
          value={states}
          onChange={(e) => setStates(e.target.value)}
        />
        <Button type="submit">Invite</Button>
      </Form>
    </section>
  );
}
