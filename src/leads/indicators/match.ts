import { patternScanner } from './engine.ts';
import type { Evidence, Lexicon, LexiconEntry, Signal } from './lexicon.ts';

export interface Span {
  start: number;
  end: number;
}

/** An observation about an advert: which entry fired, on what text, and how strong the evidence behind it is. */
export interface Flag {
  code: string;
  entry: string;
  category: string;
  evidence: Evidence;
  matched: string;
  span: Span;
}

/** What the extractor found that signals are read from (a subset of its Extraction). */
export interface SignalInput {
  phones: readonly { obfuscated: boolean; span: Span }[];
  emails: readonly { obfuscated: boolean; span: Span }[];
  ages: readonly { value: number; span: Span }[];
}

export interface IndicatorMatcher {
  lexiconVersion: number;
  flag(text: string, found?: SignalInput): Flag[];
}

const WORD = '[\\p{L}\\p{N}_]';
/** Past this many characters an advert is not searched for words: the time one advert takes stays bounded. */
export const MAX_MATCHED_CHARS = 20_000;
// Adverts often drop Spanish accents and tildes: a phrase matches with or without them.
const ACCENTS: Record<string, string> = {
  a: '[aá]',
  e: '[eé]',
  i: '[ií]',
  o: '[oó]',
  u: '[uúü]',
  n: '[nñ]',
  á: '[aá]',
  é: '[eé]',
  í: '[ií]',
  ó: '[oó]',
  ú: '[uúü]',
  ñ: '[nñ]',
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

function phraseSource(phrase: string): string {
  return [...phrase.toLowerCase()]
    .map((c) => (/\s/.test(c) ? '\\s+' : (ACCENTS[c] ?? escape(c))))
    .join('')
    .replace(/(\\s\+)+/g, '\\s+');
}

/** Phrases and emoji are escaped text, so a backtracking engine runs them in linear time. */
function literalSource(e: LexiconEntry): string {
  return e.kind === 'emoji' ? `${escape(e.match.replace(/\uFE0F/g, ''))}\\uFE0F?` : phraseSource(e.match);
}

function signalFlags(entries: readonly LexiconEntry[], text: string, found: SignalInput): Flag[] {
  // Most adverts give no signal at all: skip building the lists then.
  if (
    !found.ages.some((a) => a.value <= 22) &&
    !found.phones.some((p) => p.obfuscated) &&
    !found.emails.some((m) => m.obfuscated)
  )
    return [];
  const hits: Record<Signal, Span[]> = {
    'stated-age-under-18': found.ages.filter((a) => a.value < 18).map((a) => a.span),
    'stated-age-18-22': found.ages.filter((a) => a.value >= 18 && a.value <= 22).map((a) => a.span),
    'obscured-phone': found.phones.filter((p) => p.obfuscated).map((p) => p.span),
    'obscured-email': found.emails.filter((m) => m.obfuscated).map((m) => m.span),
  };
  return entries.flatMap((e) => hits[e.match as Signal].map((span) => toFlag(e, text, span)));
}

const toFlag = (e: LexiconEntry, text: string, span: Span): Flag => ({
  code: e.code,
  entry: e.id,
  category: e.category,
  evidence: e.evidence,
  matched: text.slice(span.start, span.end),
  span,
});

interface Hit {
  start: number;
  end: number;
  rank: number;
  entry: LexiconEntry;
}
type NextHit = (from: number) => Hit | null;

/**
 * Phrases and emoji in one native expression (one pass over each advert), patterns through RE2.
 * The two are merged as one alternation would be: the leftmost match wins, at the same place the
 * entry listed first (emoji, then the lexicon's order), and the search goes on after it.
 */
export function compileLexicon(lexicon: Lexicon): IndicatorMatcher {
  const textual = [
    ...lexicon.entries.filter((e) => e.kind === 'emoji'),
    ...lexicon.entries.filter((e) => e.kind === 'phrase' || e.kind === 'pattern'),
  ];
  const rank = new Map(textual.map((e, i) => [e, i]));
  const literals = literalMatcher(
    textual.filter((e) => e.kind !== 'pattern'),
    rank,
  );
  const patterns = textual.filter((e) => e.kind === 'pattern');
  const scan = patterns.length > 0 ? patternScanner(patterns.map((e) => e.match)) : null;
  const signals = lexicon.entries.filter((e) => e.kind === 'signal');
  return {
    lexiconVersion: lexicon.version,
    flag(text, found) {
      const searched = text.length > MAX_MATCHED_CHARS ? text.slice(0, MAX_MATCHED_CHARS) : text;
      const sources: NextHit[] = literals ? [literals(searched)] : [];
      for (const next of scan?.(searched) ?? []) {
        sources.push((from) => {
          const h = next(from);
          return h && { start: h.start, end: h.end, entry: patterns[h.pattern]!, rank: rank.get(patterns[h.pattern]!)! };
        });
      }
      const flags = mergeHits(sources).map((h) => toFlag(h.entry, text, { start: h.start, end: h.end }));
      if (found) for (const f of signalFlags(signals, text, found)) flags.push(f);
      return flags.length > 1 ? firstPerIndicator(flags.sort((a, b) => a.span.start - b.span.start)) : flags;
    },
  };
}

/** One flag per indicator (code) per advert, at its first occurrence: "young … young" is one observation. */
function firstPerIndicator(flags: Flag[]): Flag[] {
  const seen = new Set<string>();
  return flags.filter((f) => !seen.has(f.code) && seen.add(f.code));
}

function mergeHits(sources: readonly NextHit[]): Hit[] {
  const pending: (Hit | null | undefined)[] = sources.map(() => undefined);
  const hits: Hit[] = [];
  for (let at = 0; ;) {
    let best: Hit | null = null;
    for (let i = 0; i < sources.length; i++) {
      const cached = pending[i];
      const h = cached === undefined || (cached && cached.start < at) ? (pending[i] = sources[i]!(at)) : cached;
      if (h && (!best || h.start < best.start || (h.start === best.start && h.rank < best.rank))) best = h;
    }
    if (!best) return hits;
    if (best.end > best.start) hits.push(best);
    at = best.end > best.start ? best.end : best.end + 1;
  }
}

/** Emoji first and phrases after, each side of the alternation sharing one boundary check. */
function literalMatcher(
  entries: readonly LexiconEntry[],
  rank: ReadonlyMap<LexiconEntry, number>,
): ((text: string) => NextHit) | null {
  if (entries.length === 0) return null;
  const emoji = entries.filter((e) => e.kind === 'emoji').map((e) => `(${literalSource(e)})`);
  const words = entries.filter((e) => e.kind !== 'emoji').map((e) => `(${literalSource(e)})`);
  const all = new RegExp([...emoji, ...(words.length ? [`(?<!${WORD})(?:${words.join('|')})(?!${WORD})`] : [])].join('|'), 'giu');
  const ordered = [...entries.filter((e) => e.kind === 'emoji'), ...entries.filter((e) => e.kind !== 'emoji')];
  return (text) => (from) => {
    all.lastIndex = from;
    const m = all.exec(text);
    if (!m) return null;
    const entry = ordered[m.findIndex((g, i) => i > 0 && g !== undefined) - 1]!;
    return { start: m.index, end: m.index + m[0].length, entry, rank: rank.get(entry)! };
  };
}
