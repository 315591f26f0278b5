import { useLoad } from '../../components/useLoad';
import { Button, Table, Tag } from '@trussworks/react-uswds';
import { useState } from 'react';
import { AppLink, paths } from '../../app/router';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { formatAges, formatDateTime, formatPlace } from '../intake/format';
import { incidentTypeLabel } from '../intake/labels';
import { PRIORITY_LABELS, TIP_STATUS_LABELS, triageApi, type QueueItem, type QueueView } from './api';
import styles from './triage.module.css';

const QUEUE_ERRORS = { forbidden: 'Your role does not include the tip queue.' };
const VIEWS: { view: QueueView; label: string }[] = [
  { view: 'open', label: 'Open' },
  { view: 'mine', label: 'Mine' },
  { view: 'closing_requested', label: 'Closures to review' },
  { view: 'referred', label: 'Referred' },
  { view: 'linked_to_case', label: 'Linked to a case' },
  { view: 'closed', label: 'Closed' },
];

/** `/app/`: tips by urgency, each with the rules that put it there. */
export function QueuePage() {
  const [view, setView] = useState<QueueView>('open');
  const {
    data: queue,
    setData: setQueue,
    error,
    setError,
  } = useLoad((signal) => triageApi.queue(view, null, signal), [view], QUEUE_ERRORS);

  const loadMore = async (): Promise<void> => {
    if (queue?.nextCursor == null) return;
    try {
      const next = await triageApi.queue(view, queue.nextCursor);
      setQueue({ items: [...queue.items, ...next.items], nextCursor: next.nextCursor });
    } catch (err) {
      setError(errorText(err, QUEUE_ERRORS));
    }
  };

  return (
    <Page heading="Tips to triage">
      <p className="usa-intro">
        The most urgent first, then the longest waiting. Urgency ranks reports for attention; it never rates a child.
      </p>
      <nav aria-label="Queue views" className="margin-bottom-2">
        <ul className="usa-button-group">
          {VIEWS.map((v) => (
            <li key={v.view} className="usa-button-group__item">
              <Button type="button" outline={v.view !== view} aria-pressed={v.view === view} onClick={() => setView(v.view)}>
                {v.label}
              </Button>
            </li>
          ))}
        </ul>
      </nav>
      {error !== null && <Notice type="error">{error}</Notice>}
      {queue === null && error === null && <p role="status">Loading tips…</p>}
      {queue !== null && (
        <>
          <p role="status">
            {queue.items.length === 0
              ? 'There are no tips in this view.'
              : `Showing ${queue.items.length} ${queue.items.length === 1 ? 'tip' : 'tips'}.`}
          </p>
          {queue.items.length > 0 && <QueueTable items={queue.items} />}
          {queue.nextCursor !== null && (
            <Button type="button" outline onClick={() => void loadMore()}>
              Load more
            </Button>
          )}
        </>
      )}
    </Page>
  );
}

function QueueTable({ items }: { items: readonly QueueItem[] }) {
  return (
    <Table caption="Tips, most urgent first" fullWidth stackedStyle="headers">
      <thead>
        <tr>
          <th scope="col" className={styles.reference}>
            Reference
          </th>
          <th scope="col">Urgency and why</th>
          <th scope="col" className={styles.respondBy}>
            Respond by
          </th>
          <th scope="col" className={styles.place}>
            Type and place
          </th>
          <th scope="col" className={styles.ages}>
            Child ages
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((tip) => (
          <tr key={tip.reference} data-priority={tip.priority}>
            <th scope="row">
              <AppLink className="beacon-reference" href={paths.report(tip.reference)}>
                {tip.reference}
              </AppLink>
              <div className="font-sans-3xs text-base-dark">{TIP_STATUS_LABELS[tip.status] ?? tip.status}</div>
            </th>
            <td data-label="Urgency and why">
              <Tag className={`beacon-priority beacon-priority--${tip.priority}`}>{PRIORITY_LABELS[tip.priority]}</Tag>
              {tip.reasons.length > 0 && (
                <ul className="beacon-reasons">
                  {tip.reasons.map((r) => (
                    <li key={r.code}>
                      <strong>{r.label}:</strong> {r.because}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td data-label="Respond by">
              <time dateTime={tip.dueAt}>{formatDateTime(tip.dueAt)}</time>
              {tip.overdue && <Tag className="beacon-tag-overdue margin-left-1">Overdue</Tag>}
              <div className="font-sans-3xs text-base">Received {formatDateTime(tip.receivedAt)}</div>
            </td>
            <td data-label="Type and place">
              {incidentTypeLabel(tip.incidentType)}
              <div>{formatPlace(tip.city, tip.state) ?? 'Place not given'}</div>
            </td>
            <td data-label="Child ages">{formatAges(tip.childAges) ?? 'Not given'}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
