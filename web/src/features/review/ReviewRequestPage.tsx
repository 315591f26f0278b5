import { Button, Form } from '@trussworks/react-uswds';
import { useRef, useState, type FormEvent } from 'react';
import type { ReviewRecommendation, ReviewRequest } from '../../api/types';
import { AppLink, paths } from '../../app/router';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { TextAreaField, TextField } from '../../components/fields';
import { useLoad } from '../../components/useLoad';
import { BLOCK_LABELS, KIND_LABELS, reviewApi } from './api';

const KNOWN = { not_found: 'There is no such review request.' };
const MARK = { same: '', added: 'Added', removed: 'Removed' } as const;

/** `/app/review/requests/:id`: the difference, comments on passages, recommendations; the owner answers and publishes. */
export function ReviewRequestPage({ id }: { id: string }) {
  const { data, error, setData } = useLoad((signal) => reviewApi.request(id, signal), [id], KNOWN);
  const [problem, setProblem] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const commentBox = useRef<HTMLDivElement>(null);
  const back = (
    <p>
      <AppLink href={paths.review()} className="usa-link">
        All review requests
      </AppLink>
    </p>
  );
  if (error !== null || data === null)
    return (
      <Page heading="Review request" above={back}>
        {error !== null ? <Notice type="error">{error}</Notice> : <p role="status">Loading…</p>}
      </Page>
    );
  const act = async (run: () => Promise<ReviewRequest>) => {
    try {
      setData(await run());
      setProblem(null);
    } catch (err) {
      setProblem(errorText(err, KNOWN));
    }
  };
  const pick = (line: number) => {
    setFrom(String(line));
    setTo(String(line));
    commentBox.current?.querySelector('textarea')?.focus();
  };
  const may = (a: string) => data.abilities.includes(a);
  return (
    <Page heading={data.title} above={back}>
      <p>
        {KIND_LABELS[data.kind] ?? data.kind}, asked by {data.requestedBy} on {data.requestedAt.slice(0, 10)}.{' '}
        {data.state === 'published' ? `Published on ${data.publishedAt?.slice(0, 10) ?? ''}.` : 'Open for review.'}
      </p>
      {problem !== null && <Notice type="error">{problem}</Notice>}
      <WordDiff request={data} />
      <DiffTable request={data} onPick={may('comment') ? pick : null} />
      {may('comment') && (
        <div ref={commentBox}>
          <CommentForm
            from={from}
            to={to}
            setFrom={setFrom}
            setTo={setTo}
            onSend={(f, t, body) => act(() => reviewApi.comment(id, f, t, body))}
          />
        </div>
      )}
      <Comments
        request={data}
        onAnswer={may('answer') ? (commentId, text) => act(() => reviewApi.answer(id, commentId, text)) : null}
      />
      <Recommendations request={data} onRecommend={may('recommend') ? (r) => act(() => reviewApi.recommend(id, r)) : null} />
      {data.state === 'open' && !may('comment') && (
        <section aria-labelledby="publish">
          <h2 id="publish">Publish</h2>
          {data.blocks.length > 0 ? (
            <ul className="usa-list">
              {data.blocks.map((b) => (
                <li key={b}>{BLOCK_LABELS[b] ?? b}</li>
              ))}
            </ul>
          ) : (
            <p>Every comment is answered and an expert recommended approval.</p>
          )}
          {may('publish') && (
            <Button type="button" onClick={() => void act(() => reviewApi.publish(id))}>
              Publish the reviewed version
            </Button>
          )}
        </section>
      )}
    </Page>
  );
}

/** The change word by word, as one text: each changed passage named in words for screen readers, not by colour alone. */
function WordDiff({ request }: { request: ReviewRequest }) {
  if (!request.words.some((w) => w.op !== 'same')) return null;
  return (
    <section aria-labelledby="word-diff">
      <h2 id="word-diff">Word by word</h2>
      <p className="beacon-diff beacon-words" data-testid="word-diff">
        {request.words.map((w, i) =>
          w.op === 'added' ? (
            <ins key={i}>
              <span className="usa-sr-only">[added: </span>
              {w.text}
              <span className="usa-sr-only">]</span>
            </ins>
          ) : w.op === 'removed' ? (
            <del key={i}>
              <span className="usa-sr-only">[removed: </span>
              {w.text}
              <span className="usa-sr-only">]</span>
            </del>
          ) : (
            <span key={i}>{w.text}</span>
          ),
        )}
      </p>
    </section>
  );
}

