import { Button, Checkbox, Form } from '@trussworks/react-uswds';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, type FieldError } from '../../api/client';
import type { AssistancePlan, PlanContent, PlanTemplate } from '../../api/types';
import { AppLink, paths } from '../../app/router';
import { Facts } from '../../components/Facts';
import { Notice, type NoticeMessage } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { SelectField, TextAreaField } from '../../components/fields';
import { useLoad } from '../../components/useLoad';
import { recoveryApi } from './api';
import { NeedsEditor } from './NeedsEditor';
import { ParticipantsEditor } from './ParticipantsEditor';
import { PlanSupportSection } from './PlanSupportSection';
import { PlanVersionsSection } from './PlanVersionsSection';
import { stateLabel } from './text';

const KNOWN = { not_found: 'There is no case with that reference that you may see.' };

/** `/app/cases/:reference/plan`: the victim assistance plan of a recovered child. */
export function PlanPage({ reference }: { reference: string }) {
  const { data, error, setData, reload } = useLoad((signal) => recoveryApi.ofCase(reference, signal), [reference], KNOWN);
  const heading = 'Victim assistance plan';
  const back = (
    <p>
      <AppLink href={paths.caseFile(reference)} className="usa-link">
        Back to case {reference}
      </AppLink>
    </p>
  );
  if (error !== null)
    return (
      <Page heading={heading} above={back}>
        <Notice type="error">{error}</Notice>
      </Page>
    );
  if (data === null)
    return (
      <Page heading={heading} above={back}>
        <p role="status">Loading the plan…</p>
      </Page>
    );
  if (data.plan === null)
    return (
      <Page heading={heading} above={back}>
        {data.late && <Notice type="warning">No plan was made within 60 days of the recovery on {data.recoveredOn}.</Notice>}
        <StartPlan reference={reference} onStarted={() => void reload()} />
      </Page>
    );
  const plan = data.plan;
  return (
    <Page heading={`Victim assistance plan for ${plan.childFirstName}`} title={heading} above={back}>
      {plan.late && (
        <Notice type="warning">This plan was not approved within 60 days of the recovery on {plan.recoveredOn}.</Notice>
      )}
      <PlanStatus plan={plan} onChanged={(p) => setData({ ...data, plan: p })} />
      <PlanEditor key={plan.version} plan={plan} onSaved={(p) => setData({ ...data, plan: p })} />
      <PlanVersionsSection planId={plan.id} latest={plan.version} />
      <PlanSupportSection plan={plan} />
    </Page>
  );
}

function StartPlan({ reference, onStarted }: { reference: string; onStarted: () => void }) {
  const { data: templates, error } = useLoad((signal) => recoveryApi.templates(signal), []);
  const [templateId, setTemplateId] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const start = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await recoveryApi.start(reference, templateId === '' ? undefined : templateId);
      onStarted();
    } catch (err) {
      setNotice(errorText(err, { plan_exists: 'This case already has a plan, or it is closed.' }));
    }
  };
  const options = Object.fromEntries((templates ?? []).map((t: PlanTemplate) => [t.id, templateLabel(t)]));
  return (
    <Form onSubmit={(e) => void start(e)} large>
      <p>This case has no plan yet. Start one from a template, then build it with the young person and the people around them.</p>
      {error !== null && <Notice type="error">{error}</Notice>}
      {notice !== null && <Notice type="error">{notice}</Notice>}
      <SelectField
        id="template"
        label="Start from"
        value={templateId}
        onChange={setTemplateId}
        options={options}
        empty="An empty plan"
      />
      <Button type="submit">Start the plan</Button>
    </Form>
  );
}

/** A template as offered: with who reviewed it and when, if survivor experts did. */
const templateLabel = (t: PlanTemplate): string =>
  `${t.name} (version ${t.version}${t.reviewedBy === null ? '' : `, reviewed by ${t.reviewedBy} on ${t.reviewedAt?.slice(0, 10) ?? ''}`})`;

