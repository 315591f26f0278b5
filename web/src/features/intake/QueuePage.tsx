import { Button, Table, Tag } from '@trussworks/react-uswds';
import { useEffect, useState } from 'react';
import { AppLink, paths } from '../../app/router';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { useLoad } from '../../components/useLoad';
import { intakeApi, type TipSummary } from './api';
import { formatAges, formatDateTime, formatPlace } from './format';
import { incidentTypeLabel } from './labels';

const QUEUE_ERRORS = { forbidden: 'Your role does not include the tip queue.' };

const tipLinkId = (reference: string): string => `tip-${reference}`;


/** `/app/`: the new tips, newest first, 50 at a time. */
export function QueuePage() {
  const { data: queue, setData: setQueue, error, setError } = useLoad((signal) => intakeApi.listNew(null, signal), [], QUEUE_ERRORS);
  const [loadingMore, setLoadingMore] = useState(false);
  /** After "Load more", focus moves to the first tip that was added. */
  const [focusReference, setFocusReference] = useState<string | null>(null);

  useEffect(() => {
    if (focusReference !== null) document.getElementById(tipLinkId(focusReference))?.focus();
  }, [focusReference]);

  const loadMore = async (): Promise<void> => {
    if (loadingMore || queue?.nextCursor == null) return;
    setLoadingMore(true);
    setError(null);
    try {
      const page = await intakeApi.listNew(queue.nextCursor);
      setQueue({ items: [...queue.items, ...page.items], nextCursor: page.nextCursor });
      setFocusReference(page.items[0]?.reference ?? null);
    } catch (err) {
      setError(errorText(err, QUEUE_ERRORS));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Page heading="New tips">
      {error !== null && <Notice type="error">{error}</Notice>}
      {queue === null && error === null && <p role="status">Loading tips…</p>}
      {queue !== null && (
        <>
          <p role="status">
            {queue.items.length === 0
              ? 'There are no new tips right now.'
              : `Showing ${queue.items.length} new ${queue.items.length === 1 ? 'tip' : 'tips'}, newest first.`}
          </p>
          {queue.items.length > 0 && <TipTable tips={queue.items} />}
          {queue.nextCursor !== null && (
            <Button type="button" outline aria-disabled={loadingMore} onClick={() => void loadMore()}>
              {loadingMore ? 'Loading more tips…' : 'Load more'}
            </Button>
          )}
        </>
      )}
    </Page>
  );
}

function TipTable({ tips }: { tips: readonly TipSummary[] }) {
  return (
    <Table caption="New tips, newest first" fullWidth striped scrollable>
      <thead>
        <tr>
          <th scope="col">Reference</th>
          <th scope="col">Received</th>
          <th scope="col">Type</th>
          <th scope="col">Place</th>
          <th scope="col">Child ages</th>
        </tr>
      </thead>
      <tbody>
        {tips.map((tip) => (
          <TipRow key={tip.reference} tip={tip} />
        ))}
      </tbody>
    </Table>
  );
}

function TipRow({ tip }: { tip: TipSummary }) {
  return (
    <tr>
      <th scope="row">
        <AppLink id={tipLinkId(tip.reference)} className="beacon-reference" href={paths.report(tip.reference)}>{tip.reference}</AppLink>
        {tip.escalated && <Tag className="beacon-tag-escalated margin-left-1">Escalated</Tag>}
      </th>
      <td>
        <time dateTime={tip.receivedAt}>{formatDateTime(tip.receivedAt)}</time>
      </td>
      <td>{incidentTypeLabel(tip.incidentType)}</td>
      <td>{formatPlace(tip.city, tip.state) ?? 'Not given'}</td>
      <td>{formatAges(tip.childAges) ?? 'Not given'}</td>
    </tr>
  );
}
