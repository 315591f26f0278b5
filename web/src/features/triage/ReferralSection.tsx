import { Button, Checkbox, Fieldset, Label, Radio, Select, Tag, Textarea } from '@trussworks/react-uswds';
import { useEffect, useState, type FormEvent } from 'react';
import { isAbort } from '../../api/client';
import { Notice } from '../../components/Notice';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../intake/format';
import { Section } from '../intake/Section';
import { PassedOnForm } from './PassedOnForm';
import {
  OUTCOME_LABELS,
  OUTSIDE_JURISDICTION_LABELS,
  PASSED_ON_METHOD_LABELS,
  PASSED_ON_TO_ROLE_LABELS,
  REFERRAL_STATUS_LABELS,
  referralsApi,
  type DirectoryAgency,
  type OutsideJurisdiction,
  type ProposedAgency,
  type Referral,
} from './referralsApi';

/** What became of a referral just sent: in the agency's inbox, or to be passed on by hand. */
export function referredText(r: Referral | undefined): string {
  if (r === undefined || r.agency.onBeacon) return 'Referred. The agency has it in its Beacon inbox.';
  const contact = [r.agency.phone, r.agency.email].filter(Boolean).join(' or ');
  return `Referred. ${r.agencyName} is not on Beacon: nobody there can see or acknowledge it. Pass it on${contact ? ` (${contact})` : ''} and record how below.`;
}

const OTHER = 'other';

/**
 * Propose the agency for the tip's place, refer with one action, and follow what became of it.
 * Any other agency in the directory may be chosen, with a reason and an explicit confirmation
 * that it does not cover the place (the server refuses it otherwise).
 */
