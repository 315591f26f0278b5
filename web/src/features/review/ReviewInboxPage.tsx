import { Checkbox } from '@trussworks/react-uswds';
import { useState } from 'react';
import { AppLink, paths } from '../../app/router';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { useLoad } from '../../components/useLoad';
import { KIND_LABELS, reviewApi } from './api';

/** `/app/review`: review requests for experts and owners; the "review required" switches for those who set them. */
export function ReviewInboxPage({ canConfigure }: { canConfigure: boolean }) {
  const { data, error } = useLoad((signal) => reviewApi.requests(signal), []);
  return (
    <Page heading="Review requests">
      <p>
        Proposed changes to plan templates, page text and other material, for survivor experts to review. Open one to see what
        changes, comment on a passage and recommend.
      </p>
      <p>
        <AppLink href={paths.reviewTime()} className="usa-link">
          Consultation time
        </AppLink>
      </p>
      {error !== null && <Notice type="error">{error}</Notice>}
      {data !== null && data.length === 0 && <p>There are no review requests.</p>}
      {data !== null && data.length > 0 && (
        <table className="usa-table usa-table--borderless">
          <caption>Requests, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Material</th>
              <th scope="col">Kind</th>
              <th scope="col">State</th>
              <th scope="col">Asked by</th>
              <th scope="col">Unanswered comments</th>
            </tr>
          </thead>
          <tbody>
            {data.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <AppLink href={paths.reviewRequest(r.id)} className="usa-link">
                    {r.title}
                  </AppLink>
                </th>
                <td>{KIND_LABELS[r.kind] ?? r.kind}</td>
                <td>{r.state === 'open' ? 'Open' : r.state === 'published' ? 'Published' : r.state}</td>
                <td>
                  {r.requestedBy}, {r.requestedAt.slice(0, 10)}
                </td>
                <td>{r.unansweredComments}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canConfigure && <ReviewSwitches />}
    </Page>
  );
}

function ReviewSwitches() {
  const { data, error, reload } = useLoad((signal) => reviewApi.catalogue(signal), []);
  const [problem, setProblem] = useState<string | null>(null);
  const toggle = async (kind: string, required: boolean) => {
    try {
      await reviewApi.setRequired(kind, required);
      setProblem(null);
      await reload();
    } catch (err) {
      setProblem(errorText(err));
    }
  };
  return (
    <section aria-labelledby="switches">
      <h2 id="switches">Review required</h2>
      <p>Once on for a kind of material, only versions reviewed by survivor experts and then published are shown and used.</p>
      {(error ?? problem) !== null && <Notice type="error">{error ?? problem}</Notice>}
      {data?.kinds.map((k) => (
        <Checkbox
          key={k.kind}
          id={`required-${k.kind}`}
          name={`required-${k.kind}`}
          label={KIND_LABELS[k.kind] ?? k.kind}
          checked={k.required}
          onChange={(e) => void toggle(k.kind, e.target.checked)}
        />
      ))}
    </section>
  );
}
