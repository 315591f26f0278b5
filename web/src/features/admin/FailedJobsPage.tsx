import { Button, Table } from '@trussworks/react-uswds';
import { useState } from 'react';
import { errorText } from '../../components/errors';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { useLoad } from '../../components/useLoad';
import { adminApi, when } from './api';

/** `/app/admin/jobs`: background jobs that failed after every retry (the dead-letter view), and retrying one. */
export function FailedJobsPage() {
  const { data: items, error, reload } = useLoad((signal) => adminApi.failedJobs(signal), []);
  const [notice, setNotice] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const retry = async (id: string, queue: string): Promise<void> => {
    try {
      await adminApi.retryJob(id);
      setNotice({ type: 'success', text: `The ${queue} job is queued again.` });
      await reload();
    } catch (err) {
      setNotice({ type: 'error', text: errorText(err) });
    }
  };
  return (
    <Page heading="Failed background jobs">
      {notice !== null && <Notice type={notice.type}>{notice.text}</Notice>}
      {error !== null && <Notice type="error">{error}</Notice>}
      {items === null && error === null && <p role="status">Loading failed jobs…</p>}
      {items !== null && items.length === 0 && <p>No background job has failed.</p>}
      {items !== null && items.length > 0 && (
        <Table caption="Jobs that failed after every retry, newest first" fullWidth striped stackedStyle="headers">
          <thead>
            <tr>
              <th scope="col">Failed</th>
              <th scope="col">Job</th>
              <th scope="col">Attempts</th>
              <th scope="col">Error</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {items.map((j) => (
              <tr key={j.id}>
                <th scope="row">
                  <time dateTime={j.failedAt}>{when(j.failedAt)}</time>
                </th>
                <td data-label="Job">{j.queue}</td>
                <td data-label="Attempts">{j.attempts}</td>
                <td data-label="Error">{j.error}</td>
                <td data-label="Actions">
                  <Button
                    type="button"
                    secondary
                    onClick={() => void retry(j.id, j.queue)}
                    aria-label={`Retry the ${j.queue} job`}
                  >
                    Retry
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Page>
  );
}
