import { Button } from '@trussworks/react-uswds';
import { useCallback, useState } from 'react';
import { AppLink, paths } from '../../app/router';
import { Facts } from '../../components/Facts';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { useLoad } from '../../components/useLoad';
import { Section } from '../intake/Section';
import {
  casesApi,
  type CaseLink,
  type CaseRecord,
  type Episode,
  type Indicator,
  type Note,
  type Observation,
  type Task,
  type TimelineItem,
} from './api';
import { EpisodesSection } from './EpisodesSection';
import { PhotosSection } from './PhotosSection';
import { PosterSection } from './PosterSection';
import { TasksSection } from './TasksSection';
import { useSubmit } from './form';
import { StepForm, valuesFrom, type FieldSpec } from './StepForm';
import {
  CLOSE_REASONS,
  FIELD_NAMES,
  formatDate,
  formatDateTime,
  GENDERS,
  label,
  LINK_KINDS,
  OBSERVATION_SOURCES,
  PLACEMENT_KINDS,
  STATUSES,
  US_STATES,
} from './text';
import { styles } from './styles';

type Bundle = {
  record: CaseRecord;
  episodes: Episode[];
  observations: Observation[];
  tasks: Task[];
  links: CaseLink[];
  notes: Note[];
  timeline: TimelineItem[];
};

async function loadBundle(reference: string, signal?: AbortSignal): Promise<Bundle> {
  const record = await casesApi.get(reference, signal);
  const [episodes, observations, tasks, links, notes, timeline] = await Promise.all([
    casesApi.episodes(reference),
    casesApi.observations(reference),
    casesApi.tasks(reference),
    casesApi.links(reference),
    casesApi.notes(reference),
    casesApi.timeline(reference),
  ]);
  return {
    record,
    episodes: episodes.items,
    observations: observations.items,
    tasks: tasks.items,
    links: links.items,
    notes: notes.items,
    timeline: timeline.items,
  };
}

/** `/app/cases/:reference`: one child's case. */
export function CasePage({ reference }: { reference: string }) {
  const {
    data: bundle,
    setData: setBundle,
    error,
    setError,
  } = useLoad((signal) => loadBundle(reference, signal), [reference], {
    not_found: `There is no case ${reference} that you may see.`,
    forbidden: 'Your role does not include cases.',
  });
  // Without indicators the observation form offers none; the case itself still shows.
  const { data: indicators } = useLoad(() => casesApi.indicators().then((r) => r.items), [reference]);
  /** Bumped on reload so open forms start again from the current record. */
  const [generation, setGeneration] = useState(0);

  const reload = useCallback(async () => {
    try {
      setBundle(await loadBundle(reference));
      setGeneration((g) => g + 1);
    } catch (err) {
      setError(errorText(err, { not_found: `There is no case ${reference} that you may see.` }));
    }
  }, [reference, setBundle, setError]);

  const back = (
    <p className="margin-top-3 margin-bottom-0">
      <AppLink href={paths.cases()} className="usa-link">
        Back to cases
      </AppLink>
    </p>
  );
  return (
    <Page heading={`Case ${reference}`} above={back}>
      {error !== null && <Notice type="error">{error}</Notice>}
      {bundle === null && error === null && <p role="status">Loading the case…</p>}
      {bundle !== null && <CaseBody key={generation} bundle={bundle} indicators={indicators ?? []} reload={reload} />}
    </Page>
  );
}

