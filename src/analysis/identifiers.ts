import { extractIdentifiers, type Extraction, type TextSpan } from '../leads/index.ts';
import type { Report } from '../intake/index.ts';
import { narrativeOf } from './triage/facts.ts';

/** Kinds of identifier that link tips, cases and adverts. Names are matched separately (fuzzy). */
export const LINK_KINDS = ['phone', 'email', 'handle', 'url'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface TipIdentifier {
  kind: LinkKind;
  /** Normalised: E.164 phones, lower-case emails and handles, normalised URLs. */
  value: string;
  /** Where in the tip it was found: a narrative field with the span, or a structured field. */
  field: string;
  span: TextSpan | null;
  /** The number or address was disguised in the text (itself worth noticing). */
  obfuscated: boolean;
}

export interface Highlight {
  field: string;
  text: string;
  marks: { span: TextSpan; kind: LinkKind | 'age' | 'place'; value: string; obfuscated: boolean }[];
}

function fromExtraction(field: string, found: Extraction, withSpans: boolean): TipIdentifier[] {
  const span = (s: TextSpan) => (withSpans ? s : null);
  return [
    ...found.phones.map((p) => ({ kind: 'phone' as const, value: p.e164, field, span: span(p.span), obfuscated: p.obfuscated })),
    ...found.emails.map((e) => ({ kind: 'email' as const, value: e.value, field, span: span(e.span), obfuscated: e.obfuscated })),
    ...found.handles.map((h) => ({ kind: 'handle' as const, value: h.value, field, span: span(h.span), obfuscated: false })),
    ...found.urls.map((u) => ({ kind: 'url' as const, value: u.value, field, span: span(u.span), obfuscated: false })),
  ];
}

const HANDLE_KINDS = new Set(['social_platform', 'chat', 'username']);

/** A value typed into an identifier field: run through the same extractor, else taken as a handle where that is what it is. */
function structured(field: string, kind: string, value: string): TipIdentifier[] {
  const found = fromExtraction(field, extractIdentifiers(value), false);
  if (found.length > 0) return found;
  const handle = value.trim().replace(/^@+/, '').toLowerCase();
  return HANDLE_KINDS.has(kind) && /^[\p{L}\p{N}._-]{2,64}$/u.test(handle)
    ? [{ kind: 'handle', value: handle, field, span: null, obfuscated: false }]
    : [];
}

/**
 * Every identifier in a tip: from the narrative (with spans, for highlighting) and from the
 * structured online and person fields. The reporter's own contact details are left out: they
 * say who reported, not who was involved, and must not link tips together.
 */
export function identifiersOfReport(report: Report): { identifiers: TipIdentifier[]; highlights: Highlight[] } {
  const identifiers: TipIdentifier[] = [];
  const highlights: Highlight[] = [];
  for (const { field, text } of narrativeOf(report)) {
    const found = extractIdentifiers(text, { state: report.location?.state });
    const ids = fromExtraction(field, found, true);
    identifiers.push(...ids);
    const marks: Highlight['marks'] = [
      ...ids.map((i) => ({ span: i.span!, kind: i.kind, value: i.value, obfuscated: i.obfuscated })),
      ...found.ages.map((a) => ({ span: a.span, kind: 'age' as const, value: String(a.value), obfuscated: false })),
      ...found.places.map((p) => ({
        span: p.span,
        kind: 'place' as const,
        value: p.city ? `${p.city}, ${p.state}` : p.state,
        obfuscated: false,
      })),
    ].sort((a, b) => a.span.start - b.span.start);
    if (marks.length > 0) highlights.push({ field, text, marks: withoutOverlaps(marks) });
  }
  report.online?.forEach((o, i) => identifiers.push(...structured(`online.${i}.identifier`, o.kind, o.identifier)));
  report.persons?.forEach((p, i) =>
    p.identifiers?.forEach((id, j) => identifiers.push(...structured(`persons.${i}.identifiers.${j}`, id.kind, id.value))),
  );
  return { identifiers, highlights };
}

function withoutOverlaps(marks: Highlight['marks']): Highlight['marks'] {
  const out: Highlight['marks'] = [];
  for (const m of marks) if (out.length === 0 || m.span.start >= out[out.length - 1]!.span.end) out.push(m);
  return out;
}

/** Distinct (kind, value) pairs, the unit that links. */
export function distinctIdentifiers(ids: readonly TipIdentifier[]): { kind: LinkKind; value: string; obfuscated: boolean }[] {
  const seen = new Map<string, { kind: LinkKind; value: string; obfuscated: boolean }>();
  for (const id of ids) {
    const key = `${id.kind}\u0000${id.value}`;
    const prior = seen.get(key);
    if (!prior) seen.set(key, { kind: id.kind, value: id.value, obfuscated: id.obfuscated });
    else if (id.obfuscated) prior.obfuscated = true;
  }
  return [...seen.values()];
}

export function childNamesOf(report: Report): string[] {
  return (report.children ?? []).flatMap((c) => (c.name?.trim() ? [c.name.trim()] : []));
}
