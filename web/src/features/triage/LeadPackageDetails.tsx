import { formatDate } from '../intake/format';
import { genderLabel, identifierKindLabel, incidentTypeLabel, personRoleLabel, stateName } from '../intake/labels';
import type { LeadPackageView } from './referralsApi';

const placeText = (p: LeadPackageView['places'][number]): string =>
  [
    p.address,
    p.city,
    p.county,
    p.state ? stateName(p.state) : undefined,
    p.zip,
    p.tribalLand ? `tribal land: ${p.tribalLand}` : undefined,
    p.details,
  ]
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    .join(', ') || 'No address given';
const join = (parts: (string | undefined)[], empty: string) =>
  parts.filter((v): v is string => v !== undefined && v !== '').join('; ') || empty;
const childText = (c: LeadPackageView['children'][number]) =>
  join(
    [
      c.approximateAge !== undefined ? `About ${c.approximateAge} years old` : undefined,
      c.gender ? genderLabel(c.gender) : undefined,
      c.description,
    ],
    'No description given',
  );
const personText = (p: LeadPackageView['persons'][number]) =>
  join(
    [
      p.role ? personRoleLabel(p.role) : undefined,
      p.name,
      p.approximateAge !== undefined ? `about ${p.approximateAge}` : undefined,
      p.description,
    ],
    'No description given',
  );

/** The lead package on screen, in words: what the partner needs to act without opening a file. */
export function LeadPackageDetails({ pkg }: { pkg: LeadPackageView }) {
  return (
    <>
      <h2>Why this is urgent</h2>
      {pkg.urgency.length === 0 ? (
        <p>No urgency rule applied.</p>
      ) : (
        <ul className="usa-list" aria-label="Why this is urgent">
          {pkg.urgency.map((u) => (
            <li key={u.rule}>
              <strong>{u.rule}</strong>: {u.explanation}
            </li>
          ))}
        </ul>
      )}
      <h2>What happened</h2>
      <p>
        {incidentTypeLabel(pkg.incident.type)}
        {pkg.incident.occurredOn ? `, on ${formatDate(pkg.incident.occurredOn)}` : ''}.
      </p>
      <p className="beacon-narrative">{pkg.incident.summary}</p>
      <h2>Where</h2>
      {pkg.places.length === 0 ? (
        <p>No place given.</p>
      ) : (
        <ul className="usa-list" aria-label="Where">
          {pkg.places.map((p, i) => (
            <li key={i}>
              {p.label ? `${p.label}: ` : ''}
              {placeText(p)}
            </li>
          ))}
        </ul>
      )}
      <h2>The children as described</h2>
      {pkg.children.length === 0 ? (
        <p>No child described.</p>
      ) : (
        <ul className="usa-list" aria-label="The children as described">
          {pkg.children.map((c, i) => (
            <li key={i}>{childText(c)}</li>
          ))}
        </ul>
      )}
      {pkg.persons.length > 0 && (
        <>
          <h2>People reported</h2>
          <ul className="usa-list" aria-label="People reported">
            {pkg.persons.map((p, i) => (
              <li key={i}>{personText(p)}</li>
            ))}
          </ul>
        </>
      )}
      {pkg.identifiers.length > 0 && (
        <>
          <h2>Identifiers found</h2>
          <ul className="usa-list" aria-label="Identifiers found">
            {pkg.identifiers.map((d, i) => (
              <li key={i}>
                {identifierKindLabel(d.kind)}: {d.value}
                {d.obfuscated ? ' (written in disguise in the tip)' : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>The analyst&apos;s summary</h2>
      <p className="beacon-narrative">{pkg.analystSummary || 'No summary written.'}</p>
      <p>Referred by {pkg.referringAnalyst}.</p>
    </>
  );
}