function CaseBody({ bundle, indicators, reload }: { bundle: Bundle; indicators: Indicator[]; reload: () => Promise<void> }) {
  const { record } = bundle;
  const can = (a: string) => record.abilities.includes(a);
  const canChange = can('case.update');
  const id = record.details.identity;
  return (
    <>
      {record.status === 'closed' && <Notice type="info">This case is closed and can no longer change.</Notice>}
      {record.status === 'closing_requested' && (
        <Notice type="info">Closing this case has been requested and waits for a supervisor.</Notice>
      )}
      {can('plan.read') && (
        <p>
          <AppLink href={paths.casePlan(record.reference)} className="usa-link">
            Victim assistance plan
          </AppLink>
        </p>
      )}
      <Section id="child" title="The child">
        <Facts
          facts={[
            ['Name', id.name],
            ['Also known as', id.aliases?.join(', ')],
            ['Date of birth', id.dateOfBirth === undefined ? null : formatDate(id.dateOfBirth)],
            ['Age', id.approximateAge === undefined ? null : String(id.approximateAge)],
            ['Gender', label(GENDERS, id.gender)],
            ['Placement', record.details.placement === undefined ? null : label(PLACEMENT_KINDS, record.details.placement.kind)],
            ['Agency with custody', record.details.placement?.agencyName],
            ['State', record.state === null ? null : label(US_STATES, record.state)],
            ['Status', label(STATUSES, record.status)],
            ['Opened', formatDateTime(record.createdAt)],
          ]}
        />
        {canChange && <PlacementEditor record={record} reload={reload} />}
      </Section>
      <Section id="pattern" title="Pattern of episodes">
        <p>These are facts about the missing episodes. They prompt questions; they are not a score.</p>
        {record.pattern.length === 0 ? (
          <p>
            {record.episodeCount === 0
              ? 'No missing episodes are recorded.'
              : `${record.episodeCount} missing ${record.episodeCount === 1 ? 'episode' : 'episodes'} recorded.`}
          </p>
        ) : (
          <ul className="usa-list" data-testid="pattern">
            {record.pattern.map((p) => (
              <li key={p.kind}>{p.text}</li>
            ))}
          </ul>
        )}
      </Section>
      <EpisodesSection reference={record.reference} episodes={bundle.episodes} canChange={canChange} onChanged={reload} />
      <ObservationsSection
        reference={record.reference}
        items={bundle.observations}
        tasks={bundle.tasks}
        indicators={indicators}
        canChange={canChange}
        reload={reload}
      />
      <TasksSection reference={record.reference} initial={bundle.tasks} assigneeId={record.assigneeId} canChange={canChange} />
      <LinksSection reference={record.reference} items={bundle.links} canLink={can('case.link')} reload={reload} />
      <NotesSection reference={record.reference} items={bundle.notes} canChange={canChange} reload={reload} />
      <TimelineSection items={bundle.timeline} />
      <PhotosSection reference={record.reference} canChange={canChange} />
      <PosterSection record={record} />
      <ClosingSection record={record} reload={reload} />
    </>
  );
}

const PLACEMENT_SPECS: FieldSpec[] = [
  { path: 'details.placement.kind', label: 'Where the child lives', kind: 'select', options: PLACEMENT_KINDS, required: true },
  { path: 'details.placement.agencyName', label: 'Agency with custody', kind: 'text' },
];

/** Shows, for each field someone else changed, what it holds now. */
function describeCaseStale(current: unknown, changed: readonly string[]) {
  const c = current as CaseRecord;
  const now = (field: string): string => {
    switch (field) {
      case 'placement':
        return c.details.placement === undefined
          ? 'none'
          : [label(PLACEMENT_KINDS, c.details.placement.kind), c.details.placement.agencyName].filter(Boolean).join(', ');
      case 'identity':
        return c.details.identity.name;
      case 'state':
        return c.state === null ? 'none' : label(US_STATES, c.state);
      case 'status':
        return label(STATUSES, c.status);
      case 'closing':
        return c.closing.reason === null ? 'none' : label(CLOSE_REASONS, c.closing.reason);
      default:
        return 'changed';
    }
  };
  return (
    <span className="display-block">
      What changed:
      <ul className="usa-list" data-testid="stale-changes">
        {changed.map((f) => (
          <li key={f}>
            {label(FIELD_NAMES, f)}: now {now(f)}
          </li>
        ))}
      </ul>
    </span>
  );
}

function PlacementEditor({ record, reload }: { record: CaseRecord; reload: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button type="button" outline onClick={() => setOpen(true)}>
        Change the placement
      </Button>
    );
  }
  return (
    <StepForm
      idPrefix="placement"
      heading="Change the placement"
      specs={PLACEMENT_SPECS}
      initial={valuesFrom(PLACEMENT_SPECS, record)}
      submitLabel="Save the placement"
      focusOnOpen
      onCancel={() => setOpen(false)}
      onReload={() => void reload()}
      describeStale={describeCaseStale}
      onSubmit={async (values) => {
        await casesApi.update(record.reference, {
          version: record.version,
          details: { placement: (values.details as { placement: unknown }).placement },
        });
        await reload();
      }}
    />
  );
}

