import { Button } from '@trussworks/react-uswds';
import { useEffect, useState } from 'react';
import { Facts } from '../../components/Facts';
import { Section } from '../intake/Section';
import { casesApi, episodeInput, type Episode } from './api';
import { StepForm, valuesFrom, type FieldSpec } from './StepForm';
import {
  clockText,
  DEADLINE_LABELS,
  DEADLINE_STATES,
  formatDateTime,
  label,
  LEFT_FROM,
  SCREENING_OUTCOMES,
  US_STATES,
} from './text';
import { CLOCK_STATE_CLASSES, styles } from './styles';

const NEW_EPISODE: FieldSpec[] = [
  { path: 'leftFrom', label: 'Left from', kind: 'select', options: LEFT_FROM, required: true },
  {
    path: 'knownMissingAt',
    label: 'Known missing at',
    kind: 'datetime',
    required: true,
    hint: 'When anyone responsible first knew the child was missing. The 24-hour clocks start here.',
  },
  { path: 'lastSeen.at', label: 'Last seen at (time)', kind: 'datetime' },
  { path: 'lastSeen.place', label: 'Where last seen', kind: 'text' },
  { path: 'lastSeen.city', label: 'City last seen in', kind: 'text' },
  { path: 'lastSeen.state', label: 'State last seen in', kind: 'select', options: US_STATES },
  {
    path: 'circumstances',
    label: 'Circumstances',
    kind: 'textarea',
    hint: 'What happened before the child left, in plain words.',
  },
];

const STEPS = {
  reports: {
    button: 'Record the reports',
    heading: 'Reports made',
    submit: 'Save the reports',
    specs: [
      { path: 'reportedToLawEnforcementAt', label: 'Reported to law enforcement at', kind: 'datetime' },
      { path: 'reportedToClearinghouseAt', label: 'Reported to the missing-children clearinghouse at', kind: 'datetime' },
    ],
  },
  recovery: {
    button: 'Record the recovery',
    heading: 'Recovery',
    submit: 'Save the recovery',
    specs: [
      { path: 'recovery.recoveredAt', label: 'Recovered at', kind: 'datetime', required: true },
      { path: 'recovery.place', label: 'Where the child was found', kind: 'text' },
      { path: 'recovery.recoveredBy', label: 'Found by', kind: 'text' },
      { path: 'recovery.how', label: 'How the child was found', kind: 'textarea' },
    ],
  },
  interview: {
    button: 'Record the return interview',
    heading: 'Return interview',
    submit: 'Save the return interview',
    specs: [
      { path: 'returnInterview.conductedAt', label: 'Interview held at', kind: 'datetime', required: true },
      { path: 'returnInterview.interviewer', label: 'Interviewer', kind: 'text' },
      { path: 'returnInterview.primaryFactors', label: 'Why the child left (primary factors)', kind: 'textarea' },
      { path: 'returnInterview.experiencesWhileAway', label: 'What happened while away', kind: 'textarea' },
    ],
  },
  screening: {
    button: 'Record the trafficking screening',
    heading: 'Sex-trafficking screening',
    submit: 'Save the screening',
    specs: [
      { path: 'screening.screenedAt', label: 'Screened at', kind: 'datetime', required: true },
      { path: 'screening.screener', label: 'Screened by', kind: 'text', required: true },
      { path: 'screening.outcome', label: 'Outcome', kind: 'select', options: SCREENING_OUTCOMES, required: true },
      { path: 'screening.notes', label: 'Screening notes', kind: 'textarea' },
      {
        path: 'screening.victimReportedAt',
        label: 'Identified victim reported to law enforcement at',
        kind: 'datetime',
        hint: 'Required within 24 hours when the child is identified as a victim.',
      },
    ],
  },
} satisfies Record<string, { button: string; heading: string; submit: string; specs: FieldSpec[] }>;
type Step = keyof typeof STEPS;

