import { Button, Fieldset, Label, Radio, Table, Tag, Textarea } from '@trussworks/react-uswds';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { isAbort } from '../../api/client';
import { AppLink, paths } from '../../app/router';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../intake/format';
import { OUTCOME_LABELS, REFERRAL_STATUS_LABELS, referralsApi, type Referral } from './referralsApi';

/** `/app/referrals`: a partner's inbox, or the clearinghouse's list of referrals with overdue acknowledgements first. */
export function ReferralsPage({ partner }: { partner: boolean }) {
  const [items, setItems] = useState<Referral[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback((signal?: AbortSignal) => {
    referralsApi.list({}, signal).then((r) => setItems(r.items), (err: unknown) => { if (!isAbort(err)) setError(errorText(err)); });
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  return (
    <Page heading={partner ? 'Referrals to your agency' : 'Referrals'}>
      {error !== null && <Notice type="error">{error}</Notice>}
      {items === null && error === null && <p role="status">Loading referrals…</p>}
      {items !== null && items.length === 0 && <p role="status">There are no referrals{partner ? ' to your agency' : ''}.</p>}
      {items !== null && items.length > 0 && (
        <Table caption={partner ? 'Referrals to your agency, newest first' : 'Referrals, overdue acknowledgements first'} fullWidth stackedStyle="headers">
          <thead><tr><th scope="col">Referral</th><th scope="col">Agency</th><th scope="col">Sent</th><th scope="col">Status</th></tr></thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.reference}>
                <th scope="row">{partner ? <AppLink className="usa-link" href={paths.referral(r.reference)}>{r.reference}</AppLink> : <>{r.reference} (tip <AppLink className="usa-link" href={paths.report(r.tipReference)}>{r.tipReference}</AppLink>)</>}</th>
                <td data-label="Agency">{r.agencyName}</td>
                <td data-label="Sent"><time dateTime={r.sentAt}>{formatDateTime(r.sentAt)}</time></td>
                <td data-label="Status">
                  {REFERRAL_STATUS_LABELS[r.status] ?? r.status}
                  {r.overdue && <Tag className="beacon-tag-overdue margin-left-1">Overdue</Tag>}
                  {r.outcome && <div>Outcome: {OUTCOME_LABELS[r.outcome] ?? r.outcome}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Page>
  );
}

type PackageView = { summary?: string; incident?: { description?: string }; urgency?: { label?: string; because?: string }[] } & Record<string, unknown>;

/** `/app/referrals/:reference`: what the clearinghouse sent, the lead package to download, and the answer. */
export function ReferralPage({ reference }: { reference: string }) {
  const [data, setData] = useState<{ referral: Referral; package: PackageView } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [outcome, setOutcome] = useState('investigation_opened');
  const [note, setNote] = useState('');
  const load = useCallback((signal?: AbortSignal) => {
    referralsApi.get(reference, signal).then((d) => setData(d as { referral: Referral; package: PackageView }), (err: unknown) => {
      if (!isAbort(err)) setError(errorText(err, { not_found: 'There is no referral with that reference for your agency.' }));
    });
  }, [reference]);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);
  const run = async (work: () => Promise<unknown>, done: string) => {
    setError(null);
    try { await work(); setNotice(done); load(); } catch (err) { setError(errorText(err)); }
  };
  const submitOutcome = (e: FormEvent) => { e.preventDefault(); void run(() => referralsApi.outcome(reference, outcome, note), 'Thank you. The clearinghouse can see the outcome.'); };

  return (
    <Page heading={`Referral ${reference}`} above={<p className="margin-top-3 margin-bottom-0"><AppLink className="usa-link" href={paths.referrals()}>Back to referrals</AppLink></p>}>
      {notice !== null && <Notice type="success">{notice}</Notice>}
      {error !== null && <Notice type="error">{error}</Notice>}
      {data === null && error === null && <p role="status">Loading the referral…</p>}
      {data !== null && (
        <>
          <Notice type="warning">Sensitive: information about a child. Do not forward it outside your agency.</Notice>
          <p>Status: <strong>{REFERRAL_STATUS_LABELS[data.referral.status] ?? data.referral.status}</strong>. Please acknowledge by <time dateTime={data.referral.acknowledgeBy}>{formatDateTime(data.referral.acknowledgeBy)}</time>.</p>
          {typeof data.package.summary === 'string' && <><h2>The analyst's summary</h2><p className="beacon-narrative">{data.package.summary}</p></>}
          <h2>Lead package</h2>
          <p>
            <Button type="button" onClick={() => void run(() => referralsApi.download(reference, 'pdf'), 'The lead package PDF was downloaded.')}>Download the lead package (PDF)</Button>
            <Button type="button" outline onClick={() => void run(() => referralsApi.download(reference, 'json'), 'The JSON bundle was downloaded.')}>JSON</Button>
            <Button type="button" outline onClick={() => void run(() => referralsApi.download(reference, 'xml'), 'The XML bundle was downloaded.')}>XML</Button>
          </p>
          {data.referral.status === 'sent' && <Button type="button" onClick={() => void run(() => referralsApi.acknowledge(reference), 'Thank you: the clearinghouse can see that your agency has the referral.')}>Acknowledge</Button>}
          <form className="usa-form" onSubmit={submitOutcome}>
            <Fieldset legend="What came of it">
              {Object.entries(OUTCOME_LABELS).map(([code, label]) => (
                <Radio key={code} id={`outcome-${code}`} name="outcome" value={code} label={label} checked={outcome === code} onChange={() => setOutcome(code)} />
              ))}
            </Fieldset>
            <Label htmlFor="outcome-note">Notes for the clearinghouse (optional)</Label>
            <Textarea id="outcome-note" name="outcome-note" value={note} onChange={(e) => setNote(e.target.value)} />
            <Button type="submit">Report the outcome</Button>
          </form>
          {data.referral.outcome && <p>Reported outcome: <strong>{OUTCOME_LABELS[data.referral.outcome] ?? data.referral.outcome}</strong>{data.referral.outcomeNote ? ` — ${data.referral.outcomeNote}` : ''}</p>}
        </>
      )}
    </Page>
  );
}
