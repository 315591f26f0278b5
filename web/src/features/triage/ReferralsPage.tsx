import { Button, Fieldset, Label, Radio, Table, Tag, Textarea } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import { AppLink, paths } from '../../app/router';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { errorText } from '../../components/errors';
import { useLoad } from '../../components/useLoad';
import { formatDateTime } from '../intake/format';
import { LeadPackageDetails } from './LeadPackageDetails';
import { OUTCOME_LABELS, REFERRAL_STATUS_LABELS, referralsApi, type Referral } from './referralsApi';

/** `/app/referrals`: a partner's inbox, or the clearinghouse's list of referrals with overdue acknowledgements first. */
export function ReferralsPage({ partner }: { partner: boolean }) {
  const { data: items, error } = useLoad((signal) => referralsApi.list({}, signal).then((r) => r.items), []);

  return (
    <Page heading={partner ? 'Referrals to your agency' : 'Referrals'}>
      {error !== null && <Notice type="error">{error}</Notice>}
      {items === null && error === null && <p role="status">Loading referrals…</p>}
      {items !== null && items.length === 0 && <p role="status">There are no referrals{partner ? ' to your agency' : ''}.</p>}
      {items !== null && items.length > 0 && (
        <Table
          caption={partner ? 'Referrals to your agency, newest first' : 'Referrals, overdue acknowledgements first'}
          fullWidth
          stackedStyle="headers"
        >
          <thead>
            <tr>
              <th scope="col">Referral</th>
              <th scope="col">Agency</th>
              <th scope="col">Sent</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.reference}>
                <th scope="row">
                  {partner ? (
                    <AppLink className="usa-link" href={paths.referral(r.reference)}>
                      {r.reference}
                    </AppLink>
                  ) : (
                    <>
                      {r.reference} (tip{' '}
                      <AppLink className="usa-link" href={paths.report(r.tipReference)}>
                        {r.tipReference}
                      </AppLink>
                      )
                    </>
                  )}
                </th>
                <td data-label="Agency">{r.agencyName}</td>
                <td data-label="Sent">
                  <time dateTime={r.sentAt}>{formatDateTime(r.sentAt)}</time>
                </td>
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

/**
 * `/app/referrals/:reference`: what the clearinghouse sent, in words and as files, and, for the
 * receiving agency, the acknowledgement and the outcome. Each action shows only to who may take it.
 */
export function ReferralPage({ reference, canRespond }: { reference: string; canRespond: boolean }) {
  const { data, error, setError, reload } = useLoad((signal) => referralsApi.get(reference, signal), [reference, canRespond], {
    not_found: canRespond
      ? 'There is no referral with that reference for your agency.'
      : 'There is no referral with that reference that you may see.',
  });
  const [notice, setNotice] = useState<string | null>(null);
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const run = async (work: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await work();
      setNotice(done);
      void reload();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const submitOutcome = (e: FormEvent) => {
    e.preventDefault();
    void run(() => referralsApi.outcome(reference, outcome, note), 'Thank you. The clearinghouse can see the outcome.');
  };
  const r = data?.referral;

  return (
    <Page
      heading={`Referral ${reference}`}
      above={
        <p className="margin-top-3 margin-bottom-0">
          <AppLink className="usa-link" href={paths.referrals()}>
            Back to referrals
          </AppLink>
        </p>
      }
    >
      {notice !== null && <Notice type="success">{notice}</Notice>}
      {error !== null && <Notice type="error">{error}</Notice>}
      {data === null && error === null && <p role="status">Loading the referral…</p>}
      {data !== null && r !== undefined && (
        <>
          <Notice type="warning">Sensitive: information about a child. Do not forward it outside your agency.</Notice>
          <p>
            Status: <strong>{REFERRAL_STATUS_LABELS[r.status] ?? r.status}</strong>. {deadlineText(r)}
          </p>
          <LeadPackageDetails pkg={data.package} />
          <h2>Lead package files</h2>
          <p>
            <Button
              type="button"
              onClick={() => void run(() => referralsApi.download(reference, 'pdf'), 'The lead package PDF was downloaded.')}
            >
              Download the lead package (PDF)
            </Button>
            <Button
              type="button"
              outline
              onClick={() => void run(() => referralsApi.download(reference, 'json'), 'The JSON bundle was downloaded.')}
            >
              JSON
            </Button>
            <Button
              type="button"
              outline
              onClick={() => void run(() => referralsApi.download(reference, 'xml'), 'The XML bundle was downloaded.')}
            >
              XML
            </Button>
          </p>
          {canRespond && r.status === 'sent' && (
            <Button
              type="button"
              onClick={() =>
                void run(
                  () => referralsApi.acknowledge(reference),
                  'Thank you: the clearinghouse can see that your agency has the referral.',
                )
              }
            >
              Acknowledge
            </Button>
          )}
          {canRespond && r.outcome === null && (
            <form className="usa-form" onSubmit={submitOutcome}>
              <Fieldset legend="What came of it">
                {Object.entries(OUTCOME_LABELS).map(([code, label]) => (
                  <Radio
                    key={code}
                    id={`outcome-${code}`}
                    name="outcome"
                    value={code}
                    label={label}
                    checked={outcome === code}
                    onChange={() => setOutcome(code)}
                    required
                  />
                ))}
              </Fieldset>
              <Label htmlFor="outcome-note">Notes for the clearinghouse (optional)</Label>
              <Textarea id="outcome-note" name="outcome-note" value={note} onChange={(e) => setNote(e.target.value)} />
              <Button type="submit">Report the outcome</Button>
            </form>
          )}
          {r.outcome && (
            <p>
              Reported outcome: <strong>{OUTCOME_LABELS[r.outcome] ?? r.outcome}</strong>
              {r.outcomeNote ? ` — ${r.outcomeNote}` : ''}
            </p>
          )}
        </>
      )}
    </Page>
  );
}

/** The deadline while it runs; once acknowledged, when it was. */
function deadlineText(r: Referral): string {
  if (r.acknowledgedAt !== null) return `Acknowledged on ${formatDateTime(r.acknowledgedAt)}.`;
  if (r.status === 'sent')
    return `${r.overdue ? 'The acknowledgement was due' : 'Please acknowledge by'} ${formatDateTime(r.acknowledgeBy)}.`;
  return '';
}