/** Re-renders every 30 seconds so the clocks count down on screen. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

type Props = { reference: string; episodes: Episode[]; canChange: boolean; onChanged: () => Promise<void> };

export function EpisodesSection({ reference, episodes, canChange, onChanged }: Props) {
  const [adding, setAdding] = useState(false);
  const now = useNow();
  return (
    <Section id="episodes" title={`Missing episodes (${episodes.length})`}>
      {episodes.length === 0 && <p>No missing episodes are recorded.</p>}
      {episodes.map((e, i) => (
        <EpisodeCard
          key={e.id}
          number={i + 1}
          reference={reference}
          episode={e}
          now={now}
          canChange={canChange}
          onChanged={onChanged}
        />
      ))}
      {canChange && !adding && (
        <Button type="button" onClick={() => setAdding(true)}>
          Record a missing episode
        </Button>
      )}
      {canChange && adding && (
        <StepForm
          idPrefix="episode-new"
          heading="Record a missing episode"
          specs={NEW_EPISODE}
          submitLabel="Save the episode"
          focusOnOpen
          onCancel={() => setAdding(false)}
          onReload={() => void onChanged()}
          onSubmit={async (values) => {
            await casesApi.addEpisode(reference, values as Parameters<typeof casesApi.addEpisode>[1]);
            setAdding(false);
            await onChanged();
          }}
        />
      )}
    </Section>
  );
}

function EpisodeCard({
  number,
  reference,
  episode: e,
  now,
  canChange,
  onChanged,
}: { number: number; episode: Episode; now: Date } & Omit<Props, 'episodes'>) {
  const [step, setStep] = useState<Step | null>(null);
  const available: Step[] =
    e.recovery === undefined ? ['reports', 'recovery'] : ['reports', 'recovery', 'interview', 'screening'];
  return (
    <article className={styles.record} aria-labelledby={`episode-${e.id}-heading`}>
      <h3 id={`episode-${e.id}-heading`}>
        Episode {number}: left {label(LEFT_FROM, e.leftFrom).toLowerCase()}, known missing {formatDateTime(e.knownMissingAt)}
      </h3>
      <h4>Clocks</h4>
      <ul className={styles.clocks} aria-label={`Clocks for episode ${number}`}>
        {e.deadlines.map((d) => {
          const clock = clockText(d, now);
          return (
            <li key={d.kind} className={`${styles.clock} ${CLOCK_STATE_CLASSES[clock.state] ?? ''}`} data-clock={d.kind}>
              <span className={styles.clockLabel}>{label(DEADLINE_LABELS, d.kind)}</span>
              <span className={styles.clockState}>{DEADLINE_STATES[clock.state]}</span>
              <span>{clock.text}</span>
              <span>
                {d.metAt === null ? 'Due by ' : 'Done at '}
                <time dateTime={d.metAt ?? d.dueAt}>{formatDateTime(d.metAt ?? d.dueAt)}</time>
              </span>
            </li>
          );
        })}
      </ul>
      <Facts
        facts={[
          ['Left from', label(LEFT_FROM, e.leftFrom)],
          ['Known missing at', formatDateTime(e.knownMissingAt)],
          ['Last seen', [e.lastSeen?.place, e.lastSeen?.city, e.lastSeen?.state].filter(Boolean).join(', ') || null],
          ['Last seen at', formatDateTime(e.lastSeen?.at)],
          ['Circumstances', e.circumstances],
          ['Reported to law enforcement', formatDateTime(e.reportedToLawEnforcementAt) || 'Not yet'],
          ['Reported to the clearinghouse', formatDateTime(e.reportedToClearinghouseAt) || 'Not yet'],
          [
            'Recovered',
            e.recovery === undefined
              ? 'Not yet'
              : [
                  formatDateTime(e.recovery.recoveredAt),
                  e.recovery.place,
                  e.recovery.recoveredBy && `by ${e.recovery.recoveredBy}`,
                ]
                  .filter(Boolean)
                  .join(', '),
          ],
          ['How the child was found', e.recovery?.how],
          [
            'Return interview',
            e.returnInterview === undefined
              ? e.recovery === undefined
                ? null
                : 'Not yet'
              : [formatDateTime(e.returnInterview.conductedAt), e.returnInterview.interviewer].filter(Boolean).join(', '),
          ],
          ['Why the child left', e.returnInterview?.primaryFactors],
          ['What happened while away', e.returnInterview?.experiencesWhileAway],
          [
            'Trafficking screening',
            e.screening === undefined
              ? e.recovery === undefined
                ? null
                : 'Not yet'
              : `${label(SCREENING_OUTCOMES, e.screening.outcome)} (${formatDateTime(e.screening.screenedAt)}, ${e.screening.screener})`,
          ],
          ['Screening notes', e.screening?.notes],
          ['Supervisor review', e.reviewedAt === null ? null : formatDateTime(e.reviewedAt)],
        ]}
      />
      {canChange && step === null && (
        <ul className="usa-button-group">
          {available.map((s) => (
            <li key={s} className="usa-button-group__item">
              <Button type="button" outline onClick={() => setStep(s)}>
                {STEPS[s].button}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {canChange && step !== null && (
        <StepForm
          key={step}
          idPrefix={`episode-${number}-${step}`}
          heading={`${STEPS[step].heading} (episode ${number})`}
          level="h4"
          specs={STEPS[step].specs}
          initial={valuesFrom(STEPS[step].specs, e)}
          submitLabel={STEPS[step].submit}
          focusOnOpen
          onCancel={() => setStep(null)}
          onReload={() => void onChanged()}
          onSubmit={async (values) => {
            await casesApi.updateEpisode(reference, e.id, { ...episodeInput(e), ...values, version: e.version });
            setStep(null);
            await onChanged();
          }}
        />
      )}
    </article>
  );
}
