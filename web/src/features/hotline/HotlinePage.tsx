import { Button, Table } from '@trussworks/react-uswds';
import { useState } from 'react';
import { AppLink, navigate, paths } from '../../app/router';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { useLoad } from '../../components/useLoad';
import { hotlineApi } from './api';
import { CallForm } from './CallForm';
import { clockTime } from './model';
import { CALL_LANGUAGE_LABELS, CALLER_TYPE_LABELS } from './text';
import { formatDateTime } from '../../components/format';

const HOTLINE_ERRORS = {
  forbidden: 'Your role does not include taking hotline calls.',
  not_found: 'There is no open call with this address that you may see.',
};

/** `/app/hotline`: start or resume a call; `/app/hotline?call=<id>`: the call itself. */
export function HotlinePage({ callId }: { callId: string | null }) {
  const [submitted, setSubmitted] = useState<string | null>(null);
  if (submitted !== null) return <Done reference={submitted} onAnother={() => setSubmitted(null)} />;
  if (callId === null) return <CallList />;
  return <CallScreen key={callId} callId={callId} onDone={(reference) => setSubmitted(reference)} />;
}

function CallList() {
  const {
    data: open,
    error,
    setError,
  } = useLoad((signal) => hotlineApi.listOpen(signal).then((page) => page.items), [], HOTLINE_ERRORS);
  const [starting, setStarting] = useState(false);

  const start = async (): Promise<void> => {
    if (starting) return;
    setStarting(true);
    try {
      const draft = await hotlineApi.start();
      navigate(paths.hotline(draft.id));
    } catch (err) {
      setError(errorText(err, HOTLINE_ERRORS));
      setStarting(false);
    }
  };

  return (
    <Page heading="Hotline">
      {error !== null && <Notice type="error">{error}</Notice>}
      <Button type="button" onClick={() => void start()} aria-disabled={starting}>
        {starting ? 'Starting…' : 'Start a call'}
      </Button>
      <h2>Open calls</h2>
      {open === null && error === null && <p role="status">Loading your open calls…</p>}
      {open !== null && open.length === 0 && <p>You have no calls waiting to be submitted.</p>}
      {open !== null && open.length > 0 && (
        <Table caption="Your calls not yet submitted, most recently changed first" fullWidth striped stackedStyle="headers">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Caller</th>
              <th scope="col">Language</th>
              <th scope="col">Last saved</th>
            </tr>
          </thead>
          <tbody>
            {open.map((d) => (
              <tr key={d.id}>
                <th scope="row">
                  <AppLink href={paths.hotline(d.id)} className="usa-link">
                    Resume the call started {formatDateTime(d.call.startedAt)}
                  </AppLink>
                </th>
                <td data-label="Caller">
                  {d.call.callerType === null ? 'Not noted' : (CALLER_TYPE_LABELS[d.call.callerType] ?? d.call.callerType)}
                </td>
                <td data-label="Language">
                  {d.call.language === null ? 'Not noted' : (CALL_LANGUAGE_LABELS[d.call.language] ?? d.call.language)}
                </td>
                <td data-label="Last saved">
                  <time dateTime={d.updatedAt}>{clockTime(new Date(d.updatedAt))}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Page>
  );
}

function CallScreen({ callId, onDone }: { callId: string; onDone: (reference: string) => void }) {
  const { data: draft, error } = useLoad((signal) => hotlineApi.get(callId, signal), [callId], HOTLINE_ERRORS);

  const back = (
    <p className="margin-top-3 margin-bottom-0">
      <AppLink href={paths.hotline()} className="usa-link">
        All open calls
      </AppLink>
    </p>
  );

  return (
    <Page heading="Hotline call" above={back}>
      {error !== null && <Notice type="error">{error}</Notice>}
      {draft === null && error === null && <p role="status">Loading the call…</p>}
      {draft !== null && draft.status === 'submitted' && draft.reference !== null && (
        <Notice type="info">
          This call was submitted as report <strong data-reference={draft.reference}>{draft.reference}</strong>.
        </Notice>
      )}
      {draft !== null && draft.status === 'discarded' && (
        <Notice type="info">This call was discarded; no report was made.</Notice>
      )}
      {draft !== null && draft.status === 'draft' && <CallForm draft={draft} onSubmitted={onDone} />}
    </Page>
  );
}

function Done({ reference, onAnother }: { reference: string; onAnother: () => void }) {
  const startAnother = (): void => {
    onAnother();
    navigate(paths.hotline());
  };
  return (
    <Page heading={reference === '' ? 'Call discarded' : 'Report submitted'}>
      {reference === '' ? (
        <Notice type="info">The call was discarded; no report was made.</Notice>
      ) : (
        <Notice type="success">
          The report was submitted. Its reference is <strong data-reference={reference}>{reference}</strong>.
        </Notice>
      )}
      <Button type="button" onClick={startAnother}>
        Back to calls
      </Button>
    </Page>
  );
}
