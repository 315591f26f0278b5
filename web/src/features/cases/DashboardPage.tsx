import { Table } from '@trussworks/react-uswds';
import { useEffect, useState } from 'react';
import { AppLink, paths } from '../../app/router';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { useLoad } from '../../components/useLoad';
import { Section } from '../intake/Section';
import { casesApi, type DashboardDeadline, type Task } from './api';
import type { Dashboard } from '../../api/types';

type PlanTask = Dashboard['planTasks'][number];
import { SelectField } from './form';
import { clockText, DEADLINE_LABELS, durationText, formatDateTime, label } from './text';
import { ownerName, useStaffDirectory } from './directory';
import { CLOCK_STATE_CLASSES, styles } from './styles';

const WHOSE: Readonly<Record<string, string>> = { team: 'My teams’ cases', mine: 'Assigned to me' };
const ERRORS = { forbidden: 'Your role does not include cases.' };

/** Re-renders every 30 seconds so the clock wording stays true while the page is open. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/** `/app/cases/dashboard`: the 24-hour clocks and tasks that are overdue or due soon. */
export function DashboardPage({ userId, canSeeTeam }: { userId: string; canSeeTeam: boolean }) {
  const [whose, setWhose] = useState<'mine' | 'team'>(canSeeTeam ? 'team' : 'mine');
  const now = useNow();
  const { data, error } = useLoad(
    (signal) => casesApi.dashboard(canSeeTeam ? whose : undefined, signal),
    [whose, canSeeTeam],
    ERRORS,
  );

  const overdueTask = (t: Task) => t.dueAt !== null && new Date(t.dueAt).getTime() < now.getTime();
  const deadlines = data?.deadlines ?? [];
  const tasks = data?.tasks ?? [];
  return (
    <Page heading="Deadlines and tasks">
      <p>Clocks that have run out or run out within 24 hours, and open tasks due in that time, for cases that are not closed.</p>
      <p data-testid="whose-clocks">
        <strong>{whose === 'team' ? 'Shown: the cases of your teams.' : 'Shown: only the cases assigned to you.'}</strong>
        {whose === 'mine' ? ' Other cases you can open are in the case list, with their own clocks.' : ''}
      </p>
      {canSeeTeam && (
        <div className={styles.filters}>
          <SelectField
            id="dashboard-whose"
            label="Whose work"
            value={whose}
            onChange={(v) => setWhose(v === 'mine' ? 'mine' : 'team')}
            options={WHOSE}
            empty={null}
          />
        </div>
      )}
      {error !== null && <Notice type="error">{error}</Notice>}
      {data === null && error === null && <p role="status">Loading deadlines and tasks…</p>}
      {data !== null && (
        <>
          <Section id="overdue" title="Overdue">
            <div data-testid="overdue">
              <Deadlines
                items={deadlines.filter((d) => clockText(d, now).state === 'overdue')}
                now={now}
                caption="Overdue clocks, oldest first"
                empty={
                  whose === 'team'
                    ? 'No clock has run out on your teams’ cases.'
                    : 'No clock has run out on a case assigned to you.'
                }
              />
              <Tasks
                items={tasks.filter(overdueTask)}
                now={now}
                userId={userId}
                caption="Overdue tasks"
                empty="No task is overdue."
              />
            </div>
          </Section>
          <Section id="due-soon" title="Due in the next 24 hours">
            <div data-testid="due-soon">
              <Deadlines
                items={deadlines.filter((d) => clockText(d, now).state === 'due')}
                now={now}
                caption="Clocks running out in the next 24 hours, soonest first"
                empty="No clock runs out in the next 24 hours."
              />
              <Tasks
                items={tasks.filter((t) => !overdueTask(t))}
                now={now}
                userId={userId}
                caption="Tasks due in the next 24 hours"
                empty="No task is due in the next 24 hours."
              />
            </div>
          </Section>
          <Section id="plan-actions" title="Actions of assistance plans, due or overdue">
            <PlanActions items={data.planTasks} />
          </Section>
        </>
      )}
    </Page>
  );
}

