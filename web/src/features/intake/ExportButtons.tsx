import { Button, ButtonGroup } from '@trussworks/react-uswds';
import { useState } from 'react';
import { Notice } from '../../components/Notice';
import { errorText } from '../../components/errors';
import { intakeApi, type ExportFormat } from './api';

/** Downloads of one tip: XML for the national tipline, and Beacon's JSON. Each download is audited. */
export function ExportButtons({ reference }: { reference: string }) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);

  const download = (format: ExportFormat) => {
    if (busy !== null) return;
    setBusy(format);
    setError(null);
    intakeApi
      .download(reference, format)
      .catch((err: unknown) =>
        setError(
          errorText(err, {
            forbidden: 'Your role does not include downloading tips.',
            not_found: 'This tip is no longer shared with you.',
            unauthenticated: 'Your session has ended. Sign in again to download the tip.',
          }),
        ),
      )
      .finally(() => setBusy(null));
  };

  return (
    <section aria-labelledby="export-heading" className="beacon-section">
      <h2 id="export-heading">Download</h2>
      <p>Downloads hold the whole tip, including the child’s details. Each download is recorded.</p>
      <ButtonGroup>
        <Button type="button" onClick={() => download('cybertipline-xml')} aria-disabled={busy !== null}>
          Download for the national tipline (XML)
        </Button>
        <Button type="button" outline onClick={() => download('json')} aria-disabled={busy !== null}>
          Download JSON
        </Button>
      </ButtonGroup>
      <p role="status" className="margin-top-1">
        {busy === null ? '' : 'Preparing the download…'}
      </p>
      {error !== null && <Notice type="error">{error}</Notice>}
    </section>
  );
}
