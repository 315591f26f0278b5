import type { ReactNode } from 'react';

/** A term and its value; rows whose value is missing are left out. */
export type Fact = readonly [term: string, value: ReactNode | null | undefined];

function present(value: ReactNode | null | undefined): boolean {
  return value !== null && value !== undefined && value !== '';
}

/** Whether any of the facts has a value. */
export function hasFacts(facts: readonly Fact[]): boolean {
  return facts.some(([, value]) => present(value));
}

/** A description list of facts, as plain text (never HTML). */
export function Facts({ facts }: { facts: readonly Fact[] }) {
  return (
    <dl className="beacon-facts">
      {facts
        .filter(([, value]) => present(value))
        .map(([term, value]) => (
          <div key={term} className="beacon-facts__row">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
