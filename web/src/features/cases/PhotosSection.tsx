import { Button } from '@trussworks/react-uswds';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { Ok, Photo } from '../../api/types';
import { Notice } from '../../components/Notice';
import { errorText } from '../../components/errors';
import { Section } from '../intake/Section';
import { formatDateTime } from './text';

const photosPath = (reference: string) => `/api/v1/cases/${encodeURIComponent(reference)}/photos`;

function uploadPhoto(reference: string, file: File): Promise<unknown> {
  const form = new FormData();
  form.append('photo', file);
  return api.upload(photosPath(reference), form);
}

/** Photos of the child: each one shown is a fresh, audited read of the stored copy (no metadata). */
export function PhotosSection({ reference, canChange }: { reference: string; canChange: boolean }) {
  const [photos, setPhotos] = useState<Photo[] | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [message, setMessage] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const load = useCallback(
    async () => setPhotos((await api.get<Ok<'/api/v1/cases/{reference}/photos', 'get'>>(photosPath(reference))).items),
    [reference],
  );

  useEffect(() => {
    load().catch(() => setPhotos([]));
  }, [load]);

  const add = async () => {
    if (file === null) return;
    try {
      await uploadPhoto(reference, file);
      setMessage({ type: 'success', text: 'Photo added. Its location and camera details were removed.' });
      setFile(null);
      await load();
    } catch (err) {
      const fieldError = err instanceof ApiError ? err.fieldErrors[0] : undefined;
      setMessage({
        type: 'error',
        text: fieldError
          ? `Photo: ${fieldError.message}.`
          : errorText(err, { too_large: 'The photo is too large (at most 10 MB).' }),
      });
    }
  };

  return (
    <Section id="photos" title={`Photos (${photos?.length ?? 0})`}>
      <p>The first photo goes on the poster.</p>
      {message !== null && <Notice type={message.type}>{message.text}</Notice>}
      {photos !== null && photos.length === 0 && <p>No photos yet.</p>}
      {photos !== null && photos.length > 0 && (
        <ul className="usa-list usa-list--unstyled beacon-photos" data-testid="photos">
          {photos.map((p, i) => (
            <li key={p.id}>
              <img
                src={`${photosPath(reference)}/${p.id}`}
                alt={`Photo ${i + 1} of the child`}
                width={Math.min(240, p.width)}
                loading="lazy"
              />
              <p className="margin-y-05">
                Added <time dateTime={p.createdAt}>{formatDateTime(p.createdAt)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
      {canChange && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <label className="usa-label" htmlFor="case-photo">
            Add a photo (JPEG, PNG or WebP)
          </label>
          <input
            id="case-photo"
            className="usa-file-input"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <Button type="submit" outline disabled={file === null}>
            Upload the photo
          </Button>
        </form>
      )}
    </Section>
  );
}
