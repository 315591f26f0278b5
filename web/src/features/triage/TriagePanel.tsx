import { Button, Label, Select, Tag, Textarea, TextInput } from '@trussworks/react-uswds';
import { useState, type FormEvent, type ReactNode } from 'react';
import { AppLink, paths } from '../../app/router';
import { Notice } from '../../components/Notice';
import { errorText } from '../../components/errors';
import { useLoad } from '../../components/useLoad';
import { formatDateTime } from '../intake/format';
import { Section } from '../intake/Section';
import {
  CLOSE_REASON_LABELS,
  KIND_LABELS,
  PRIORITY_LABELS,
  TIP_STATUS_LABELS,
  triageApi,
  type TipAction,
  type Workbench,
} from './api';
import { HighlightedText, fieldLabel } from './Highlighted';
import { ReferralSection } from './ReferralSection';

/** The analyst's half of the tip page: why it is ranked, what Beacon found, what is already known, and what to do. */
export function TriagePanel({ reference, canApprove }: { reference: string; canApprove: boolean }) {
  const {
    data: bench,
    error,
    setError,
    reload,
  } = useLoad((signal) => triageApi.workbench(reference, signal), [reference], {
    not_found: 'This tip has not been analysed yet. Reload the page in a moment.',
  });
  const [notice, setNotice] = useState<string | null>(null);

  const run = async (work: () => Promise<unknown>, done: string): Promise<void> => {
    setError(null);
    try {
      await work();
      setNotice(done);
      void reload();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const act = (action: TipAction, done: string) => run(() => triageApi.act(reference, action), done);

  if (bench === null) return error ? <Notice type="warning">{error}</Notice> : <p role="status">Loading triage…</p>;
  return (
    <>
      {notice !== null && <Notice type="success">{notice}</Notice>}
      {error !== null && <Notice type="error">{error}</Notice>}
      <UrgencySection bench={bench} />
      <IdentifiersSection bench={bench} />
      <KnownSection bench={bench} />
      <DuplicatesSection
        bench={bench}
        onMerge={(dup) => run(() => triageApi.merge(reference, dup), `${dup} was merged into this tip. Both are kept.`)}
        onUndo={() => run(() => triageApi.undoMerge(reference), 'The merge was undone.')}
      />
      <ReferralSection
        reference={reference}
        status={bench.status}
        onReferred={(message) => {
          setNotice(message);
          void reload();
        }}
      />
      <DecideSection bench={bench} canApprove={canApprove} act={act} />
      <NotesSection bench={bench} onAdd={(text) => run(() => triageApi.addNote(reference, text), 'Note added.')} />
    </>
  );
}

function UrgencySection({ bench }: { bench: Workbench }) {
  return (
    <Section id="urgency" title="Urgency and why">
      <p>
        <Tag className={`beacon-priority beacon-priority--${bench.priority}`}>{PRIORITY_LABELS[bench.priority]}</Tag>{' '}
        {TIP_STATUS_LABELS[bench.status] ?? bench.status}. Respond by{' '}
        <time dateTime={bench.dueAt}>{formatDateTime(bench.dueAt)}</time>
        {bench.overdue && <Tag className="beacon-tag-overdue margin-left-1">Overdue</Tag>}
      </p>
      {bench.fired.length === 0 ? (
        <p>No urgency rule applies to this tip.</p>
      ) : (
        <ul className="usa-list" aria-label="Rules that apply">
          {bench.fired.map((r) => (
            <li key={r.code}>
              <strong>{r.label}.</strong> {r.because} <span className="text-base">{r.why}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="font-sans-3xs text-base">
        Rules version {bench.rulesVersion}. These rank the report for attention; they say nothing about the child.
      </p>
    </Section>
  );
}

function IdentifiersSection({ bench }: { bench: Workbench }) {
  return (
    <Section id="identifiers" title="Identifiers found">
      {bench.identifiers.length === 0 ? (
        <p>No phone number, email, handle or web address was found in this tip.</p>
      ) : (
        <ul className="usa-list">
          {bench.identifiers.map((i) => (
            <li key={`${i.kind}:${i.value}`}>
              {KIND_LABELS[i.kind]}: <code>{i.value}</code>
              {i.obfuscated && <Tag className="margin-left-1">Written in disguise</Tag>}
            </li>
          ))}
        </ul>
      )}
      {bench.highlights.map((h) => (
        <div key={h.field}>
          <h3 className="font-sans-xs">{fieldLabel(h.field)}</h3>
          <HighlightedText highlight={h} />
        </div>
      ))}
    </Section>
  );
}

function KnownSection({ bench }: { bench: Workbench }) {
  const none =
    bench.linkedTips.length === 0 &&
    bench.linkedCases.length === 0 &&
    bench.casesYouCannotOpen.length === 0 &&
    bench.linkedAdverts.length === 0;
  return (
    <Section id="known" title="Already known">
      {none && <p>No other tip, open case or advert shares an identifier with this one.</p>}
      {bench.linkedAdverts.length > 0 && (
        <>
          <h3 className="font-sans-xs">Online adverts</h3>
          <ul className="usa-list" aria-label="Adverts sharing an identifier">
            {bench.linkedAdverts.map((a) => (
              <li key={a.id}>
                <AppLink className="usa-link" href={paths.advert(a.id)}>
                  Advert {a.sourceId}
                </AppLink>
                {a.site ? ` on ${a.site}` : ''}
                {a.city || a.state ? `, ${[a.city, a.state].filter(Boolean).join(', ')}` : ''}
                {a.postedAt ? `, ${formatDateTime(a.postedAt)}` : ''} shares{' '}
                {a.shared.map((s) => `${(KIND_LABELS[s.kind] ?? s.kind).toLowerCase()} ${s.value}`).join(', ')}
              </li>
            ))}
          </ul>
        </>
      )}
      {(bench.linkedCases.length > 0 || bench.casesYouCannotOpen.length > 0) && (
        <>
          <h3 className="font-sans-xs">Open missing-child cases</h3>
          <ul className="usa-list" aria-label="Open cases sharing an identifier">
            {bench.linkedCases.map((c) => (
              <li key={c}>
                <AppLink className="usa-link" href={paths.caseFile(c)}>
                  {c}
                </AppLink>
              </li>
            ))}
            {bench.casesYouCannotOpen.map((m) => (
              <li key={m.ask} data-testid="case-you-cannot-open">
                An identifier in this tip matches a case you cannot open. To learn more, ask {m.ask}.
              </li>
            ))}
          </ul>
        </>
      )}
      {bench.linkedTips.length > 0 && (
        <>
          <h3 className="font-sans-xs">Other tips</h3>
          <ul className="usa-list" aria-label="Tips sharing an identifier">
            {bench.linkedTips.map((t) => (
              <li key={t.reference}>
                <AppLink className="usa-link" href={paths.report(t.reference)}>
                  {t.reference}
                </AppLink>{' '}
                ({formatDateTime(t.receivedAt)}, {TIP_STATUS_LABELS[t.status] ?? t.status}) shares{' '}
                {t.shared.map((s) => `${KIND_LABELS[s.kind]?.toLowerCase()} ${s.value}`).join(', ')}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

function DuplicatesSection({ bench, onMerge, onUndo }: { bench: Workbench; onMerge: (dup: string) => void; onUndo: () => void }) {
  return (
    <Section id="duplicates" title="Likely duplicates">
      {bench.mergedInto !== null && (
        <p>
          This tip was merged into{' '}
          <AppLink className="usa-link" href={paths.report(bench.mergedInto)}>
            {bench.mergedInto}
          </AppLink>
          .{' '}
          <Button type="button" unstyled onClick={onUndo}>
            Undo the merge
          </Button>
        </p>
      )}
      {bench.mergedHere.length > 0 && <p>Merged into this tip: {bench.mergedHere.join(', ')}.</p>}
      {bench.duplicates.length === 0 ? (
        <p>No tip about a child with a similar name, in the same state, within 30 days.</p>
      ) : (
        <ul className="usa-list">
          {bench.duplicates.map((d) => (
            <li key={d.reference}>
              <AppLink className="usa-link" href={paths.report(d.reference)}>
                {d.reference}
              </AppLink>{' '}
              — similar child's name ({Math.round(d.nameSimilarity * 100)}% of name fragments shared),{' '}
              {[d.city, d.state].filter(Boolean).join(', ') || 'place not given'}, {formatDateTime(d.receivedAt)}.{' '}
              {d.status !== 'merged' && bench.mergedInto === null && (
                <Button type="button" unstyled onClick={() => onMerge(d.reference)}>
                  Merge into this tip
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

type CloseReason = Extract<TipAction, { action: 'request_close' }>['reason'];

function DecideSection({
  bench,
  canApprove,
  act,
}: {
  bench: Workbench;
  canApprove: boolean;
  act: (a: TipAction, done: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('no_action_needed');
  const [note, setNote] = useState('');
  const [caseRef, setCaseRef] = useState('');
  const open = bench.status === 'new' || bench.status === 'in_review';
  const submitClose = (e: FormEvent) => {
    e.preventDefault();
    void act(
      { action: 'request_close', reason: reason as CloseReason, ...(note.trim() ? { note } : {}) },
      canApprove ? 'Tip closed.' : 'Closure sent to a supervisor for review.',
    );
  };
  const submitLink = (e: FormEvent) => {
    e.preventDefault();
    void act({ action: 'link_case', caseReference: caseRef.trim() }, `Linked to case ${caseRef.trim()}.`);
  };
  let body: ReactNode = null;
  if (bench.status === 'new')
    body = (
      <Button type="button" onClick={() => void act({ action: 'start_review' }, 'You are reviewing this tip.')}>
        Start review
      </Button>
    );
  if (bench.status === 'closing_requested') {
    body = (
      <>
        <p>
          Closure requested: {CLOSE_REASON_LABELS[bench.closeReason ?? ''] ?? bench.closeReason}
          {bench.closeNote ? ` — ${bench.closeNote}` : ''}.
        </p>
        {canApprove && (
          <>
            <Button type="button" onClick={() => void act({ action: 'decide_close', approve: true }, 'Closure approved.')}>
              Approve closure
            </Button>
            <Button
              type="button"
              outline
              onClick={() => void act({ action: 'decide_close', approve: false }, 'Returned to review.')}
            >
              Return to review
            </Button>
          </>
        )}
      </>
    );
  }
  if ((bench.status === 'closed' || bench.status === 'linked_to_case') && canApprove) {
    body = (
      <Button type="button" outline onClick={() => void act({ action: 'reopen' }, 'Tip reopened.')}>
        Reopen
      </Button>
    );
  }
  return (
    <Section id="decide" title="Decide">
      {bench.linkedCase && (
        <p>
          Linked to case{' '}
          <AppLink className="usa-link" href={paths.caseFile(bench.linkedCase)}>
            {bench.linkedCase}
          </AppLink>
          .
        </p>
      )}
      {bench.linkedCaseYouCannotOpen && (
        <p>Linked to a case you cannot open. To learn more, ask {bench.linkedCaseYouCannotOpen.ask}.</p>
      )}
      {body}
      {open && (
        <>
          <form onSubmit={submitLink} className="usa-form">
            <Label htmlFor="link-case">Link to a missing-child case (reference)</Label>
            <TextInput id="link-case" name="link-case" type="text" value={caseRef} onChange={(e) => setCaseRef(e.target.value)} />
            <Button type="submit" outline>
              Link to case
            </Button>
          </form>
          <form onSubmit={submitClose} className="usa-form">
            <Label htmlFor="close-reason">Close with reason</Label>
            <Select id="close-reason" name="close-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
              {Object.entries(CLOSE_REASON_LABELS).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </Select>
            <Label htmlFor="close-note">Note (optional)</Label>
            <Textarea id="close-note" name="close-note" value={note} onChange={(e) => setNote(e.target.value)} />
            <Button type="submit" outline>
              {canApprove ? 'Close tip' : 'Ask a supervisor to close'}
            </Button>
          </form>
        </>
      )}
    </Section>
  );
}

function NotesSection({ bench, onAdd }: { bench: Workbench; onAdd: (text: string) => Promise<void> }) {
  const [text, setText] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    await onAdd(text);
    setText('');
  };
  return (
    <Section id="tip-notes" title="Notes">
      {bench.notes.length === 0 ? (
        <p>No notes yet.</p>
      ) : (
        <ul className="usa-list">
          {bench.notes.map((n) => (
            <li key={n.id}>
              <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>: {n.text}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void submit(e)} className="usa-form">
        <Label htmlFor="tip-note">Add a note</Label>
        <Textarea id="tip-note" name="tip-note" value={text} onChange={(e) => setText(e.target.value)} />
        <Button type="submit" outline>
          Add note
        </Button>
      </form>
    </Section>
  );
}