function PlanStatus({ plan, onChanged }: { plan: AssistancePlan; onChanged: (p: AssistancePlan) => void }) {
  const [notice, setNotice] = useState<NoticeMessage | null>(null);
  const [problems, setProblems] = useState<readonly FieldError[]>([]);
  const step = async (what: 'submit' | 'approve' | 'review') => {
    setProblems([]);
    try {
      onChanged(await recoveryApi.step(plan.id, what));
      const done = { submit: 'Sent for approval.', approve: 'Approved.', review: 'Review recorded.' }[what];
      setNotice({ type: 'success', text: done });
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length > 0) setProblems(err.fieldErrors);
      setNotice({ type: 'error', text: errorText(err) });
    }
  };
  const canWrite = plan.abilities.includes('plan.write');
  const canApprove = plan.abilities.includes('plan.approve');
  return (
    <section aria-labelledby="plan-status">
      <h2 id="plan-status">Where the plan stands</h2>
      <Facts
        facts={[
          ['Status', <span data-testid="plan-state">{stateLabel(plan.status.state)}</span>],
          [
            'Version',
            <>
              <span data-testid="plan-version">{plan.version}</span>
              {plan.approvedVersion === null ? '' : ` (version ${plan.approvedVersion} approved)`}
            </>,
          ],
          ['Review due', plan.status.reviewDueOn],
          ['Recovered on', plan.recoveredOn],
          ['Age of the young person', plan.youngPersonAge === null ? null : String(plan.youngPersonAge)],
        ]}
      />
      {notice !== null && <Notice type={notice.type}>{notice.text}</Notice>}
      {problems.length > 0 && (
        <ul className="usa-list" aria-label="What the plan still needs">
          {problems.map((p) => (
            <li key={p.path}>{p.message}</li>
          ))}
        </ul>
      )}
      <div className="margin-y-2">
        {canWrite && plan.status.state === 'draft' && (
          <Button type="button" outline onClick={() => void step('submit')}>
            Send for approval
          </Button>
        )}
        {canApprove && plan.status.state === 'awaiting_approval' && (
          <Button type="button" onClick={() => void step('approve')}>
            Approve this version
          </Button>
        )}
        {canApprove && (plan.status.state === 'active' || plan.status.state === 'review_due') && (
          <Button type="button" outline onClick={() => void step('review')}>
            Record a review
          </Button>
        )}
      </div>
    </section>
  );
}

function PlanEditor({ plan, onSaved }: { plan: AssistancePlan; onSaved: (p: AssistancePlan) => void }) {
  const [content, setContent] = useState<PlanContent>(plan.content);
  const [dirty, setDirty] = useState(false);
  const [notice, setNotice] = useState<NoticeMessage | null>(null);
  const [errors, setErrors] = useState<readonly FieldError[]>([]);
  useEffect(() => setContent(plan.content), [plan.content]);
  const change = (next: PlanContent) => {
    setContent(next);
    setDirty(true);
  };
  const canWrite = plan.abilities.includes('plan.write');
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setErrors([]);
    try {
      const saved = await recoveryApi.save(plan.id, plan.version, content);
      setDirty(false);
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length > 0) setErrors(err.fieldErrors);
      setNotice({ type: 'error', text: errorText(err) });
    }
  };
  return (
    <Form onSubmit={(e) => void save(e)} large className="maxw-full">
      <h2>The plan</h2>
      {notice !== null && <Notice type={notice.type}>{notice.text}</Notice>}
      {errors.length > 0 && (
        <ul className="usa-list" aria-label="Fields that need attention">
          {errors.map((e) => (
            <li key={e.path}>
              {e.path}: {e.message}
            </li>
          ))}
        </ul>
      )}
      <ParticipantsEditor plan={plan} content={content} onChange={change} disabled={!canWrite} />
      <h3>In the young person’s own words</h3>
      <TextAreaField
        id="young-person-words"
        label="What the young person wants"
        hint="Write it as they said it. It is shared with outside participants only if you tick the box below."
        value={content.youngPersonWords}
        onChange={(v) => change({ ...content, youngPersonWords: v })}
      />
      <NeedsEditor plan={plan} content={content} onChange={change} disabled={!canWrite} />
      <fieldset className="usa-fieldset margin-top-3">
        <legend className="usa-legend">What outside participants see besides their own actions</legend>
        <Checkbox
          id="share-goals"
          name="share-goals"
          label="The goals of the plan"
          checked={content.sharing.goals}
          onChange={(e) => change({ ...content, sharing: { ...content.sharing, goals: e.target.checked } })}
        />
        <Checkbox
          id="share-words"
          name="share-words"
          label="The young person’s own words"
          checked={content.sharing.youngPersonWords}
          onChange={(e) => change({ ...content, sharing: { ...content.sharing, youngPersonWords: e.target.checked } })}
        />
      </fieldset>
      {canWrite && (
        <Button type="submit" className="margin-top-3">
          {dirty ? 'Save the plan (a new version)' : 'Save the plan'}
        </Button>
      )}
    </Form>
  );
}
