import { Button, Checkbox, Form, Table } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import type { AssistancePlan, PlanConsent, PlanReferral, PlanSupport, ReferralEventBody } from '../../api/types';
import { Notice, type NoticeMessage } from '../../components/Notice';
import { errorText } from '../../components/errors';
import { DateTimeField, SelectField, TextField } from '../../components/fields';
import { useLoad } from '../../components/useLoad';
import { recoveryApi } from './api';
import { ProviderFinder, type ChosenProvider } from './ProviderFinder';
import { CHOICES, DETAIL_LABELS, NEED_DOMAIN_LABELS, REASON_LABELS, RECIPIENT_LABELS, SERVICE_LABELS, stateLabel } from './text';
import { formatDateTime } from '../../components/format';

const today = () => new Date().toISOString().slice(0, 10);
const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

/** Consents, services and referrals: sharing with a provider needs a consent on record. */
export function PlanSupportSection({ plan }: { plan: AssistancePlan }) {
  const { data, error, setData } = useLoad((signal) => recoveryApi.support(plan.id, signal), [plan.id]);
  const canWrite = plan.abilities.includes('plan.write');
  return (
    <section aria-labelledby="support" className="margin-top-4">
      <h2 id="support">Consent, services and referrals</h2>
      {error !== null && <Notice type="error">{error}</Notice>}
      {data === null && error === null && <p role="status">Loading…</p>}
      {data !== null && (
        <>
          <Consents plan={plan} support={data} onChange={setData} canWrite={canWrite} />
          <Services plan={plan} support={data} onChange={setData} canWrite={canWrite} />
          <Referrals plan={plan} support={data} onChange={setData} canWrite={canWrite} />
        </>
      )}
    </section>
  );
}

type Part = { plan: AssistancePlan; support: PlanSupport; onChange: (s: PlanSupport) => void; canWrite: boolean };

function consentLine(c: PlanConsent): string {
  const who = c.givenBy === 'young_person' ? 'the young person' : 'a guardian';
  const kind = RECIPIENT_LABELS[c.recipientKind as keyof typeof RECIPIENT_LABELS] ?? c.recipientKind;
  return `Given by ${who} for ${kind.toLowerCase()} providers${c.organisation === undefined ? '' : ' (one named provider)'}, ${c.givenOn} to ${c.expiresOn}`;
}

function Consents({ plan, support, onChange, canWrite }: Part) {
  const [givenBy, setGivenBy] = useState<'young_person' | 'guardian'>('young_person');
  const [recipientKind, setRecipientKind] = useState('health');
  const [shares, setShares] = useState<string[]>(['first_name', 'needs']);
  const [givenOn, setGivenOn] = useState(today());
  const [expiresOn, setExpiresOn] = useState(inAYear());
  const [notice, setNotice] = useState<NoticeMessage | null>(null);
  const record = async (event: FormEvent) => {
    event.preventDefault();
    try {
      onChange(
        await recoveryApi.consent(plan.id, {
          givenBy,
          recipientKind,
          shares,
          givenOn,
          expiresOn,
        } as Parameters<typeof recoveryApi.consent>[1]),
      );
      setNotice({ type: 'success', text: 'Consent recorded.' });
    } catch (err) {
      setNotice({ type: 'error', text: errorText(err) });
    }
  };
  const revoke = async (c: PlanConsent) => {
    try {
      onChange(await recoveryApi.revokeConsent(plan.id, c.id));
    } catch (err) {
      setNotice({ type: 'error', text: errorText(err) });
    }
  };
  return (
    <>
      <h3>Consents to share</h3>
      {support.consents.length === 0 && <p>No consent recorded yet. Nothing about the young person is shared without one.</p>}
      <ul className="usa-list" aria-label="Consents">
        {support.consents.map((c) => (
          <li key={c.id}>
            {consentLine(c)}; shares {c.shares.map((s) => DETAIL_LABELS[s as keyof typeof DETAIL_LABELS] ?? s).join(', ')}.
            {c.revokedOn !== undefined ? ` Revoked on ${c.revokedOn}.` : ''}
            {canWrite && c.revokedOn === undefined && (
              <Button type="button" unstyled className="margin-left-1" onClick={() => void revoke(c)}>
                Record that it was revoked
              </Button>
            )}
          </li>
        ))}
      </ul>
      {canWrite && (
        <Form onSubmit={(e) => void record(e)} className="maxw-full">
          <fieldset className="usa-fieldset">
            <legend className="usa-legend">Record a consent</legend>
            <SelectField
              id="consent-by"
              label="Who consented"
              value={givenBy}
              options={{ young_person: 'The young person', guardian: 'A parent or guardian' }}
              empty={null}
              onChange={(v) => setGivenBy(v as 'young_person' | 'guardian')}
            />
            <SelectField
              id="consent-kind"
              label="To share with"
              value={recipientKind}
              options={RECIPIENT_LABELS}
              empty={null}
              onChange={setRecipientKind}
            />
            <fieldset className="usa-fieldset">
              <legend className="usa-legend">What may be shared</legend>
              {CHOICES.details.map((d) => (
                <Checkbox
                  key={d}
                  id={`consent-share-${d}`}
                  name={`consent-share-${d}`}
                  label={DETAIL_LABELS[d]}
                  checked={shares.includes(d)}
                  onChange={(e) => setShares(e.target.checked ? [...shares, d] : shares.filter((s) => s !== d))}
                />
              ))}
            </fieldset>
            <DateTimeField id="consent-given" type="date" label="Given on" value={givenOn} onChange={setGivenOn} />
            <DateTimeField id="consent-expires" type="date" label="Expires on" value={expiresOn} onChange={setExpiresOn} />
            <Button type="submit" outline>
              Record the consent
            </Button>
          </fieldset>
        </Form>
      )}
      {notice !== null && <Notice type={notice.type}>{notice.text}</Notice>}
    </>
  );
}