const OWNER_WORDS: Readonly<Record<string, string>> = {
  recovery_specialist: 'Recovery specialist',
  foster_parent: 'Foster parent',
};

/** Actions of victim assistance plans whose (next) date falls within the same window. */
function PlanActions({ items }: { items: readonly PlanTask[] }) {
  if (items.length === 0) return <p>No plan action is due.</p>;
  return (
    <Table caption="Plan actions, soonest first" fullWidth striped stackedStyle="headers">
      <thead>
        <tr>
          <th scope="col">Case</th>
          <th scope="col">Action</th>
          <th scope="col">Owner</th>
          <th scope="col">Due</th>
        </tr>
      </thead>
      <tbody>
        {items.map((t) => (
          <tr key={`${t.caseReference}-${t.actionId}`}>
            <th scope="row">
              <AppLink href={paths.casePlan(t.caseReference)} className="usa-link">
                {t.caseReference}
              </AppLink>
            </th>
            <td>{t.title}</td>
            <td>{OWNER_WORDS[t.ownerKind] ?? t.ownerKind.replaceAll('_', ' ')}</td>
            <td>
              {t.dueOn}
              {t.state === 'overdue' ? ' (overdue)' : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function Deadlines({ items, now, caption, empty }: { items: DashboardDeadline[]; now: Date; caption: string; empty: string }) {
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <Table caption={caption} fullWidth striped stackedStyle="headers">
      <thead>
        <tr>
          <th scope="col">What is due</th>
          <th scope="col">Case</th>
          <th scope="col">Due by</th>
        </tr>
      </thead>
      <tbody>
        {items.map((d) => {
          const clock = clockText(d, now);
          return (
            <tr key={`${d.episodeId}-${d.kind}`} data-clock={d.kind} className={CLOCK_STATE_CLASSES[clock.state]}>
              <th scope="row">{label(DEADLINE_LABELS, d.kind)}</th>
              <td data-label="Case">
                <AppLink className="beacon-reference" href={paths.caseFile(d.caseReference)}>
                  {d.caseReference}
                </AppLink>
              </td>
              {/* One cell for the time and its clock: four columns squeezed both to a word a line beside the case. */}
              <td data-label="Due by">
                <time dateTime={d.dueAt}>{formatDateTime(d.dueAt)}</time> ({clock.text})
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

function Tasks({
  items,
  now,
  userId,
  caption,
  empty,
}: {
  items: Task[];
  now: Date;
  userId: string;
  caption: string;
  empty: string;
}) {
  const people = useStaffDirectory();
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <Table caption={caption} fullWidth striped stackedStyle="headers">
      <thead>
        <tr>
          <th scope="col">Task</th>
          <th scope="col">Case</th>
          <th scope="col">Due</th>
          <th scope="col">Owner</th>
        </tr>
      </thead>
      <tbody>
        {items.map((t) => (
          <tr key={t.id} data-task={t.id}>
            <th scope="row">{t.title}</th>
            <td data-label="Case">
              <AppLink className="beacon-reference" href={paths.caseFile(t.caseReference)}>
                {t.caseReference}
              </AppLink>
            </td>
            <td data-label="Due">{t.dueAt === null ? 'No due date' : <DueText dueAt={t.dueAt} now={now} />}</td>
            <td data-label="Owner">{ownerName(t.ownerId, userId, people)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export function DueText({ dueAt, now }: { dueAt: string; now: Date }) {
  const ms = new Date(dueAt).getTime() - now.getTime();
  return (
    <>
      <time dateTime={dueAt}>{formatDateTime(dueAt)}</time> (
      {ms < 0 ? `overdue by ${durationText(-ms)}` : `due in ${durationText(ms)}`})
    </>
  );
}
