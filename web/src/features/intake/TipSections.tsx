import { Facts, hasFacts, type Fact } from '../../components/Facts';
import type { TipOnlinePlace, TipPerson, TipVehicle } from './api';
import { identifierKindLabel, onlineKindLabel, personRoleLabel, stateName } from './labels';
import { Section } from './Section';

/**
 * The parts of a tip beyond the incident, place, children and reporter. Every value is rendered as
 * React text (never HTML), so markup typed into a tip shows as the characters it is.
 */

export const prose = (text: string | undefined) =>
  text === undefined || text === '' ? null : <span className="beacon-prose">{text}</span>;

function FactsOr({ facts, empty }: { facts: readonly Fact[]; empty: string }) {
  return hasFacts(facts) ? <Facts facts={facts} /> : <p>{empty}</p>;
}

function onlineFacts(place: TipOnlinePlace): Fact[] {
  return [
    ['Kind', onlineKindLabel(place.kind)],
    ['Platform or app', place.platform],
    ['Address, number or handle', <span className="beacon-prose">{place.identifier}</span>],
    ['More about it', prose(place.details)],
  ];
}

export function OnlineSection({ items }: { items: readonly TipOnlinePlace[] }) {
  return (
    <Section id="online" title={items.length > 1 ? `Online (${items.length} places)` : 'Online'}>
      {items.length === 0 && <p>No online place was given.</p>}
      {items.map((place, index) => (
        <div key={index}>
          {items.length > 1 && <h3>Online place {index + 1}</h3>}
          <Facts facts={onlineFacts(place)} />
        </div>
      ))}
    </Section>
  );
}

function vehicleText(v: TipVehicle | undefined): string | null {
  if (v === undefined) return null;
  const car = [v.colour, v.make, v.model].filter((p) => p !== undefined && p !== '').join(' ');
  const plate =
    v.plate === undefined || v.plate === ''
      ? v.plateState === undefined
        ? ''
        : `plate from ${stateName(v.plateState)}`
      : `plate ${v.plate}${v.plateState === undefined ? '' : ` (${stateName(v.plateState)})`}`;
  const text = [car, plate].filter((p) => p !== '').join(', ');
  return text === '' ? null : text;
}

function personFacts(person: TipPerson): Fact[] {
  return [
    ['Role', personRoleLabel(person.role)],
    ['Name', person.name],
    ['Approximate age', person.approximateAge === undefined ? null : String(person.approximateAge)],
    ['Description', prose(person.description)],
    ...(person.identifiers ?? []).map((id, index): Fact => [
      `${identifierKindLabel(id.kind)}${countSuffix(person, id.kind, index)}`,
      <span className="beacon-prose">{id.value}</span>,
    ]),
    ['Vehicle', vehicleText(person.vehicle)],
  ];
}

/** Facts are keyed by term, so a second phone number is "Phone (2)". */
function countSuffix(person: TipPerson, kind: string, index: number): string {
  const before = (person.identifiers ?? []).slice(0, index).filter((i) => i.kind === kind).length;
  return before === 0 ? '' : ` (${before + 1})`;
}

export function PersonsSection({ items }: { items: readonly TipPerson[] }) {
  return (
    <Section id="persons" title={items.length > 1 ? `People reported (${items.length})` : 'Person reported'}>
      {items.length === 0 && <p>No one was described as involved.</p>}
      {items.map((person, index) => (
        <div key={index}>
          {items.length > 1 && <h3>Person {index + 1}</h3>}
          <FactsOr facts={personFacts(person)} empty="No details about this person were given." />
        </div>
      ))}
    </Section>
  );
}

export function AdditionalInfoSection({ text }: { text: string | undefined }) {
  return (
    <Section id="additional" title="Anything else">
      {text === undefined || text === '' ? <p>Nothing else was added.</p> : <p className="beacon-prose">{text}</p>}
    </Section>
  );
}
