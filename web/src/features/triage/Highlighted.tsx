import type { ReactNode } from 'react';
import { KIND_LABELS, type Highlight } from './api';

const FIELD_LABELS: Record<string, string> = {
  'incident.description': 'What was seen or heard',
  'incident.escalationReason': 'Why it may be urgent',
  'location.details': 'More about the place',
  additionalInfo: 'Additional information',
};

export function fieldLabel(field: string): string {
  const known = FIELD_LABELS[field];
  if (known) return known;
  const [group, index, leaf] = field.split('.');
  const n = Number(index) + 1;
  if (group === 'children') return leaf === 'currentLocation' ? `Child ${n}: where now` : `Child ${n}: description`;
  if (group === 'persons') return `Person ${n}: description`;
  if (group === 'online') return `Online place ${n}: details`;
  return field;
}

/** The tip's own words with what Beacon found in them marked; every part is text, never HTML. */
export function HighlightedText({ highlight }: { highlight: Highlight }) {
  const parts: ReactNode[] = [];
  let at = 0;
  highlight.marks.forEach((m, i) => {
    if (m.span.start > at) parts.push(highlight.text.slice(at, m.span.start));
    const title = `${KIND_LABELS[m.kind] ?? m.kind}: ${m.value}${m.obfuscated ? ' (written in disguise)' : ''}`;
    parts.push(
      <mark key={i} className={`beacon-mark beacon-mark--${m.kind}`} title={title} data-kind={m.kind} data-value={m.value}>
        {highlight.text.slice(m.span.start, m.span.end)}
        <span className="usa-sr-only"> ({title})</span>
      </mark>,
    );
    at = m.span.end;
  });
  if (at < highlight.text.length) parts.push(highlight.text.slice(at));
  return <p className="beacon-narrative">{parts}</p>;
}
