import { Button, Checkbox, Form } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import { AppLink, navigate, paths } from '../../app/router';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { useLoad } from '../../components/useLoad';
import { KIND_LABELS, reviewApi } from './api';

/** `/app/review`: review requests for experts and owners; the "review required" switches for those who set them. */
export function ReviewInboxPage({ canConfigure, canPropose }: { canConfigure: boolean; canPropose: boolean }) {
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
        <table className="usa-table usa-table--borderless usa-table--stacked-header">
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
                <td data-label="Kind">{KIND_LABELS[r.kind] ?? r.kind}</td>
                <td data-label="State">{r.state === 'open' ? 'Open' : r.state === 'published' ? 'Published' : r.state}</td>
                <td data-label="Asked by">
                  {r.requestedBy}, {r.requestedAt.slice(0, 10)}
                </td>
                <td data-label="Unanswered comments">{r.unansweredComments}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canPropose && <ProposeChange />}
      {canConfigure && <ReviewSwitches />}
    </Page>
  );
}

/** Text material is proposed here; a plan template change is sent from its saved version (`ref`). */
const TEXT_KINDS = ['public_page_text', 'language_list', 'training_module', 'lead_package_wording'] as const;

function ProposeChange() {
  const [kind, setKind] = useState<string>('public_page_text');
  const [key, setKey] = useState('');
  const [title, setTitle] = useState('');
  const [proposed, setProposed] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const propose = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const created = await reviewApi.propose({ kind: kindOf(kind), key, title, proposed });
      navigate(paths.reviewRequest(created.id));
    } catch (err) {
      setProblem(errorText(err));
    }
  };
  return (
    <Form onSubmit={(e) => void propose(e)} large>
      <h2>Propose a change for review</h2>
      {problem !== null && <Notice type="error">{problem}</Notice>}
      <SelectField
        id="kind"
        label="Kind of material"
        value={kind}
        onChange={setKind}
        options={Object.fromEntries(TEXT_KINDS.map((k) => [k, KIND_LABELS[k] ?? k]))}
        empty={null}
      />
      <TextField
        id="key"
        label="Which material"
        hint="Its short name: learn-intro.en or learn-intro.es for the introduction of the public /learn page, case-notes for the language list."
        value={key}
        onChange={setKey}
        required
      />
      <TextField id="title" label="Title" value={title} onChange={setTitle} required />
      <TextAreaField
        id="proposed"
        label="The proposed text"
        hint="The whole new text; reviewers see what changes."
        value={proposed}
        onChange={setProposed}
      />
      <Button type="submit">Send for review</Button>
    </Form>
  );
}

const kindOf = (v: string): (typeof TEXT_KINDS)[number] => TEXT_KINDS.find((k) => k === v) ?? 'public_page_text';

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
