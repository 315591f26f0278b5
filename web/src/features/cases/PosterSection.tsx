import { Button } from '@trussworks/react-uswds';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { PosterState } from '../../api/types';
import { Notice } from '../../components/Notice';
import { Section } from '../intake/Section';
import { casesApi, type CaseRecord } from './api';
import { useSubmit } from './form';
import { formatDateTime } from './text';

const POSTER_ERRORS = {
  not_missing: 'The case has no open missing episode, so there is nothing to put on a poster.',
  stale_version: 'Someone changed this case since you opened it. Reload the case and review it again before approving.',
  case_closed: 'This case is closed; a poster is only for a child who is missing.',
};

/**
 * The missing-child poster: a case manager asks, a supervisor approves the case as it is now, and
 * then the PDF can be downloaded. Any later change to the case needs a new approval.
 */
export function PosterSection({ record }: { record: CaseRecord }) {
  const [state, setState] = useState<PosterState | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useSubmit(POSTER_ERRORS);
  const canRequest = record.abilities.includes('case.poster');
  const canApprove = record.abilities.includes('case.poster_approve');
  const load = useCallback(
    async () => setState(await api.get<PosterState>(`/api/v1/cases/${encodeURIComponent(record.reference)}/poster`)),
    [record.reference],
  );

  useEffect(() => {
    if (canRequest) load().catch(() => setState(null));
  }, [canRequest, load]);

  if (!canRequest) return null;
  const approvedNow = state?.approval != null && state.approval.caseVersion === state.caseVersion;
  const requestedNow = state?.request != null && state.request.caseVersion === state.caseVersion;
  const ask = () =>
    action.run(async () => {
      await api.post<null>(`/api/v1/cases/${encodeURIComponent(record.reference)}/poster-request`);
      setNotice('A supervisor has been asked to approve the poster.');
      await load();
    });
  const approve = () =>
    action.run(async () => {
      await casesApi.approvePoster(record.reference, record.version);
      setNotice('Poster approved for the case as it is now.');
      await load();
    });
  return (
    <Section id="poster" title="Missing-child poster">
      <p>
        A printable poster with the child’s photo, description and the number to call. It is made only after a supervisor approves
        it.
      </p>
      {notice !== null && <Notice type="success">{notice}</Notice>}
      {action.message !== null && <Notice type="error">{action.message}</Notice>}
      {action.stale !== null && <Notice type="warning">{POSTER_ERRORS.stale_version}</Notice>}
      {state === null && <p role="status">Loading the poster’s state…</p>}
      {state !== null && !state.missing && <p>The child is not recorded as missing now, so no poster can be made.</p>}
      {state !== null && state.missing && (
        <>
          <p data-testid="poster-state">
            {approvedNow
              ? `Approved ${formatDateTime(state.approval!.approvedAt)}.`
              : state.approval !== null
                ? 'The case changed after the poster was approved: it needs a new approval.'
                : requestedNow
                  ? `Approval requested ${formatDateTime(state.request!.requestedAt)}.`
                  : 'Not yet approved.'}
          </p>
          <ul className="usa-button-group">
            {!approvedNow && !requestedNow && (
              <li className="usa-button-group__item">
                <Button type="button" outline aria-disabled={action.busy} onClick={() => void ask()}>
                  Ask a supervisor to approve the poster
                </Button>
              </li>
            )}
            {!approvedNow && canApprove && (
              <li className="usa-button-group__item">
                <Button type="button" aria-disabled={action.busy} onClick={() => void approve()}>
                  Approve the poster
                </Button>
              </li>
            )}
            {approvedNow && (
              <li className="usa-button-group__item">
                <a className="usa-button" href={casesApi.posterUrl(record.reference)} download={`poster-${record.reference}.pdf`}>
                  Download the poster (PDF)
                </a>
              </li>
            )}
          </ul>
        </>
      )}
    </Section>
  );
}
