import { Button, Form } from '@trussworks/react-uswds';
import { NEED_DOMAINS } from '@shared/recovery';
import { useState, type FormEvent } from 'react';
import type { PlanTemplate } from '../../api/types';
import { Notice, type NoticeMessage } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { SelectField, TextField } from '../../components/fields';
import { useLoad } from '../../components/useLoad';
import { recoveryApi } from './api';
import { NEED_DOMAIN_LABELS, OWNER_LABELS } from './text';

type Content = PlanTemplate['content'];
type Need = Content['needs'][number];
type Goal = Need['goals'][number];
type Action = Goal['actions'][number];

const RECURRENCE_LABELS = { weekly: 'Every week', monthly: 'Every month', quarterly: 'Every three months' };
const days = (v: string) => Math.max(0, Math.min(730, Number.parseInt(v, 10) || 0));

/** `/app/plan-templates`: the starting points of plans; each save is a new version. */
export function TemplatesPage() {
  const { data, error, reload } = useLoad((signal) => recoveryApi.templates(signal), []);
  const [editing, setEditing] = useState<{ familyId: string | null; name: string; content: Content } | null>(null);
  const [notice, setNotice] = useState<NoticeMessage | null>(null);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (editing === null) return;
    try {
      const body = { name: editing.name, content: editing.content };
      const saved =
        editing.familyId === null
          ? await recoveryApi.createTemplate(body)
          : await recoveryApi.saveTemplate(editing.familyId, body);
      setNotice({ type: 'success', text: `Saved ${saved.name}, version ${saved.version}.` });
      setEditing(null);
      await reload();
    } catch (err) {
      setNotice({ type: 'error', text: errorText(err) });
    }
  };
  return (
    <Page heading="Plan templates">
      <p>
        New victim assistance plans start from a template: its needs, goals and actions, with dates counted from the day the plan
        starts.
      </p>
      {notice !== null && <Notice type={notice.type}>{notice.text}</Notice>}
      {error !== null && <Notice type="error">{error}</Notice>}
      {data !== null && data.length === 0 && <p>There are no templates yet.</p>}
      <ul className="usa-list">
        {(data ?? []).map((t) => (
          <li key={t.familyId}>
            <strong>{t.name}</strong>, version {t.version} ({t.content.needs.length} needs){' '}
            <Button type="button" unstyled onClick={() => setEditing({ familyId: t.familyId, name: t.name, content: t.content })}>
              Edit {t.name}
            </Button>
          </li>
        ))}
      </ul>
      {editing === null && (
        <Button type="button" outline onClick={() => setEditing({ familyId: null, name: '', content: { needs: [] } })}>
          New template
        </Button>
      )}
      {editing !== null && (
        <Form onSubmit={(e) => void save(e)} large className="maxw-full">
          <h2>{editing.familyId === null ? 'New template' : `Editing ${editing.name}`}</h2>
          <TextField id="template-name" label="Name" value={editing.name} onChange={(name) => setEditing({ ...editing, name })} />
          <NeedsOfTemplate content={editing.content} onChange={(content) => setEditing({ ...editing, content })} />
          <Button type="submit" className="margin-top-2">
            Save as a new version
          </Button>
          <Button type="button" unstyled onClick={() => setEditing(null)}>
            Cancel
          </Button>
        </Form>
      )}
    </Page>
  );
}

