import { Button } from '@trussworks/react-uswds';
import { NEED_DOMAINS } from '@shared/recovery';
import { useState } from 'react';
import type { AssistancePlan, PlanAction, PlanContent, PlanGoal, PlanNeed } from '../../api/types';
import { Notice } from '../../components/Notice';
import { errorText } from '../../components/errors';
import { DateTimeField, SelectField, TextField } from '../../components/fields';
import { recoveryApi } from './api';
import { ProgressNoteField, StatusTag } from './bits';
import { NEED_DOMAIN_LABELS, newItemId, OWNER_LABELS } from './text';

type Props = { plan: AssistancePlan; content: PlanContent; onChange: (c: PlanContent) => void; disabled: boolean };

const RECURRENCE_LABELS = { weekly: 'Every week', monthly: 'Every month', quarterly: 'Every three months' };
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Needs by domain, each with goals that have a measure and a date, each with actions that have an owner and a due date. */
export function NeedsEditor({ plan, content, onChange, disabled }: Props) {
  const setNeed = (i: number, n: PlanNeed) => onChange({ ...content, needs: content.needs.map((m, j) => (j === i ? n : m)) });
  const unused = NEED_DOMAINS.find((d) => !content.needs.some((n) => n.domain === d)) ?? 'safety_placement';
  const addNeed = () =>
    onChange({ ...content, needs: [...content.needs, { id: newItemId(), domain: unused, description: '', goals: [] }] });
  return (
    <section aria-labelledby="needs">
      <h3 id="needs">Needs, goals and actions</h3>
      {content.needs.length === 0 && <p>No needs yet.</p>}
      {content.needs.map((need, i) => (
        <fieldset key={need.id} className="usa-fieldset border-1px border-base-light padding-2 margin-bottom-3">
          <legend className="usa-legend usa-legend--large">
            Need {i + 1}: {NEED_DOMAIN_LABELS[need.domain]} <StatusTag state={plan.derived.needs[need.id]} />
          </legend>
          <SelectField
            id={`need-${i}-domain`}
            label="Domain"
            value={need.domain}
            options={NEED_DOMAIN_LABELS}
            empty={null}
            disabled={disabled}
            onChange={(v) => setNeed(i, { ...need, domain: v as PlanNeed['domain'] })}
          />
          <TextField
            id={`need-${i}-description`}
            label="The need"
            value={need.description}
            onChange={(v) => setNeed(i, { ...need, description: v })}
          />
          {need.goals.map((goal, j) => (
            <GoalEditor
              key={goal.id}
              plan={plan}
              prefix={`need-${i}-goal-${j}`}
              number={j + 1}
              content={content}
              goal={goal}
              disabled={disabled}
              onChange={(g) => setNeed(i, { ...need, goals: need.goals.map((h, k) => (k === j ? g : h)) })}
              onRemove={() => setNeed(i, { ...need, goals: need.goals.filter((_, k) => k !== j) })}
            />
          ))}
          {!disabled && (
            <Button
              type="button"
              outline
              onClick={() =>
                setNeed(i, {
                  ...need,
                  goals: [...need.goals, { id: newItemId(), description: '', measure: '', targetOn: inDays(90), actions: [] }],
                })
              }
            >
              Add a goal to need {i + 1}
            </Button>
          )}
        </fieldset>
      ))}
      {!disabled && (
        <Button type="button" outline onClick={addNeed}>
          Add a need
        </Button>
      )}
    </section>
  );
}

type GoalProps = {
  plan: AssistancePlan;
  prefix: string;
  number: number;
  content: PlanContent;
  goal: PlanGoal;
  disabled: boolean;
  onChange: (g: PlanGoal) => void;
  onRemove: () => void;
};