function ObservationsSection({
  reference,
  items,
  tasks,
  indicators,
  canChange,
  reload,
}: {
  reference: string;
  items: Observation[];
  tasks: Task[];
  indicators: Indicator[];
  canChange: boolean;
  reload: () => Promise<void>;
}) {
  const [adding, setAdding] = useState(false);
  const specs: FieldSpec[] = [
    {
      path: 'indicator',
      label: 'What was observed',
      kind: 'select',
      options: Object.fromEntries(indicators.map((i) => [i.code, i.label])),
      required: true,
    },
    { path: 'observedAt', label: 'Observed at', kind: 'datetime', required: true },
    { path: 'observer', label: 'Observed by', kind: 'text', required: true },
    { path: 'source', label: 'Source', kind: 'select', options: OBSERVATION_SOURCES, required: true },
    { path: 'note', label: 'Note (the evidence, in plain words)', kind: 'textarea' },
    {
      path: 'task.title',
      label: 'Follow-up task (optional)',
      kind: 'text',
      hint: 'For example: ask about the hotel key card found.',
    },
    { path: 'task.dueAt', label: 'Task due at (optional)', kind: 'datetime' },
  ];
  const taskOf = (o: Observation) => tasks.find((t) => t.id === o.taskId);
  return (
    <Section id="observations" title={`Observations (${items.length})`}>
      <p>Each observation is a dated fact with its source, to prompt questions and follow-up. They are never added up.</p>
      {items.length === 0 && <p>No observations are recorded.</p>}
      {items.length > 0 && (
        <ul className="usa-list usa-list--unstyled">
          {items.map((o) => (
            <li key={o.id} className={styles.record}>
              <p className="text-bold margin-bottom-05">{o.indicatorLabel}</p>
              <Facts
                facts={[
                  ['Observed', <time dateTime={o.observedAt}>{formatDateTime(o.observedAt)}</time>],
                  ['By', o.observer],
                  ['Source', label(OBSERVATION_SOURCES, o.source)],
                  ['Evidence', o.note],
                  [
                    'Follow-up task',
                    taskOf(o) === undefined
                      ? null
                      : `${taskOf(o)!.title}${taskOf(o)!.dueAt === null ? '' : ` (due ${formatDateTime(taskOf(o)!.dueAt)})`}`,
                  ],
                ]}
              />
            </li>
          ))}
        </ul>
      )}
      {canChange && !adding && (
        <Button type="button" onClick={() => setAdding(true)}>
          Record an observation
        </Button>
      )}
      {canChange && adding && (
        <StepForm
          idPrefix="observation"
          heading="Record an observation"
          specs={specs}
          submitLabel="Save the observation"
          focusOnOpen
          onCancel={() => setAdding(false)}
          onReload={() => void reload()}
          onSubmit={async (values) => {
            await casesApi.addObservation(reference, values);
            setAdding(false);
            await reload();
          }}
        />
      )}
    </Section>
  );
}

const LINK_SPECS: FieldSpec[] = [
  { path: 'kind', label: 'What to link', kind: 'select', options: LINK_KINDS, required: true },
  { path: 'reference', label: 'Reference', kind: 'text', required: true, hint: 'For a tip, like BCN-2026-000123.' },
  { path: 'reason', label: 'Why it is linked', kind: 'textarea', required: true },
];

function LinksSection({
  reference,
  items,
  canLink,
  reload,
}: {
  reference: string;
  items: CaseLink[];
  canLink: boolean;
  reload: () => Promise<void>;
}) {
  const [adding, setAdding] = useState(false);
  return (
    <Section id="links" title={`Linked tips and cases (${items.length})`}>
      {items.length === 0 && <p>Nothing is linked yet.</p>}
      {items.length > 0 && (
        <ul className="usa-list" data-testid="links">
          {items.map((l) => (
            <li key={l.id}>
              {label(LINK_KINDS, l.kind)}{' '}
              {l.kind === 'tip' ? (
                <AppLink className="usa-link" href={paths.report(l.reference)}>
                  {l.reference}
                </AppLink>
              ) : l.kind === 'case' ? (
                <AppLink className="usa-link" href={paths.caseFile(l.reference)}>
                  {l.reference}
                </AppLink>
              ) : (
                l.reference
              )}
              : {l.reason}
            </li>
          ))}
        </ul>
      )}
      {canLink && !adding && (
        <Button type="button" onClick={() => setAdding(true)}>
          Link a tip or case
        </Button>
      )}
      {canLink && adding && (
        <StepForm
          idPrefix="link"
          heading="Link a tip or case"
          specs={LINK_SPECS}
          initial={{ kind: 'tip', reference: '', reason: '' }}
          submitLabel="Save the link"
          focusOnOpen
          onCancel={() => setAdding(false)}
          onReload={() => void reload()}
          onSubmit={async (values) => {
            await casesApi.addLink(reference, values);
            setAdding(false);
            await reload();
          }}
        />
      )}
    </Section>
  );
}