export function ReferralSection({
  reference,
  status,
  onReferred,
}: {
  reference: string;
  status: string;
  onReferred: (message: string) => void;
}) {
  const [agencies, setAgencies] = useState<ProposedAgency[] | null>(null);
  const [directory, setDirectory] = useState<DirectoryAgency[] | null>(null);
  const [referrals, setReferrals] = useState<Referral[]>([]);
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [otherId, setOtherId] = useState('');
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    referralsApi.propose(reference, controller.signal).then(
      (r) => {
        setAgencies(r.items);
        setAgencyId((a) => a ?? r.items[0]?.id ?? OTHER);
      },
      (err: unknown) => {
        if (!isAbort(err)) setError(errorText(err));
      },
    );
    referralsApi.list({ tip: reference }, controller.signal).then(
      (r) => setReferrals(r.items),
      (err: unknown) => {
        if (!isAbort(err)) setError(errorText(err));
      },
    );
    return () => controller.abort();
  }, [reference, tick]);

  const outside = agencyId === OTHER;
  useEffect(() => {
    if (!outside || directory !== null) return;
    const controller = new AbortController();
    referralsApi.directory(controller.signal).then(
      (r) => setDirectory(r.items.filter((a) => a.active)),
      (err: unknown) => {
        if (!isAbort(err)) setError(errorText(err));
      },
    );
    return () => controller.abort();
  }, [outside, directory]);
  const others = (directory ?? []).filter((a) => !(agencies ?? []).some((p) => p.id === a.id));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const chosen = outside ? otherId : agencyId;
    if (chosen === null || chosen === '') return;
    setError(null);
    try {
      const sent = await referralsApi.refer(
        reference,
        chosen,
        summary,
        outside
          ? {
              confirmOutsideJurisdiction: true,
              outsideJurisdictionReason: reason as OutsideJurisdiction['outsideJurisdictionReason'],
            }
          : undefined,
      );
      const now = await referralsApi.list({ tip: reference });
      setSummary('');
      setOtherId('');
      setReason('');
      setConfirmed(false);
      setTick((t) => t + 1);
      onReferred(referredText(now.items.find((r) => r.reference === sent.reference)));
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
              {r.reference} to {r.agencyName}, sent {formatDateTime(r.sentAt)}:{' '}
              <strong>{REFERRAL_STATUS_LABELS[r.status] ?? r.status}</strong>
              {r.overdue && <Tag className="beacon-tag-overdue margin-left-1">Acknowledgement overdue</Tag>}
              {r.outsideJurisdiction && (
                <>
                  {' '}
                  — outside the agency&apos;s area: {OUTSIDE_JURISDICTION_LABELS[r.outsideJurisdiction] ?? r.outsideJurisdiction}
                </>
              )}
              {r.outcome && (
                <>
                  {' '}
                  — outcome: <strong>{OUTCOME_LABELS[r.outcome] ?? r.outcome}</strong>
                  {r.outcomeNote ? ` (${r.outcomeNote})` : ''}
                </>
              )}
              {!r.agency.onBeacon && <NotOnBeacon referral={r} onRecorded={() => setTick((t) => t + 1)} />}
            </li>
          ))}
        </ul>
      )}
      {canRefer && agencies !== null && agencies.length === 0 && (
        <p>
          No agency in the directory covers the place in this tip. Add the place, ask an administrator to update the directory, or
          choose another agency below.
        </p>
      )}
      {canRefer && agencies !== null && (
        <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)}>
          <Fieldset legend="Agency (proposed for the place in the tip, most specific first)">
            {agencies.map((a) => (
              <Radio
                key={a.id}
                id={`agency-${a.code}`}
                name="agency"
                value={a.id}
                checked={agencyId === a.id}
                onChange={() => setAgencyId(a.id)}
                label={a.name}
                labelDescription={a.reason}
              />
            ))}
            <Radio
              id="agency-other"
              name="agency"
              value={OTHER}
              checked={outside}
              onChange={() => setAgencyId(OTHER)}
              label="Another agency in the directory"
              labelDescription="It does not cover the place in the tip: you will be asked why"
            />
          </Fieldset>
          {outside && (
            <>
              <Label htmlFor="referral-other-agency">Agency</Label>
              <Select
                id="referral-other-agency"
                name="referral-other-agency"
                value={otherId}
                onChange={(e) => setOtherId(e.target.value)}
                required
              >
                <option value="">{directory === null ? 'Loading the directory…' : '- Choose an agency -'}</option>
                {others.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </Select>
              <Notice type="warning">
                This agency does not cover the place in the tip. Say why it should have the referral; the reason is recorded with
                the referral.
              </Notice>
              <Label htmlFor="referral-outside-reason">Why this agency</Label>
              <Select
                id="referral-outside-reason"
                name="referral-outside-reason"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                required
              >
                <option value="">- Choose a reason -</option>
                {Object.entries(OUTSIDE_JURISDICTION_LABELS).map(([code, label]) => (
                  <option key={code} value={code}>
                    {label}
                  </option>
                ))}
              </Select>
              <Checkbox
                id="referral-outside-confirm"
                name="referral-outside-confirm"
                checked={confirmed}
                onChange={(e) => setConfirmed(e.target.checked)}
                required
                label="I confirm the referral to an agency that does not cover the place in the tip"
              />
            </>
          )}
          <Label htmlFor="referral-summary">Summary for the agency</Label>
          <Textarea
            id="referral-summary"
            name="referral-summary"
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            required
          />
          <Button type="submit">Refer to the agency</Button>
        </form>
      )}
    </Section>
  );
}

/** Nobody at the agency signs in: its contacts from the directory, and how the referral reached it. */
function NotOnBeacon({ referral: r, onRecorded }: { referral: Referral; onRecorded: () => void }) {
  const contact = [r.agency.phone && `phone ${r.agency.phone}`, r.agency.email && `email ${r.agency.email}`]
    .filter(Boolean)
    .join(', ');
  return (
    <div>
      <p>
        {r.agencyName} is not on Beacon: nobody there can see or acknowledge the referral.{' '}
        {contact ? `Contact it by ${contact}.` : 'The directory has no phone or email for it.'}
      </p>
      {r.passedOn !== null ? (
        <p>
          Passed on {(PASSED_ON_METHOD_LABELS[r.passedOn.method] ?? r.passedOn.method).toLowerCase()} to the{' '}
          {(PASSED_ON_TO_ROLE_LABELS[r.passedOn.toRole] ?? r.passedOn.toRole).toLowerCase()} on {formatDateTime(r.passedOn.at)}
          {r.passedOn.note ? ` (${r.passedOn.note})` : ''}.
        </p>
      ) : (
        <PassedOnForm referral={r} onRecorded={onRecorded} />
      )}
    </div>
  );
}