function DiffTable({ request, onPick }: { request: ReviewRequest; onPick: ((line: number) => void) | null }) {
  return (
    <table className="usa-table usa-table--borderless usa-table--stacked beacon-diff">
      <caption>
        What changes
        {request.baseVersion === null ? ' (nothing was published before)' : ` from published version ${request.baseVersion}`}
      </caption>
      <thead>
        <tr>
          <th scope="col">Change</th>
          <th scope="col">Line</th>
          <th scope="col">Text</th>
          {onPick !== null && <th scope="col">Comment</th>}
        </tr>
      </thead>
      <tbody>
        {request.diff.map((d, i) => (
          <tr key={i} className={d.op === 'same' ? undefined : `beacon-diff--${d.op}`}>
            <td data-label="Change">{MARK[d.op]}</td>
            <td data-label="Line">{d.line ?? ''}</td>
            <td data-label="Text">
              {d.op === 'added' ? <ins>{d.text}</ins> : d.op === 'removed' ? <del>{d.text}</del> : d.text}
            </td>
            {onPick !== null && (
              <td data-label="Comment">
                {d.line !== undefined && (
                  <Button type="button" unstyled onClick={() => onPick(d.line!)}>
                    Comment on line {d.line}
                  </Button>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type CommentFormProps = {
  from: string;
  to: string;
  setFrom: (v: string) => void;
  setTo: (v: string) => void;
  onSend: (from: number, to: number, body: string) => Promise<void>;
};

function CommentForm({ from, to, setFrom, setTo, onSend }: CommentFormProps) {
  const [body, setBody] = useState('');
  const send = async (event: FormEvent) => {
    event.preventDefault();
    await onSend(Number(from), Number(to === '' ? from : to), body);
    setBody('');
  };
  return (
    <Form onSubmit={(e) => void send(e)} large>
      <h2>Comment on a passage</h2>
      <TextField id="from-line" label="From line" type="number" value={from} onChange={setFrom} required />
      <TextField id="to-line" label="To line" hint="The same line for a single line." type="number" value={to} onChange={setTo} />
      <TextAreaField id="comment" label="Your comment" value={body} onChange={setBody} />
      <Button type="submit">Add the comment</Button>
    </Form>
  );
}

function Comments({
  request,
  onAnswer,
}: {
  request: ReviewRequest;
  onAnswer: ((commentId: string, text: string) => Promise<void>) | null;
}) {
  return (
    <section aria-labelledby="comments">
      <h2 id="comments">Comments</h2>
      {request.comments.length === 0 && <p>No comments yet.</p>}
      <ol className="usa-list usa-list--unstyled">
        {request.comments.map((c) => (
          <li key={c.id} className="margin-bottom-3">
            <p className="margin-bottom-0">
              {c.author} on line {c.fromLine === c.toLine ? c.fromLine : `${c.fromLine}–${c.toLine}`}:
            </p>
            <blockquote className="margin-y-1">{c.quote}</blockquote>
            <p>{c.body}</p>
            {c.answer !== null ? (
              <p>
                Answer from {c.answeredBy}: {c.answer}
              </p>
            ) : onAnswer !== null ? (
              <AnswerForm id={c.id} onAnswer={(text) => onAnswer(c.id, text)} />
            ) : (
              <p>Not answered yet.</p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function AnswerForm({ id, onAnswer }: { id: string; onAnswer: (text: string) => Promise<void> }) {
  const [text, setText] = useState('');
  return (
    <Form
      onSubmit={(e) => {
        e.preventDefault();
        void onAnswer(text);
      }}
    >
      <TextAreaField id={`answer-${id}`} label="Your answer" value={text} onChange={setText} />
      <Button type="submit">Answer</Button>
    </Form>
  );
}

function Recommendations({
  request,
  onRecommend,
}: {
  request: ReviewRequest;
  onRecommend: ((r: ReviewRecommendation) => Promise<void>) | null;
}) {
  return (
    <section aria-labelledby="recommendations">
      <h2 id="recommendations">Recommendations</h2>
      {request.recommendations.length === 0 && <p>No expert has recommended yet.</p>}
      <ul className="usa-list">
        {request.recommendations.map((r) => (
          <li key={r.expert}>
            {r.expert}: {r.recommendation === 'approve' ? 'approve' : 'change needed'} ({r.recordedAt.slice(0, 10)})
          </li>
        ))}
      </ul>
      {onRecommend !== null && (
        <div>
          <Button type="button" onClick={() => void onRecommend('approve')}>
            Recommend approval
          </Button>
          <Button type="button" outline onClick={() => void onRecommend('change_needed')}>
            A change is needed
          </Button>
        </div>
      )}
    </section>
  );
}
