import { Button, Fieldset, Label, Radio, Tag, Textarea } from '@trussworks/react-uswds';
import { useEffect, useState, type FormEvent } from 'react';
import { isAbort } from '../../api/client';
import { Notice } from '../../components/Notice';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../intake/format';
import { Section } from '../intake/Section';
import { OUTCOME_LABELS, REFERRAL_STATUS_LABELS, referralsApi, type ProposedAgency, type Referral } from './referralsApi';

/** Propose the agency for the tip's place, refer with one action, and follow what became of it. */
export function ReferralSection({ reference, status, onReferred }: { reference: string; status: string; onReferred: () => void }) {
  const [agencies, setAgencies] = useState<ProposedAgency[] | null>(null);
  const [referrals, setReferrals] = useState<Referral[]>([]);
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    referralsApi.propose(reference, controller.signal).then((r) => { setAgencies(r.items); setAgencyId((a) => a ?? r.items[0]?.id ?? null); }, (err: unknown) => { if (!isAbort(err)) setError(errorText(err)); });
    referralsApi.list({ tip: reference }, controller.signal).then((r) => setReferrals(r.items), (err: unknown) => { if (!isAbort(err)) setError(errorText(err)); });
    return () => controller.abort();
  }, [reference, tick]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (agencyId === null) return;
    setError(null);
    try {
      await referralsApi.refer(reference, agencyId, summary);
      setSummary('');
      setTick((t) => t + 1);
      onReferred();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const canRefer = ['new', 'in_review', 'referred'].includes(status);

  return (
    <Section id="referral" title="Refer to a partner agency">
      {error !== null && <Notice type="error">{error}</Notice>}
      {referrals.length > 0 && (
        <ul className="usa-list" aria-label="Referrals of this tip">
          {referrals.map((r) => (
            <li key={r.reference}>
              {r.reference} to {r.agencyName}, sent {formatDateTime(r.sentAt)}: <strong>{REFERRAL_STATUS_LABELS[r.status] ?? r.status}</strong>
              {r.overdue && <Tag className="beacon-tag-overdue margin-left-1">Acknowledgement overdue</Tag>}
              {r.outcome && <> — outcome: <strong>{OUTCOME_LABELS[r.outcome] ?? r.outcome}</strong>{r.outcomeNote ? ` (${r.outcomeNote})` : ''}</>}
            </li>
          ))}
        </ul>
      )}
      {canRefer && agencies !== null && agencies.length === 0 && <p>No agency in the directory covers the place in this tip. Add the place or ask an administrator to update the directory.</p>}
      {canRefer && agencies !== null && agencies.length > 0 && (
        <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)}>
          <Fieldset legend="Agency (proposed for the place in the tip, most specific first)">
            {agencies.map((a) => (
              <Radio key={a.id} id={`agency-${a.code}`} name="agency" value={a.id} checked={agencyId === a.id} onChange={() => setAgencyId(a.id)}
                label={a.name} labelDescription={a.reason} />
            ))}
          </Fieldset>
          <Label htmlFor="referral-summary">Summary for the agency</Label>
          <Textarea id="referral-summary" name="referral-summary" value={summary} onChange={(e) => setSummary(e.target.value)} required />
          <Button type="submit">Refer to the agency</Button>
        </form>
      )}
    </Section>
  );
}
