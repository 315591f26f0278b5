import { useState, type FormEvent } from 'react';
import { AppLink, paths } from '../../app/router';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { TextAreaField, TextField } from '../../components/fields';
import { useLoad } from '../../components/useLoad';
import { familyApi, NEED_LABELS, type AdvocacyFamily } from './api';
import { AddFamilyForm, ManageFamily } from './ManageFamily';
import { PlanEditor } from './PlanEditor';

const today = () => new Date().toISOString().slice(0, 10);

/** `/app/families`: the families an advocate is assigned to (a supervisor's: those in their states, and a form to add one). */
export function AdvocacyFamiliesPage({ canManage }: { canManage: boolean }) {
  const { data, error } = useLoad((signal) => familyApi.advocacyFamilies(signal), []);
  return (
    <Page heading="Families">
      {error !== null && <Notice type="error">{error}</Notice>}
      {data !== null && data.items.length === 0 && <p>No family is assigned to you.</p>}
      {data !== null && data.items.length > 0 && (
        <ul className="usa-list">
          {data.items.map((f) => (
            <li key={f.id}>
              <AppLink href={paths.family(f.id)} className="usa-link">
                {f.name}
              </AppLink>
              {f.nextFollowUpOn !== null && ` (follow-up on ${f.nextFollowUpOn})`}
            </li>
          ))}
        </ul>
      )}
      {canManage && <AddFamilyForm />}
    </Page>
  );
}

/** `/app/families/:id`: the family support plan, what the linked cases share, contacts and media requests. */
export function AdvocacyFamilyPage({ id, canManage }: { id: string; canManage: boolean }) {
  const [editing, setEditing] = useState(false);
  const { data, error, setData } = useLoad((signal) => familyApi.advocacyFamily(id, signal), [id], {
    not_found: 'There is no such family that you may see.',
  });
  const reload = async () => setData(await familyApi.advocacyFamily(id));
  if (error !== null || data === null)
    return <Page heading="Family">{error !== null ? <Notice type="error">{error}</Notice> : <p role="status">Loading…</p>}</Page>;
  return (
    <Page heading={data.name}>
      <section aria-labelledby="cases">
        <h2 id="cases">Linked cases</h2>
        <ul className="usa-list">
          {data.cases.map((c) => (
            <li key={c.reference}>
              {c.reference}: {c.childFirstName} ({c.status.replaceAll('_', ' ')})
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="plan">
        <h2 id="plan">Support plan</h2>
        {data.plan.needs.length === 0 && <p>No need recorded yet.</p>}
        <ul className="usa-list">
          {data.plan.needs.map((n) => (
            <li key={n.kind}>
              {NEED_LABELS[n.kind] ?? n.kind}
              {n.note === '' ? '' : `: ${n.note}`}
            </li>
          ))}
        </ul>
        {data.plan.resources.length > 0 && (
          <ul className="usa-list" aria-label="Resources offered">
            {data.plan.resources.map((r, i) => (
              <li key={`${r.providerName}:${r.forNeed}:${i}`}>
                {r.providerName} for {(NEED_LABELS[r.forNeed] ?? r.forNeed).toLowerCase()}, offered {r.offeredOn}
              </li>
            ))}
          </ul>
        )}
        {editing ? (
          <PlanEditor
            family={data}
            onSaved={async () => {
              await reload();
              setEditing(false);
            }}
          />
        ) : (
          <button type="button" className="usa-button usa-button--outline" onClick={() => setEditing(true)}>
            Edit the support plan
          </button>
        )}
      </section>
      <Contacts family={data} onSaved={reload} />
      <MediaRequests family={data} onSaved={reload} />
      {canManage && <ManageFamily family={data} onChanged={reload} />}
    </Page>
  );
}

function Contacts({ family, onSaved }: { family: AdvocacyFamily; onSaved: () => Promise<void> }) {
  const [summary, setSummary] = useState('');
  const [followUpOn, setFollowUpOn] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await familyApi.recordContact(family.id, {
        contactedOn: today(),
        summary,
        followUpOn: followUpOn === '' ? null : followUpOn,
      });
      setSummary('');
      setFollowUpOn('');
      setProblem(null);
      await onSaved();
    } catch (err) {
      setProblem(errorText(err));
    }
  };
  return (
    <section aria-labelledby="contacts">
      <h2 id="contacts">Contacts and follow-ups</h2>
      <ul className="usa-list">
        {family.contacts.map((c) => (
          <li key={c.id}>
            {c.contactedOn}: {c.summary}
            {c.followUpOn !== null &&
              c.followUpDoneOn === null &&
              ` — follow-up on ${c.followUpOn}${c.followUpDue ? ' (due)' : ''}`}
          </li>
        ))}
      </ul>
      <form className="usa-form" aria-label="Record a contact" onSubmit={(e) => void submit(e)}>
        {problem !== null && <Notice type="error">{problem}</Notice>}
        <TextAreaField id="contact-summary" label="What was said" value={summary} onChange={setSummary} />
        <TextField
          id="contact-follow-up"
          label="Follow up on (yyyy-mm-dd, optional)"
          value={followUpOn}
          onChange={setFollowUpOn}
        />
        <button type="submit" className="usa-button">
          Record the contact
        </button>
      </form>
    </section>
  );
}

function MediaRequests({ family, onSaved }: { family: AdvocacyFamily; onSaved: () => Promise<void> }) {
  const [outlet, setOutlet] = useState('');
  const [asked, setAsked] = useState('');
  const [answeredBy, setAnsweredBy] = useState('');
  const [agreed, setAgreed] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const caseReference = family.cases[0]?.reference;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (caseReference === undefined) return;
    try {
      await familyApi.recordMediaRequest(family.id, {
        caseReference,
        requestedOn: today(),
        outlet,
        asked,
        answeredBy: answeredBy === '' ? null : answeredBy,
        agreedWithFamily: agreed === '' ? null : agreed,
      });
      setOutlet('');
      setAsked('');
      setAnsweredBy('');
      setAgreed('');
      setProblem(null);
      await onSaved();
    } catch (err) {
      setProblem(errorText(err));
    }
  };
  return (
    <section aria-labelledby="media">
      <h2 id="media">Media requests</h2>
      <ul className="usa-list">
        {family.mediaRequests.map((m) => (
          <li key={m.id}>
            {m.requestedOn}, {m.outlet} about {m.caseReference ?? 'a case'}: {m.asked}
            {m.agreedWithFamily !== null && `. Agreed with the family: ${m.agreedWithFamily}`}
          </li>
        ))}
      </ul>
      {caseReference !== undefined && (
        <form className="usa-form" aria-label="Record a media request" onSubmit={(e) => void submit(e)}>
          {problem !== null && <Notice type="error">{problem}</Notice>}
          <TextField id="media-outlet" label="Outlet" value={outlet} onChange={setOutlet} required />
          <TextAreaField id="media-asked" label="What was asked" value={asked} onChange={setAsked} />
          <TextField id="media-answered-by" label="Answered by" value={answeredBy} onChange={setAnsweredBy} />
          <TextAreaField id="media-agreed" label="Agreed with the family" value={agreed} onChange={setAgreed} />
          <button type="submit" className="usa-button">
            Record the media request
          </button>
        </form>
      )}
    </section>
  );
}
