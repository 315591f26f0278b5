import { useLoad } from '../../components/useLoad';
import { AppLink, paths } from '../../app/router';
import { Facts, hasFacts, type Fact } from '../../components/Facts';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { CALL_LANGUAGE_LABELS, CALLER_TYPE_LABELS } from '../hotline/text';
import { intakeApi, type TipCall, type TipChild, type TipDetail, type TipReport } from './api';
import { formatDate, formatDateTime } from './format';
import { ExportButtons } from './ExportButtons';
import { FilesSection } from './FilesSection';
import { Section } from './Section';
import { TriagePanel } from '../triage/TriagePanel';
import { AdditionalInfoSection, OnlineSection, PersonsSection, prose } from './TipSections';
import { channelLabel, genderLabel, incidentTypeLabel, relationshipLabel, stateName, statusLabel } from './labels';

/** `/app/reports/:reference`: one tip, as the person who sent it told it. */
export function ReportPage({ reference, canTriage, canApprove }: { reference: string; canTriage: boolean; canApprove: boolean }) {
  const { data: tip, error } = useLoad((signal) => intakeApi.get(reference, signal), [reference], {
    not_found: `There is no tip with the reference ${reference}, or it is not shared with you.`,
    forbidden: 'Your role does not include reading this tip.',
  });

  const backLink = (
    <p className="margin-top-3 margin-bottom-0">
      <AppLink href={paths.queue()} className="usa-link">
        Back to the queue
      </AppLink>
    </p>
  );

  return (
    <Page heading={`Tip ${reference}`} above={backLink}>
      {error !== null && <Notice type="error">{error}</Notice>}
      {tip === null && error === null && <p role="status">Loading the tip…</p>}
      {tip !== null && <TipBody tip={tip} />}
      {tip !== null && canTriage && <TriagePanel reference={reference} canApprove={canApprove} />}
    </Page>
  );
}

function TipBody({ tip }: { tip: TipDetail }) {
  const { report } = tip;
  return (
    <>
      <Facts
        facts={[
          ['Received', <time dateTime={tip.receivedAt}>{formatDateTime(tip.receivedAt)}</time>],
          ['Sent through', channelLabel(tip.channel)],
          ['Status', statusLabel(tip.status)],
        ]}
      />
      <Section id="what" title="What happened">
        <Facts facts={incidentFacts(report.incident)} />
      </Section>
      <Section id="where" title="Where">
        <FactsOr facts={locationFacts(report.location)} empty="No place was given." />
      </Section>
      <OnlineSection items={report.online ?? []} />
      <ChildrenSection items={report.children ?? []} />
      <PersonsSection items={report.persons ?? []} />
      <AdditionalInfoSection text={report.additionalInfo} />
      {tip.call !== null && (
        <Section id="call" title="The call">
          <Facts facts={callFacts(tip.call)} />
        </Section>
      )}
      <Section id="reporter" title="Who reported it">
        <Facts facts={reporterFacts(report.reporter)} />
      </Section>
      <FilesSection reference={tip.reference} channel={tip.channel} />
      <ExportButtons reference={tip.reference} />
    </>
  );
}

function FactsOr({ facts, empty }: { facts: readonly Fact[]; empty: string }) {
  return hasFacts(facts) ? <Facts facts={facts} /> : <p>{empty}</p>;
}

function ChildrenSection({ items }: { items: readonly TipChild[] }) {
  const title = items.length > 1 ? `The children (${items.length})` : 'The child';
  return (
    <Section id="children" title={title}>
      {items.length === 0 && <p>No details about a child were given.</p>}
      {items.length === 1 && items[0] !== undefined && (
        <FactsOr facts={childFacts(items[0])} empty="No details about the child were given." />
      )}
      {items.length > 1 &&
        items.map((child, index) => (
          <div key={index}>
            <h3>Child {index + 1}</h3>
            <FactsOr facts={childFacts(child)} empty="No details about this child were given." />
          </div>
        ))}
    </Section>
  );
}

function incidentFacts(incident: TipReport['incident']): Fact[] {
  return [
    ['Type', incidentTypeLabel(incident.type)],
    ['What was seen or heard', prose(incident.description)],
    ['When', incident.occurredOn === undefined ? null : formatDate(incident.occurredOn)],
    ['Why it may be urgent', prose(incident.escalationReason)],
  ];
}

function locationFacts(location: TipReport['location']): Fact[] {
  if (location === undefined) return [];
  return [
    ['Address', location.address],
    ['City', location.city],
    ['State', location.state === undefined ? null : stateName(location.state)],
    ['ZIP code', location.zip],
    ['More about the place', prose(location.details)],
  ];
}

function childFacts(child: TipChild): Fact[] {
  return [
    ['Name', child.name],
    ['Approximate age', child.approximateAge === undefined ? null : String(child.approximateAge)],
    ['Gender', child.gender === undefined ? null : genderLabel(child.gender)],
    ['Missing', child.missing === undefined ? null : child.missing ? 'Yes, reported missing' : 'No'],
    ['School', child.school],
    ['Where the child is now', prose(child.currentLocation)],
    ['Description', prose(child.description)],
  ];
}

/** Everything the operator recorded about the call: when, in which language, who called, whether we may call back. */
function callFacts(call: TipCall): Fact[] {
  return [
    ['Started', <time dateTime={call.startedAt}>{formatDateTime(call.startedAt)}</time>],
    ['Ended', call.endedAt === null ? 'Not recorded' : <time dateTime={call.endedAt}>{formatDateTime(call.endedAt)}</time>],
    ['Language of the call', call.language === null ? 'Not recorded' : (CALL_LANGUAGE_LABELS[call.language] ?? call.language)],
    ['Who called', call.callerType === null ? 'Not recorded' : (CALLER_TYPE_LABELS[call.callerType] ?? call.callerType)],
    ['May we call the caller back?', call.callbackConsent === null ? 'Not asked' : call.callbackConsent ? 'Yes' : 'No'],
  ];
}

function reporterFacts(reporter: TipReport['reporter']): Fact[] {
  if (reporter.anonymous) return [['Reporter', 'Anonymous']];
  return [
    ['Name', reporter.name ?? 'Not given'],
    ['Email', reporter.email],
    ['Phone', reporter.phone],
    ['Relationship to the child', reporter.relationship === undefined ? null : relationshipLabel(reporter.relationship)],
    ['May we contact them?', reporter.consentToContact ? 'Yes' : 'No'],
  ];
}
