import { Button, Table, TextInput } from '@trussworks/react-uswds';
import { useState } from 'react';
import { AppLink, paths } from '../../app/router';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { useLoad } from '../../components/useLoad';
import { formatDateTime, formatPlace } from '../intake/format';
import { KIND_LABELS, TARGET_LABELS, leadsApi, type Lead, type LeadStatus, type LeadTarget } from './api';
import styles from './leads.module.css';

const ERRORS = { forbidden: 'Your role does not include advert leads.' };
const VIEWS: { status: LeadStatus; label: string }[] = [
  { status: 'new', label: 'New' },
  { status: 'confirmed', label: 'Confirmed' },
  { status: 'dismissed', label: 'Dismissed' },
];

export function targetHref(t: LeadTarget): string {
  return t.kind === 'case' ? paths.caseFile(t.reference) : paths.report(t.reference);
}

/** `/app/leads`: adverts that share an identifier with a missing-child case or a tip. */
export function LeadsPage() {
  const [status, setStatus] = useState<LeadStatus>('new');
  const {
    data: leads,
    setData: setLeads,
    error,
    setError,
  } = useLoad((signal) => leadsApi.leads(status, signal).then((r) => r.items), [status], ERRORS);
  const [done, setDone] = useState<string | null>(null);

  const decide = async (lead: Lead, decision: 'confirm' | 'dismiss', note: string): Promise<void> => {
    try {
      await leadsApi.decide(lead.id, decision, note);
      setLeads((prev) => (prev ?? []).filter((l) => l.id !== lead.id));
      setDone(
        decision === 'confirm'
          ? `Lead ${lead.id} confirmed.`
          : `Lead ${lead.id} dismissed. This identifier will not be raised again for ${lead.target.reference}.`,
      );
    } catch (err) {
      setError(errorText(err, ERRORS));
    }
  };

  return (
    <Page heading="Advert leads">
      <p className="usa-intro">
        Adverts that share a phone number, email address or handle with a missing-child case or a tip. Check each one and confirm
        or dismiss it; a dismissed match is not raised again.
      </p>
      <p>
        <AppLink className="usa-link" href={paths.adverts()}>
          Search adverts
        </AppLink>{' '}
        ·{' '}
        <AppLink className="usa-link" href={paths.leadSettings()}>
          Hubs and indicators
        </AppLink>
      </p>
      <nav aria-label="Lead views" className="margin-bottom-2">
        <ul className="usa-button-group">
          {VIEWS.map((v) => (
            <li key={v.status} className="usa-button-group__item">
              <Button
                type="button"
                outline={v.status !== status}
                aria-pressed={v.status === status}
                onClick={() => setStatus(v.status)}
              >
                {v.label}
              </Button>
            </li>
          ))}
        </ul>
      </nav>
      {error !== null && <Notice type="error">{error}</Notice>}
      {done !== null && <Notice type="success">{done}</Notice>}
      {leads === null && error === null && <p role="status">Loading leads…</p>}
      {leads !== null && (
        <>
          <p role="status">
            {leads.length === 0
              ? 'There are no leads in this view.'
              : `Showing ${leads.length} ${leads.length === 1 ? 'lead' : 'leads'}.`}
          </p>
          {leads.length > 0 && <LeadsTable leads={leads} onDecide={status === 'new' ? decide : null} />}
        </>
      )}
    </Page>
  );
}

function LeadsTable({
  leads,
  onDecide,
}: {
  leads: Lead[];
  onDecide: ((lead: Lead, d: 'confirm' | 'dismiss', note: string) => Promise<void>) | null;
}) {
  return (
    <Table caption="Leads, newest first" fullWidth stackedStyle="headers">
      <thead>
        <tr>
          <th scope="col">What matched</th>
          <th scope="col">Advert: where and when</th>
          <th scope="col">Matches</th>
          {onDecide && <th scope="col">Decision</th>}
        </tr>
      </thead>
      <tbody>
        {leads.map((lead) => (
          <tr key={lead.id} data-lead={lead.id}>
            <th scope="row">
              {KIND_LABELS[lead.matched.kind] ?? lead.matched.kind}{' '}
              <span className={styles.identifier}>{lead.matched.value}</span>
            </th>
            <td data-label="Advert: where and when">
              <AppLink className="usa-link" href={paths.advert(lead.advert.id)}>
                Advert {lead.advert.sourceId}
              </AppLink>
              <div>
                {formatPlace(lead.advert.city, lead.advert.state) ?? 'Place not given'}
                {lead.advert.site ? ` · ${lead.advert.site}` : ''}
              </div>
              <div className="font-sans-3xs text-base">
                {lead.advert.postedAt ? `Posted ${formatDateTime(lead.advert.postedAt)}` : 'Date not given'}
              </div>
              {lead.advert.network !== null && (
                <AppLink className="usa-link font-sans-3xs" href={paths.network(lead.advert.network)}>
                  Its network
                </AppLink>
              )}
            </td>
            <td data-label="Matches">
              {TARGET_LABELS[lead.target.kind]}{' '}
              <AppLink className="usa-link beacon-reference" href={targetHref(lead.target)}>
                {lead.target.reference}
              </AppLink>
            </td>
            {onDecide && (
              <td data-label="Decision">
                <Decision lead={lead} onDecide={onDecide} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function Decision({
  lead,
  onDecide,
}: {
  lead: Lead;
  onDecide: (lead: Lead, d: 'confirm' | 'dismiss', note: string) => Promise<void>;
}) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const act = (d: 'confirm' | 'dismiss') => {
    setBusy(true);
    void onDecide(lead, d, note).finally(() => setBusy(false));
  };
  return (
    <div>
      <label className="usa-label margin-top-0" htmlFor={`lead-note-${lead.id}`}>
        Note (optional)
      </label>
      <TextInput
        id={`lead-note-${lead.id}`}
        name="note"
        type="text"
        value={note}
        maxLength={2000}
        onChange={(e) => setNote(e.target.value)}
      />
      <div className="margin-top-1">
        <Button type="button" disabled={busy} onClick={() => act('confirm')} aria-label={`Confirm lead ${lead.id}`}>
          Confirm
        </Button>
        <Button type="button" outline disabled={busy} onClick={() => act('dismiss')} aria-label={`Dismiss lead ${lead.id}`}>
          Dismiss
        </Button>
      </div>
    </div>
  );
}
