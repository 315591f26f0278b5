import { Button, Table } from '@trussworks/react-uswds';
import { Fragment, useState } from 'react';
import { Notice } from '../../components/Notice';
import { errorText } from '../../components/errors';
import { useLoad } from '../../components/useLoad';
import { filesApi, type TipFile } from './api';
import { formatDateTime } from './format';

const TYPE_LABELS: Readonly<Record<string, string>> = {
  'image/jpeg': 'JPEG image',
  'image/png': 'PNG image',
  'image/gif': 'GIF image',
  'image/webp': 'WebP image',
  'application/pdf': 'PDF document',
  'video/mp4': 'MP4 video',
  'text/plain': 'Text',
  'application/json': 'JSON',
};

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Enough decimals to tell one building from the next, without trailing zeros. */
const coordinate = (value: number) => String(Number(value.toFixed(5)));

/** A long hash in monospace that may break every 16 characters; copying it still gives one unbroken string. */
function Hash({ value }: { value: string }) {
  const parts = value.match(/.{1,16}/g) ?? [value];
  return (
    <code className="font-family-mono font-mono-3xs">
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </code>
  );
}

/**
 * The files an electronic service provider sent with the tip. Nothing here shows a file: the table
 * holds text only (hashes, details, the location the file itself records), and a download is
 * fetched and saved, never rendered in the page.
 */
export function FilesSection({ reference, channel }: { reference: string; channel: string }) {
  // Only providers upload files; other channels have none, so the section would be noise.
  if (channel !== 'esp') return null;
  return <FilesOfTip reference={reference} />;
}

const FILE_ERRORS = {
  not_found: 'The files of this tip are not shared with you.',
  forbidden: 'Your role does not include seeing the files of tips.',
};

function FilesOfTip({ reference }: { reference: string }) {
  const { data, error } = useLoad((signal) => filesApi.list(reference, signal), [reference], FILE_ERRORS);
  const [busy, setBusy] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  const download = (file: TipFile) => {
    if (busy !== null) return;
    setBusy(file.id);
    setDownloadError(null);
    filesApi
      .download(reference, file.id)
      .catch((err: unknown) =>
        setDownloadError(
          errorText(err, {
            forbidden: 'Your role does not include downloading files.',
            not_found: 'This file is no longer available to you.',
            not_kept: 'Only the hashes of this file were kept; there is nothing to download.',
            unstrippable:
              'The file’s hidden details (such as where it was made) could not be removed, so it cannot be downloaded.',
            unauthenticated: 'Your session has ended. Sign in again to download the file.',
          }),
        ),
      )
      .finally(() => setBusy(null));
  };

  const canDownload = data?.abilities.includes('file.view') ?? false;

  return (
    <section aria-labelledby="files-heading" className="margin-top-4">
      <h2 id="files-heading">Files</h2>
      {error !== null && <Notice type="error">{error}</Notice>}
      {data === null && error === null && <p role="status">Loading the files…</p>}
      {data !== null && data.files.length === 0 && <p>The provider sent no files with this tip.</p>}
      {data !== null && data.files.length > 0 && (
        <>
          <p className="measure-5">
            Files sent by the provider. Images are downloaded without their hidden details (such as where they were taken); other
            files come as they were received. Each download is recorded.
          </p>
          <Table fullWidth stackedStyle="headers" caption={`Files sent with tip ${reference}`}>
            <thead>
              <tr>
                <th scope="col">Name and details</th>
                <th scope="col">Type</th>
                <th scope="col">Size</th>
                <th scope="col">SHA-256 and MD5</th>
                <th scope="col">Download</th>
              </tr>
            </thead>
            <tbody>
              {data.files.map((file, index) => (
                <FileRow key={file.id} file={file} index={index} canDownload={canDownload} busy={busy} onDownload={download} />
              ))}
            </tbody>
          </Table>
          <p role="status" className="margin-top-1">
            {busy === null ? '' : 'Preparing the download…'}
          </p>
          {downloadError !== null && <Notice type="error">{downloadError}</Notice>}
        </>
      )}
    </section>
  );
}

function FileRow({
  file,
  index,
  canDownload,
  busy,
  onDownload,
}: {
  file: TipFile;
  index: number;
  canDownload: boolean;
  busy: string | null;
  onDownload: (file: TipFile) => void;
}) {
  const label = file.name ?? `File ${index + 1}`;
  return (
    <tr>
      <th scope="row" data-label="Name and details" className="text-normal">
        <span className="text-bold beacon-prose">{file.name ?? `File ${index + 1} (no name given)`}</span>
        {file.description !== null && <span className="display-block beacon-prose">{file.description}</span>}
        {file.locationSeen !== null && <span className="display-block beacon-prose">Seen at: {file.locationSeen}</span>}
        {file.publiclyAvailable !== null && (
          <span className="display-block">
            {file.publiclyAvailable ? 'Was publicly available' : 'Was not publicly available'}
          </span>
        )}
        {file.gps !== null && (
          <span className="display-block">
            Location in the file: {coordinate(file.gps.latitude)}, {coordinate(file.gps.longitude)}
          </span>
        )}
        <span className="display-block text-base-dark">
          Received <time dateTime={file.uploadedAt}>{formatDateTime(file.uploadedAt)}</time>
        </span>
      </th>
      <td data-label="Type">{TYPE_LABELS[file.type] ?? file.type}</td>
      <td data-label="Size">{sizeText(file.size)}</td>
      <td data-label="SHA-256 and MD5">
        <span className="display-block">
          <span className="usa-sr-only">SHA-256: </span>
          <Hash value={file.sha256} />
        </span>
        <span className="display-block margin-top-05">
          MD5: <Hash value={file.md5} />
        </span>
      </td>
      <td data-label="Download">
        {!file.kept && 'Only the hashes were kept'}
        {file.kept && canDownload && (
          <Button type="button" outline className="margin-right-0" onClick={() => onDownload(file)} aria-disabled={busy !== null}>
            Download<span className="usa-sr-only"> {label}</span>
          </Button>
        )}
        {file.kept && !canDownload && 'Not available to your role'}
      </td>
    </tr>
  );
}