function GoalEditor({ plan, prefix, number, content, goal, disabled, onChange, onRemove }: GoalProps) {
  const setAction = (k: number, a: PlanAction) => onChange({ ...goal, actions: goal.actions.map((b, l) => (l === k ? a : b)) });
  return (
    <div className="border-left-05 border-primary-light padding-left-2 margin-y-2">
      <h4>
        Goal {number} <StatusTag state={plan.derived.goals[goal.id]} />
      </h4>
      <TextField
        id={`${prefix}-description`}
        label="Goal"
        value={goal.description}
        onChange={(v) => onChange({ ...goal, description: v })}
      />
      <TextField
        id={`${prefix}-measure`}
        label="How we will know"
        value={goal.measure}
        onChange={(v) => onChange({ ...goal, measure: v })}
      />
      <DateTimeField
        id={`${prefix}-target`}
        type="date"
        label="Target date"
        value={goal.targetOn}
        onChange={(v) => onChange({ ...goal, targetOn: v })}
      />
      <DateTimeField
        id={`${prefix}-achieved`}
        type="date"
        label="Achieved on (leave empty until it is)"
        value={goal.achievedOn ?? ''}
        onChange={(v) => {
          const { achievedOn: _old, ...rest } = goal;
          onChange(v === '' ? rest : { ...rest, achievedOn: v });
        }}
      />
      {goal.actions.map((action, k) => (
        <ActionEditor
          key={action.id}
          plan={plan}
          prefix={`${prefix}-action-${k}`}
          number={k + 1}
          content={content}
          action={action}
          disabled={disabled}
          onChange={(a) => setAction(k, a)}
          onRemove={() => onChange({ ...goal, actions: goal.actions.filter((_, l) => l !== k) })}
        />
      ))}
      {!disabled && (
        <>
          <Button
            type="button"
            outline
            onClick={() =>
              onChange({
                ...goal,
                actions: [
                  ...goal.actions,
                  { id: newItemId(), description: '', owner: { kind: 'recovery_specialist' }, dueOn: inDays(14) },
                ],
              })
            }
          >
            Add an action to goal {number}
          </Button>
          <Button type="button" unstyled onClick={onRemove}>
            Remove goal {number}
          </Button>
        </>
      )}
    </div>
  );
}

type ActionProps = {
  plan: AssistancePlan;
  prefix: string;
  number: number;
  content: PlanContent;
  action: PlanAction;
  disabled: boolean;
  onChange: (a: PlanAction) => void;
  onRemove: () => void;
};

function ActionEditor({ plan, prefix, number, content, action, disabled, onChange, onRemove }: ActionProps) {
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState(plan.progress);
  const status = plan.derived.actions[action.id];
  const people = Object.fromEntries(content.participants.map((p) => [p.id, p.name || p.kind]));
  const saved = plan.content.needs.some((n) => n.goals.some((g) => g.actions.some((a) => a.id === action.id)));
  const record = async (note: string, done: boolean) => {
    try {
      const out = (await recoveryApi.progress(plan.id, action.id, done, note)) as { progress: typeof plan.progress };
      setProgress(out.progress);
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const mine = progress.filter((p) => p.actionId === action.id);
  return (
    <div className="bg-base-lightest padding-2 margin-y-1">
      <h5 className="margin-0">
        Action {number} <StatusTag state={status?.state} />
        {status?.nextDueOn !== undefined && <span className="text-normal"> (next due {status.nextDueOn})</span>}
      </h5>
      <TextField
        id={`${prefix}-description`}
        label="Action"
        value={action.description}
        onChange={(v) => onChange({ ...action, description: v })}
      />
      <SelectField
        id={`${prefix}-owner`}
        label="Owner"
        value={action.owner.kind}
        options={OWNER_LABELS}
        empty={null}
        disabled={disabled}
        onChange={(v) => onChange({ ...action, owner: { ...action.owner, kind: v as PlanAction['owner']['kind'] } })}
      />
      <SelectField
        id={`${prefix}-person`}
        label="Owner on the plan (person)"
        value={action.owner.participantId ?? ''}
        options={people}
        empty="Nobody named"
        disabled={disabled}
        onChange={(v) => {
          const { participantId: _old, ...owner } = action.owner;
          onChange({ ...action, owner: v === '' ? owner : { ...owner, participantId: v } });
        }}
      />
      <DateTimeField
        id={`${prefix}-due`}
        type="date"
        label="Due"
        value={action.dueOn}
        onChange={(v) => onChange({ ...action, dueOn: v })}
      />
      <SelectField
        id={`${prefix}-recurrence`}
        label="Repeats"
        value={action.recurrence ?? ''}
        options={RECURRENCE_LABELS}
        empty="Once"
        disabled={disabled}
        onChange={(v) => {
          const { recurrence: _old, ...rest } = action;
          onChange(v === '' ? rest : { ...rest, recurrence: v as NonNullable<PlanAction['recurrence']> });
        }}
      />
      <TextField
        id={`${prefix}-outcome`}
        label="Outcome"
        value={action.outcome ?? ''}
        onChange={(v) => onChange({ ...action, outcome: v })}
      />
      {mine.length > 0 && (
        <ul className="usa-list" aria-label={`Progress on action ${number}`}>
          {mine.map((p) => (
            <li key={p.id}>
              {p.recordedAt.slice(0, 10)}, {p.recordedBy}
              {p.byOutsideParticipant ? ' (outside participant)' : ''}: {p.doneOn !== null ? 'done' : ''}
              {p.note !== null ? ` ${p.note}` : ''}
            </li>
          ))}
        </ul>
      )}
      {error !== null && <Notice type="error">{error}</Notice>}
      {saved && !disabled && <ProgressNoteField id={`${prefix}-note`} onSubmit={record} />}
      {!disabled && (
        <Button type="button" unstyled onClick={onRemove}>
          Remove action {number}
        </Button>
      )}
    </div>
  );
}