const PROVIDED_LABELS = { pending: 'Not yet known', yes: 'Provided', no: 'Not provided' };

function Services({ plan, support, onChange, canWrite }: Part) {
  const [kind, setKind] = useState('mental_health');
  const [providerName, setProviderName] = useState('');
  const [appointment, setAppointment] = useState('');
  const [provided, setProvided] = useState<'yes' | 'no' | 'pending'>('pending');
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<NoticeMessage | null>(null);
  const record = async (event: FormEvent) => {
    event.preventDefault();
    try {
      onChange(
        await recoveryApi.service(plan.id, {
          kind,
          providerName,
          provided,
          ...(appointment === '' ? {} : { appointmentAt: new Date(appointment).toISOString() }),
          ...(provided === 'no' ? { reasonNotProvided: reason } : {}),
        }),
      );
      setNotice({ type: 'success', text: 'Service recorded.' });
      setProviderName('');
      setReason('');
    } catch (err) {
      setNotice({ type: 'error', text: errorText(err) });
    }
  };
  return (
    <>
      <h3>Services</h3>
      {support.services.length === 0 && <p>No services recorded yet.</p>}
      <ul className="usa-list" aria-label="Services">
        {support.services.map((s) => (
          <li key={s.id}>
            {SERVICE_LABELS[s.kind as keyof typeof SERVICE_LABELS] ?? s.kind} with {s.providerName}
            {s.appointmentAt === null ? '' : `, appointment ${formatDateTime(s.appointmentAt)}`}:{' '}
            {PROVIDED_LABELS[s.provided as keyof typeof PROVIDED_LABELS] ?? s.provided}
            {s.reasonNotProvided === null ? '' : ` (${s.reasonNotProvided})`}
          </li>
        ))}
      </ul>
      {canWrite && (
        <Form onSubmit={(e) => void record(e)} className="maxw-full">
          <fieldset className="usa-fieldset">
            <legend className="usa-legend">Record a service</legend>
            <SelectField
              id="service-kind"
              label="Kind of service"
              value={kind}
              options={SERVICE_LABELS}
              empty={null}
              onChange={setKind}
            />
            <TextField id="service-provider" label="Provider" value={providerName} onChange={setProviderName} />
            <DateTimeField
              id="service-appointment"
              label="Appointment (optional)"
              value={appointment}
              onChange={setAppointment}
            />
            <SelectField
              id="service-provided"
              label="Was it provided?"
              value={provided}
              options={PROVIDED_LABELS}
              empty={null}
              onChange={(v) => setProvided(v as 'yes' | 'no' | 'pending')}
            />
            {provided === 'no' && (
              <TextField id="service-reason" label="Why it was not provided" value={reason} onChange={setReason} />
            )}
            <Button type="submit" outline>
              Record the service
            </Button>
          </fieldset>
        </Form>
      )}
      {notice !== null && <Notice type={notice.type}>{notice.text}</Notice>}
    </>
  );
}

