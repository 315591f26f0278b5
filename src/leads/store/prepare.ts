import { parseAdvertLine, givenImageHashes, type Advert } from '../analyze/index.ts';
import type { Extraction } from '../extract/index.ts';
import type { IndicatorMatcher } from '../indicators/index.ts';
import { identifierKeys } from '../linking/index.ts';
import type { StoredFlag, StoredMark } from './leads.tables.ts';

/** Kinds whose blind token is kept: the kinds cases and tips are matched on. */
export type TokenKind = 'phone' | 'email' | 'handle';
export type TokenOf = (kind: TokenKind, value: string) => string;

const TOKEN_CACHE = 50_000;

/**
 * The same phones and handles recur across a network's adverts: each token is computed once.
 * The cache is emptied when full rather than kept in order: simpler, and a repeat is found again at once.
 */
export function cachedTokens(tokenOf: TokenOf, size = TOKEN_CACHE): TokenOf {
  const seen = new Map<string, string>();
  return (kind, value) => {
    const key = `${kind}:${value}`;
    let token = seen.get(key);
    if (token === undefined) {
      if (seen.size >= size) seen.clear();
      token = tokenOf(kind, value);
      seen.set(key, token);
    }
    return token;
  };
}

export interface PreparedIdentifier {
  kind: string;
  value: string;
  key: string;
  token: string | null;
}

export interface PreparedAdvert {
  sourceId: string;
  url: string | null;
  site: string | null;
  postedAt: string | null;
  city: string | null;
  state: string | null;
  title: string | null;
  body: string | null;
  marks: StoredMark[];
  flags: StoredFlag[];
  pdq: string[];
  identifiers: PreparedIdentifier[];
}

export type PreparedLine = { ok: true; advert: PreparedAdvert } | { ok: false; line: number; field: string; message: string };

export interface PrepareDeps {
  extract: (text: string) => Extraction;
  matcher: IndicatorMatcher;
  tokenOf: TokenOf;
}

/** The text the extractor reads; every span refers to it. */
export const advertText = (a: { title: string | null; body: string | null }) => `${a.title ?? ''}\n${a.body ?? ''}`;

const handleValue = (v: string) => v.trim().replace(/^@+/, '').toLowerCase();

function marksOf(found: Extraction): StoredMark[] {
  return [
    ...found.phones.map((p) => ({ kind: 'phone', value: p.e164, obfuscated: p.obfuscated, ...p.span })),
    ...found.emails.map((e) => ({ kind: 'email', value: e.value.toLowerCase(), obfuscated: e.obfuscated, ...e.span })),
    ...found.handles.map((h) => ({ kind: 'handle', value: handleValue(h.value), obfuscated: false, ...h.span })),
    ...found.urls.map((u) => ({ kind: 'url', value: u.value, obfuscated: false, ...u.span })),
    ...found.ages.map((a) => ({ kind: 'age', value: String(a.value), obfuscated: false, ...a.span })),
  ].sort((a, b) => a.start - b.start);
}

function identifiersOf(found: Extraction, pdq: readonly string[], tokenOf: TokenOf): PreparedIdentifier[] {
  const out = new Map<string, PreparedIdentifier>();
  const add = (kind: string, value: string, key: string, token: string | null) =>
    out.has(key) || out.set(key, { kind, value, key, token });
  for (const p of found.phones) add('phone', p.e164, `tel:${p.e164}`, tokenOf('phone', p.e164));
  for (const e of found.emails) {
    const value = e.value.trim().toLowerCase();
    add('email', value, `email:${value}`, tokenOf('email', value));
  }
  for (const h of found.handles) {
    const [key] = identifierKeys({ phones: [], emails: [], handles: [h] });
    const value = handleValue(h.value);
    add('handle', value, key!, tokenOf('handle', value));
  }
  for (const hash of pdq) add('pdq', hash, `pdq:${hash}`, null);
  return [...out.values()];
}

export function prepareAdvert(a: Advert, deps: PrepareDeps): PreparedAdvert {
  const fields = { title: a.title ?? null, body: a.body ?? null };
  const text = advertText(fields);
  const found = deps.extract(text);
  const pdq = [...new Set(givenImageHashes(a))];
  const flags = deps.matcher
    .flag(text, found)
    .map((f) => ({ code: f.code, entry: f.entry, category: f.category, evidence: f.evidence, matched: f.matched, ...f.span }));
  return {
    sourceId: a.id,
    url: a.url ?? null,
    site: a.site ?? null,
    postedAt: a.posted_at ?? null,
    city: a.city ?? null,
    state: a.state ?? null,
    ...fields,
    marks: marksOf(found),
    flags,
    pdq,
    identifiers: identifiersOf(found, pdq, deps.tokenOf),
  };
}

/** Pure: numbered input lines (JSON objects) to one outcome per non-blank line. */
export function prepareLines(lines: readonly { line: number; text: string }[], deps: PrepareDeps): PreparedLine[] {
  const out: PreparedLine[] = [];
  for (const { line, text } of lines) {
    if (text.trim() === '') continue;
    const parsed = parseAdvertLine(text);
    if (!parsed.ok) out.push({ ok: false, line, field: parsed.field, message: parsed.message });
    else out.push({ ok: true, advert: prepareAdvert(parsed.advert, deps) });
  }
  return out;
}
