import { Button } from '@trussworks/react-uswds';
import { useEffect, useRef, useState } from 'react';
import { Notice } from '../../components/Notice';
import { Section } from '../intake/Section';
import { authApi } from '../auth/api';
import { casesApi, StaleError, type Task } from './api';
import { DueText } from './DashboardPage';
import { ownerName, useStaffDirectory } from './directory';
import { useSubmit } from './form';
import { StepForm, type FieldSpec } from './StepForm';
import { formatDateTime } from './text';
import { styles } from './styles';

const OWNER_ASSIGNEE = 'assignee';
const STALE_TASK =
  'Someone changed this task since you opened the case, so nothing was saved. The tasks are shown as they are now; check the task and try again.';

type Props = { reference: string; initial: Task[]; assigneeId: string | null; canChange: boolean };

/** The case's tasks: open ones first with "Mark done", then the finished ones. Keeps its own list so a reload keeps its messages. */
export function TasksSection({ reference, initial, assigneeId, canChange }: Props) {
  const [tasks, setTasks] = useState<Task[]>(initial);
  const [userId, setUserId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<{ type: 'success' | 'warning'; text: string } | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const done = useSubmit({ case_closed: 'This case is closed and can no longer change.' });
  const people = useStaffDirectory();
  const now = new Date();

  useEffect(() => {
    authApi.session().then(
      (s) => setUserId(s.user.id),
      () => setUserId(null),
    );
  }, []);
  useEffect(() => {
    if (notice !== null) noticeRef.current?.focus();
  }, [notice]);

  const reload = async () => setTasks((await casesApi.tasks(reference)).items);

  const markDone = async (t: Task) => {
    setNotice(null);
    let staleSeen = false;
    const ok = await done.run(async () => {
      try {
        await casesApi.updateTask(reference, t.id, { version: t.version, status: 'done' });
      } catch (err) {
        if (err instanceof StaleError) staleSeen = true;
        else throw err;
      }
      await reload();
    });
    if (ok) setNotice(staleSeen ? { type: 'warning', text: STALE_TASK } : { type: 'success', text: `Marked done: ${t.title}` });
  };

  // Me, the case manager, then everyone else in my teams by name.
  const ownerOptions: Record<string, string> = { me: 'Me' };
  if (assigneeId !== null && assigneeId !== userId)
    ownerOptions[OWNER_ASSIGNEE] = `The case’s case manager (${ownerName(assigneeId, userId, people)})`;
  for (const p of people ?? []) if (p.id !== userId && p.id !== assigneeId) ownerOptions[`user:${p.id}`] = p.displayName;
  const specs: FieldSpec[] = [
    {
      path: 'title',
      label: 'What needs doing',
      kind: 'text',
      required: true,
      hint: 'For example: ask about the hotel key card found.',
    },
    { path: 'dueAt', label: 'Due (optional)', kind: 'datetime' },
    { path: 'owner', label: 'Owner (optional)', kind: 'select', options: ownerOptions, hint: 'You, if left empty.' },
  ];
  const open = tasks.filter((t) => t.status === 'open');
  const finished = tasks.filter((t) => t.status !== 'open');
  return (
    <Section id="tasks" title={`Tasks (${open.length} open)`}>
      <div ref={noticeRef} tabIndex={-1} data-testid="task-notice">
        {notice !== null && <Notice type={notice.type}>{notice.text}</Notice>}
        {done.message !== null && <Notice type="error">{done.message}</Notice>}
      </div>
      <h3>Open</h3>
      {open.length === 0 ? (
        <p>No open tasks.</p>
      ) : (
        <ul className="usa-list usa-list--unstyled" data-testid="open-tasks">
          {open.map((t) => (
            <li key={t.id} className={styles.record}>
              {/* One sentence, so the title is never a separate element that repeats the observation's follow-up text. */}
              <p className="margin-y-05">
                {t.title}.{' '}
                {t.dueAt === null ? (
                  'No due date'
                ) : (
                  <>
                    Due <DueText dueAt={t.dueAt} now={now} />
                  </>
                )}
                . Owner: {ownerName(t.ownerId, userId, people)}.
              </p>
              {canChange && (
                <Button
                  type="button"
                  outline
                  aria-disabled={done.busy}
                  aria-label={`Mark done: ${t.title}`}
                  onClick={() => void markDone(t)}
                >
                  Mark done
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>Done</h3>
      {finished.length === 0 ? (
        <p>No finished tasks.</p>
      ) : (
        <ul className="usa-list" data-testid="done-tasks">
          {finished.map((t) => (
            <li key={t.id}>
              {t.title}: {t.status === 'done' ? 'done' : 'cancelled'}
              {t.doneAt !== null && (
                <>
                  {' '}
                  <time dateTime={t.doneAt}>{formatDateTime(t.doneAt)}</time>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {canChange && !adding && (
        <Button type="button" onClick={() => setAdding(true)}>
          Add a task
        </Button>
      )}
      {canChange && adding && (
        <StepForm
          idPrefix="task"
          heading="Add a task"
          specs={specs}
          submitLabel="Save the task"
          focusOnOpen
          onCancel={() => setAdding(false)}
          onReload={() => void reload()}
          onSubmit={async (values) => {
            const body: { title: string; dueAt?: string; ownerId?: string } = { title: String(values.title) };
            if (typeof values.dueAt === 'string') body.dueAt = values.dueAt;
            if (values.owner === OWNER_ASSIGNEE && assigneeId !== null) body.ownerId = assigneeId;
            if (typeof values.owner === 'string' && values.owner.startsWith('user:'))
              body.ownerId = values.owner.slice('user:'.length);
            await casesApi.addTask(reference, body);
            setAdding(false);
            setNotice({ type: 'success', text: `Task added: ${body.title}` });
            await reload();
          }}
        />
      )}
    </Section>
  );
}