function NotesSection({
  reference,
  items,
  canChange,
  reload,
}: {
  reference: string;
  items: Note[];
  canChange: boolean;
  reload: () => Promise<void>;
}) {
  return (
    <Section id="notes" title={`Notes (${items.length})`}>
      {items.length === 0 && <p>No notes yet.</p>}
      {items.map((n) => (
        <div key={n.id} className={styles.record}>
          <p className="text-base margin-bottom-05">
            <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
          </p>
          <p className={styles.noteText}>{n.text}</p>
          {n.suggestions.length > 0 && (
            <div className={styles.noteSuggestions} data-testid="language-suggestion">
              <p className="margin-bottom-05">A suggestion about wording:</p>
              <ul className="usa-list">
                {n.suggestions.map((s) => (
                  <li key={`${s.start}-${s.term}`}>
                    Instead of “{s.term}”, consider “{s.suggestion}”. {s.reason}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      ))}
      {canChange && (
        <StepForm
          idPrefix="note"
          heading="Add a note"
          specs={[{ path: 'text', label: 'Note', kind: 'textarea', required: true }]}
          submitLabel="Save the note"
          onReload={() => void reload()}
          onSubmit={async (values) => {
            await casesApi.addNote(reference, String(values.text));
            await reload();
          }}
        />
      )}
    </Section>
  );
}

function TimelineSection({ items }: { items: TimelineItem[] }) {
  return (
    <Section id="timeline" title="Timeline">
      {items.length === 0 ? (
        <p>Nothing has happened on this case yet.</p>
      ) : (
        <ol className="usa-list usa-list--unstyled beacon-timeline" data-testid="timeline">
          {items.map((i) => (
            <li key={`${i.kind}-${i.id}-${i.at}`}>
              <time dateTime={i.at}>{formatDateTime(i.at)}</time>: {i.summary}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

const CLOSE_SPECS: FieldSpec[] = [
  { path: 'reason', label: 'Why the case can close', kind: 'select', options: CLOSE_REASONS, required: true },
  { path: 'note', label: 'Note for the supervisor', kind: 'textarea' },
];

function ClosingSection({ record, reload }: { record: CaseRecord; reload: () => Promise<void> }) {
  const [asking, setAsking] = useState(false);
  const decision = useSubmit({
    same_user: 'Someone other than the person who asked to close the case must approve it.',
    wrong_status: 'The case is no longer waiting for approval. Reload it.',
  });
  const canRequest = record.abilities.includes('case.close_request');
  const canApprove = record.abilities.includes('case.close_approve');
  return (
    <Section id="closing" title="Closing the case">
      <Facts
        facts={[
          ['Reason', record.closing.reason === null ? null : label(CLOSE_REASONS, record.closing.reason)],
          ['Note', record.closing.note],
          ['Requested', formatDateTime(record.closing.requestedAt)],
          ['Closed', formatDateTime(record.closing.closedAt)],
        ]}
      />
      {record.status === 'open' && !canRequest && <p>The case is open.</p>}
      {canRequest && !asking && (
        <Button type="button" outline onClick={() => setAsking(true)}>
          Request closing
        </Button>
      )}
      {canRequest && asking && (
        <StepForm
          idPrefix="close"
          heading="Request closing"
          specs={CLOSE_SPECS}
          submitLabel="Ask a supervisor to close the case"
          focusOnOpen
          onCancel={() => setAsking(false)}
          onReload={() => void reload()}
          describeStale={describeCaseStale}
          onSubmit={async (values) => {
            await casesApi.requestClose(record.reference, {
              version: record.version,
              reason: String(values.reason),
              ...(values.note === undefined ? {} : { note: String(values.note) }),
            });
            await reload();
          }}
        />
      )}
      {record.status === 'closing_requested' && !canApprove && (
        <p>A supervisor other than the person who asked will approve the closing.</p>
      )}
      {canApprove && (
        <>
          {decision.message !== null && <Notice type="error">{decision.message}</Notice>}
          {decision.stale !== null && (
            <Notice type="warning">Someone else changed this case since you opened it. Reload it before deciding.</Notice>
          )}
          <ul className="usa-button-group">
            <li className="usa-button-group__item">
              <Button
                type="button"
                aria-disabled={decision.busy}
                onClick={() =>
                  void decision.run(async () => {
                    await casesApi.approveClose(record.reference, record.version);
                    await reload();
                  })
                }
              >
                Approve closing
              </Button>
            </li>
            <li className="usa-button-group__item">
              <Button
                type="button"
                outline
                aria-disabled={decision.busy}
                onClick={() =>
                  void decision.run(async () => {
                    await casesApi.rejectClose(record.reference, record.version);
                    await reload();
                  })
                }
              >
                Send back: keep the case open
              </Button>
            </li>
            {decision.stale !== null && (
              <li className="usa-button-group__item">
                <Button type="button" unstyled onClick={() => void reload()}>
                  Reload the case
                </Button>
              </li>
            )}
          </ul>
        </>
      )}
    </Section>
  );
}