function NeedsOfTemplate({ content, onChange }: { content: Content; onChange: (c: Content) => void }) {
  const setNeed = (i: number, n: Need) => onChange({ needs: content.needs.map((m, j) => (j === i ? n : m)) });
  const setGoal = (i: number, j: number, g: Goal) =>
    setNeed(i, { ...content.needs[i]!, goals: content.needs[i]!.goals.map((h, k) => (k === j ? g : h)) });
  const setAction = (i: number, j: number, k: number, a: Action) => {
    const goal = content.needs[i]!.goals[j]!;
    setGoal(i, j, { ...goal, actions: goal.actions.map((b, l) => (l === k ? a : b)) });
  };
  const unused = NEED_DOMAINS.find((d) => !content.needs.some((n) => n.domain === d)) ?? 'safety_placement';
  return (
    <>
      {content.needs.map((need, i) => (
        <fieldset key={i} className="usa-fieldset border-1px border-base-light padding-2 margin-y-2">
          <legend className="usa-legend">Need {i + 1}</legend>
          <SelectField
            id={`t-need-${i}-domain`}
            label="Domain"
            value={need.domain}
            options={NEED_DOMAIN_LABELS}
            empty={null}
            onChange={(v) => setNeed(i, { ...need, domain: v as Need['domain'] })}
          />
          <TextField
            id={`t-need-${i}-description`}
            label="The need"
            value={need.description}
            onChange={(v) => setNeed(i, { ...need, description: v })}
          />
          {need.goals.map((goal, j) => (
            <div key={j} className="border-left-05 border-primary-light padding-left-2 margin-y-2">
              <TextField
                id={`t-${i}-${j}-goal`}
                label="Goal"
                value={goal.description}
                onChange={(v) => setGoal(i, j, { ...goal, description: v })}
              />
              <TextField
                id={`t-${i}-${j}-measure`}
                label="How we will know"
                value={goal.measure}
                onChange={(v) => setGoal(i, j, { ...goal, measure: v })}
              />
              <TextField
                id={`t-${i}-${j}-target`}
                type="number"
                label="Target: days after the plan starts"
                value={String(goal.targetInDays)}
                onChange={(v) => setGoal(i, j, { ...goal, targetInDays: days(v) })}
              />
              {goal.actions.map((action, k) => (
                <div key={k} className="bg-base-lightest padding-1 margin-y-1">
                  <TextField
                    id={`t-${i}-${j}-${k}-action`}
                    label="Action"
                    value={action.description}
                    onChange={(v) => setAction(i, j, k, { ...action, description: v })}
                  />
                  <SelectField
                    id={`t-${i}-${j}-${k}-owner`}
                    label="Owner"
                    value={action.ownerKind}
                    options={OWNER_LABELS}
                    empty={null}
                    onChange={(v) => setAction(i, j, k, { ...action, ownerKind: v as Action['ownerKind'] })}
                  />
                  <TextField
                    id={`t-${i}-${j}-${k}-due`}
                    type="number"
                    label="Due: days after the plan starts"
                    value={String(action.dueInDays)}
                    onChange={(v) => setAction(i, j, k, { ...action, dueInDays: days(v) })}
                  />
                  <SelectField
                    id={`t-${i}-${j}-${k}-repeat`}
                    label="Repeats"
                    value={action.recurrence ?? ''}
                    options={RECURRENCE_LABELS}
                    empty="Once"
                    onChange={(v) => {
                      const { recurrence: _old, ...rest } = action;
                      setAction(i, j, k, v === '' ? rest : { ...rest, recurrence: v as NonNullable<Action['recurrence']> });
                    }}
                  />
                </div>
              ))}
              <Button
                type="button"
                unstyled
                onClick={() =>
                  setGoal(i, j, {
                    ...goal,
                    actions: [...goal.actions, { description: '', ownerKind: 'recovery_specialist', dueInDays: 7 }],
                  })
                }
              >
                Add an action to goal {j + 1} of need {i + 1}
              </Button>
            </div>
          ))}
          <Button
            type="button"
            unstyled
            onClick={() =>
              setNeed(i, { ...need, goals: [...need.goals, { description: '', measure: '', targetInDays: 60, actions: [] }] })
            }
          >
            Add a goal to need {i + 1}
          </Button>
        </fieldset>
      ))}
      <Button
        type="button"
        outline
        onClick={() => onChange({ needs: [...content.needs, { domain: unused, description: '', goals: [] }] })}
      >
        Add a need
      </Button>
    </>
  );
}
