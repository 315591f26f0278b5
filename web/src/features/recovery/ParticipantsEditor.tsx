import { Button, Checkbox } from '@trussworks/react-uswds';
import { useState } from 'react';
import type { AssistancePlan, PlanContent, PlanParticipant } from '../../api/types';
import { Notice, type NoticeMessage } from '../../components/Notice';
import { errorText } from '../../components/errors';
import { SelectField, TextField } from '../../components/fields';
import { recoveryApi } from './api';
import { newItemId, PARTICIPANT_LABELS } from './text';

type Props = { plan: AssistancePlan; content: PlanContent; onChange: (c: PlanContent) => void; disabled: boolean };

/** Who took part in making the plan, and the outside accounts invited to see it. */
export function ParticipantsEditor({ plan, content, onChange, disabled }: Props) {
  const set = (i: number, p: PlanParticipant) =>
    onChange({ ...content, participants: content.participants.map((q, j) => (j === i ? p : q)) });
  const add = () =>
    onChange({
      ...content,
      participants: [...content.participants, { id: newItemId(), kind: 'foster_parent', name: '', tookPart: true }],
    });
  const remove = (i: number) => onChange({ ...content, participants: content.participants.filter((_, j) => j !== i) });
  return (
    <section aria-labelledby="participants">
      <h3 id="participants">Who took part</h3>
      <p className="usa-hint">
        A young person of 14 or over takes part in making the plan and may name up to two people to the planning team. Say why a
        parent or guardian did not take part.
      </p>
      {content.participants.map((p, i) => (
        <fieldset key={p.id} className="usa-fieldset border-1px border-base-lighter padding-2 margin-bottom-2">
          <legend className="usa-legend">Participant {i + 1}</legend>
          <SelectField
            id={`participant-${i}-kind`}
            label="Who"
            value={p.kind}
            options={PARTICIPANT_LABELS}
            empty={null}
            disabled={disabled}
            onChange={(v) => set(i, { ...p, kind: v as PlanParticipant['kind'] })}
          />
          <TextField id={`participant-${i}-name`} label="Name" value={p.name} onChange={(v) => set(i, { ...p, name: v })} />
          <Checkbox
            id={`participant-${i}-took-part`}
            name={`participant-${i}-took-part`}
            label="Took part in making the plan"
            checked={p.tookPart}
            onChange={(e) => set(i, { ...p, tookPart: e.target.checked })}
          />
          {!p.tookPart && (
            <TextField
              id={`participant-${i}-reason`}
              label="Why they did not take part"
              value={p.notPartReason ?? ''}
              onChange={(v) => set(i, { ...p, notPartReason: v })}
            />
          )}
          <Invitation plan={plan} participant={p} saved={plan.content.participants.some((q) => q.id === p.id)} />
          {!disabled && (
            <Button type="button" unstyled onClick={() => remove(i)}>
              Remove participant {i + 1}
            </Button>
          )}
        </fieldset>
      ))}
      {!disabled && (
        <Button type="button" outline onClick={add}>
          Add a participant
        </Button>
      )}
    </section>
  );
}

/** An invitation gives an outside account to this plan only; the set-up link is handed over by the specialist. */
function Invitation({ plan, participant, saved }: { plan: AssistancePlan; participant: PlanParticipant; saved: boolean }) {
  const invited = plan.invitations.find((i) => i.participantId === participant.id);
  const [email, setEmail] = useState('');
  const [notice, setNotice] = useState<NoticeMessage | null>(null);
  const [link, setLink] = useState<string | null>(null);
  if (participant.kind === 'young_person' || !plan.abilities.includes('plan.write')) return null;
  if (invited !== undefined)
    return (
      <p className="usa-hint">
        {invited.accepted ? 'Has an account for this plan.' : 'Invited; has not set up the account yet.'}
      </p>
    );
  if (!saved) return <p className="usa-hint">Save the plan to invite this person.</p>;
  const invite = async () => {
    try {
      const out = await recoveryApi.invite(plan.id, participant.id, email);
      setLink(out.setupUrl);
      setNotice({
        type: 'success',
        text:
          out.setupUrl === null
            ? `${participant.name} already has an account; they now see this plan too.`
            : `Invited ${participant.name}. Give them this one-time link to set up their account:`,
      });
    } catch (err) {
      setNotice({ type: 'error', text: errorText(err) });
    }
  };
  return (
    <div className="margin-y-1">
      <TextField
        id={`invite-${participant.id}`}
        label={`Email address to invite ${participant.name || 'this person'}`}
        value={email}
        onChange={setEmail}
      />
      <Button type="button" outline onClick={() => void invite()}>
        Invite {participant.name || 'this person'} to see this plan
      </Button>
      {notice !== null && <Notice type={notice.type}>{notice.text}</Notice>}
      {link !== null && (
        <p className="text-break-all">
          <code data-testid="invitation-link">{link}</code>
        </p>
      )}
    </div>
  );
}