function Referrals({ plan, support, onChange, canWrite }: Part) {
  const [provider, setProvider] = useState<ChosenProvider | null>(null);
  const [serviceKind, setServiceKind] = useState('medical');
  const [recipientKind, setRecipientKind] = useState('health');
  const [needs, setNeeds] = useState<string[]>([]);
  const [notice, setNotice] = useState<NoticeMessage | null>(null);
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (provider === null) return setNotice({ type: 'error', text: 'Choose a provider first.' });
    try {
      onChange(
        await recoveryApi.refer(plan.id, {
          ...(provider.id === undefined ? {} : { providerId: provider.id }),
          providerName: provider.name,
          ...(provider.contact === undefined ? {} : { providerContact: provider.contact }),
          serviceKind,
          recipientKind,
          needDomains: needs,
        }),
      );
      setNotice({ type: 'success', text: `Referral sent to ${provider.name}.` });
    } catch (err) {
      setNotice({ type: 'error', text: errorText(err) });
    }
  };
  return (
    <>
      <h3>Referrals to providers</h3>
      {support.referrals.length === 0 && <p>No referrals yet.</p>}
      {support.referrals.length > 0 && (
        <Table caption="Referrals, oldest first" fullWidth stackedStyle="headers">
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Provider</th>
              <th scope="col">Service</th>
              <th scope="col">State</th>
              <th scope="col">What next</th>
            </tr>
          </thead>
          <tbody>
            {support.referrals.map((r) => (
              <ReferralRow key={r.id} plan={plan} referral={r} onChange={onChange} canWrite={canWrite} />
            ))}
          </tbody>
        </Table>
      )}
      {canWrite && (
        <Form onSubmit={(e) => void send(e)} className="maxw-full">
          <fieldset className="usa-fieldset">
            <legend className="usa-legend">Send a referral</legend>
            <ProviderFinder chosen={provider} onChoose={setProvider} />
            <SelectField
              id="referral-service"
              label="Service"
              value={serviceKind}
              options={SERVICE_LABELS}
              empty={null}
              onChange={setServiceKind}
            />
            <SelectField
              id="referral-recipient"
              label="Kind of provider (for consent)"
              value={recipientKind}
              options={RECIPIENT_LABELS}
              empty={null}
              onChange={setRecipientKind}
            />
            <fieldset className="usa-fieldset">
              <legend className="usa-legend">Needs it addresses</legend>
              {Object.entries(NEED_DOMAIN_LABELS).map(([d, text]) => (
                <Checkbox
                  key={d}
                  id={`referral-need-${d}`}
                  name={`referral-need-${d}`}
                  label={text}
                  checked={needs.includes(d)}
                  onChange={(e) => setNeeds(e.target.checked ? [...needs, d] : needs.filter((n) => n !== d))}
                />
              ))}
            </fieldset>
            <Button type="submit">Send the referral</Button>
          </fieldset>
        </Form>
      )}
      {notice !== null && <Notice type={notice.type}>{notice.text}</Notice>}
    </>
  );
}

function ReferralRow({
  plan,
  referral: r,
  onChange,
  canWrite,
}: {
  plan: AssistancePlan;
  referral: PlanReferral;
  onChange: (s: PlanSupport) => void;
  canWrite: boolean;
}) {
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const event = async (body: ReferralEventBody) => {
    try {
      onChange(await recoveryApi.referralEvent(plan.id, r.id, body));
      setProblem(null);
    } catch (err) {
      setProblem(errorText(err));
    }
  };
  const outcome =
    r.outcome === null
      ? ''
      : r.outcome === 'successful'
        ? ' (successful)'
        : ` (not successful: ${REASON_LABELS[r.unsuccessfulReason as keyof typeof REASON_LABELS] ?? ''})`;
  return (
    <tr>
      <th scope="row">{r.reference}</th>
      <td>
        {r.providerName}
        {r.legalReason !== null && <div className="usa-hint">Sent without consent, for a legal reason: {r.legalReason}</div>}
      </td>
      <td>{SERVICE_LABELS[r.serviceKind as keyof typeof SERVICE_LABELS] ?? r.serviceKind}</td>
      <td data-testid={`referral-state-${r.reference}`}>
        {stateLabel(r.state)}
        {outcome}
      </td>
      <td>
        <Button type="button" unstyled onClick={() => void recoveryApi.referralForm(plan.id, r.id)}>
          Referral form (PDF)
        </Button>
        {canWrite && r.state === 'in_progress' && (
          <div>
            <Button type="button" unstyled className="margin-right-1" onClick={() => void event({ kind: 'accept' })}>
              The provider accepted
            </Button>
            <Button type="button" unstyled onClick={() => void event({ kind: 'decline' })}>
              The provider declined
            </Button>
          </div>
        )}
        {canWrite && r.state === 'accepted' && (
          <div>
            <Button
              type="button"
              unstyled
              className="margin-right-1"
              onClick={() => void event({ kind: 'close', outcome: 'successful' })}
            >
              Close as done: successful
            </Button>
            <SelectField
              id={`reason-${r.id}`}
              label="Why it was not successful"
              value={reason}
              options={REASON_LABELS}
              onChange={setReason}
            />
            <TextField id={`note-${r.id}`} label="Note" value={note} onChange={setNote} />
            <Button
              type="button"
              unstyled
              onClick={() =>
                void event({
                  kind: 'close',
                  outcome: 'not_successful',
                  ...(reason === '' ? {} : { reason }),
                  ...(note === '' ? {} : { note }),
                })
              }
            >
              Close as done: not successful
            </Button>
          </div>
        )}
        {problem !== null && <Notice type="error">{problem}</Notice>}
      </td>
    </tr>
  );
}
