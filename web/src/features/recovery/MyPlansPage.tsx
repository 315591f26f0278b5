import { useState } from 'react';
import { AppLink, paths } from '../../app/router';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { useLoad } from '../../components/useLoad';
import { recoveryApi } from './api';
import { ProgressNoteField, StatusTag } from './bits';
import { NEED_DOMAIN_LABELS } from './text';

/** `/app/my/plans`: the plans an outside participant was invited to. */
export function MyPlansPage() {
  const { data, error } = useLoad((signal) => recoveryApi.myPlans(signal), []);
  return (
    <Page heading="Plans you help with">
      {error !== null && <Notice type="error">{error}</Notice>}
      {data !== null && data.items.length === 0 && <p>You have not been invited to a plan, or the plan has ended.</p>}
      {data !== null && data.items.length > 0 && (
        <ul className="usa-list">
          {data.items.map((p, i) => (
            <li key={p.id}>
              <AppLink href={paths.myPlan(p.id)} className="usa-link">
                Plan {i + 1} (invited {p.invitedAt.slice(0, 10)})
              </AppLink>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

/** `/app/my/plans/:id`: an outside participant's actions, and what the plan shares with them. */
export function MyPlanPage({ id }: { id: string }) {
  const { data, error, setData } = useLoad((signal) => recoveryApi.myPlan(id, signal), [id], {
    not_found: 'There is no such plan that you may see.',
  });
  const [problem, setProblem] = useState<string | null>(null);
  const back = (
    <p>
      <AppLink href={paths.myPlans()} className="usa-link">
        All your plans
      </AppLink>
    </p>
  );
  if (error !== null || data === null)
    return (
      <Page heading="Your part of the plan" above={back}>
        {error !== null ? <Notice type="error">{error}</Notice> : <p role="status">Loading…</p>}
      </Page>
    );
  const record = (actionId: string) => async (note: string, done: boolean) => {
    try {
      setData(await recoveryApi.myProgress(id, actionId, done, note));
      setProblem(null);
    } catch (err) {
      setProblem(errorText(err));
    }
  };
  return (
    <Page heading="Your part of the plan" above={back}>
      <p>
        {data.you === null ? 'You help with this plan.' : `You take part as ${data.you.name}.`} You see the actions given to you
        {data.youngPersonWords === null ? '' : ', what the young person wants'} and the goals the plan shares with you.
      </p>
      {data.youngPersonWords !== null && (
        <section aria-labelledby="words">
          <h2 id="words">In the young person’s own words</h2>
          <blockquote>{data.youngPersonWords}</blockquote>
        </section>
      )}
      {problem !== null && <Notice type="error">{problem}</Notice>}
      {data.needs.map((need) => (
        <section key={need.id} aria-label={NEED_DOMAIN_LABELS[need.domain as keyof typeof NEED_DOMAIN_LABELS] ?? need.domain}>
          <h2>{NEED_DOMAIN_LABELS[need.domain as keyof typeof NEED_DOMAIN_LABELS] ?? need.domain}</h2>
          {need.goals.map((goal) => (
            <div key={goal.id} className="margin-bottom-2">
              {goal.description !== null && (
                <h3>
                  Goal: {goal.description}
                  {goal.targetOn !== null && <span className="text-normal"> by {goal.targetOn}</span>}
                </h3>
              )}
              {goal.actions.length === 0 && <p className="usa-hint">No action of yours under this goal.</p>}
              {goal.actions.map((a, k) => {
                const status = data.actionStatus[a.id];
                const notes = data.progress.filter((p) => p.actionId === a.id);
                return (
                  <div key={a.id} className="bg-base-lightest padding-2 margin-y-1" data-testid="my-action">
                    <p className="margin-0">
                      <strong>{a.description}</strong>, due {status?.nextDueOn ?? a.dueOn} <StatusTag state={status?.state} />
                    </p>
                    {notes.length > 0 && (
                      <ul className="usa-list">
                        {notes.map((n) => (
                          <li key={n.id}>
                            {n.recordedAt.slice(0, 10)}: {n.doneOn !== null ? 'done' : ''} {n.note ?? ''}
                          </li>
                        ))}
                      </ul>
                    )}
                    <ProgressNoteField id={`my-action-${k}-${a.id}`} onSubmit={record(a.id)} />
                  </div>
                );
              })}
            </div>
          ))}
        </section>
      ))}
    </Page>
  );
}
