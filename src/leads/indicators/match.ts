import type { Evidence, Lexicon, LexiconEntry, Signal } from './lexicon.ts';

export interface Span { start: number; end: number }

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
// Adverts often drop Spanish accents and tildes: a phrase matches with or without them.
const ACCENTS: Record<string, string> = { a: '[aá]', e: '[eé]', i: '[ií]', o: '[oó]', u: '[uúü]', n: '[nñ]', á: '[aá]', é: '[eé]', í: '[ií]', ó: '[oó]', ú: '[uúü]', ñ: '[nñ]' };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

function phraseSource(phrase: string): string {
  return [...phrase.toLowerCase()].map((c) => (/\s/.test(c) ? '\\s+' : ACCENTS[c] ?? escape(c))).join('').replace(/(\\s\+)+/g, '\\s+');
}

function entrySource(e: LexiconEntry): string {
  if (e.kind === 'emoji') return `${escape(e.match.replace(/\uFE0F/g, ''))}\\uFE0F?`;
  return e.kind === 'phrase' ? phraseSource(e.match) : e.match;
}

const groupCount = (source: string) => new RegExp(`${source}|`, 'u').exec('')!.length - 1;

function signalFlags(entries: readonly LexiconEntry[], text: string, found: SignalInput): Flag[] {
  // Most adverts give no signal at all: skip building the lists then.
  if (!found.ages.some((a) => a.value <= 22) && !found.phones.some((p) => p.obfuscated) && !found.emails.some((m) => m.obfuscated)) return [];
  const hits: Record<Signal, Span[]> = {
    'stated-age-under-18': found.ages.filter((a) => a.value < 18).map((a) => a.span),
    'stated-age-18-22': found.ages.filter((a) => a.value >= 18 && a.value <= 22).map((a) => a.span),
    'obscured-phone': found.phones.filter((p) => p.obfuscated).map((p) => p.span),
    'obscured-email': found.emails.filter((m) => m.obfuscated).map((m) => m.span),
  };
  return entries.flatMap((e) => hits[e.match as Signal].map((span) => toFlag(e, text, span)));
}

const toFlag = (e: LexiconEntry, text: string, span: Span): Flag => ({
  code: e.code, entry: e.id, category: e.category, evidence: e.evidence, matched: text.slice(span.start, span.end), span,
});

/** One regular expression for all words, patterns and emoji: one pass over each advert. */
export function compileLexicon(lexicon: Lexicon): IndicatorMatcher {
  // Emoji first and word entries after, each side of the alternation sharing one boundary check.
  const textual = [...lexicon.entries.filter((e) => e.kind === 'emoji'), ...lexicon.entries.filter((e) => e.kind === 'phrase' || e.kind === 'pattern')];
  const emoji = textual.filter((e) => e.kind === 'emoji').length;
  const signals = lexicon.entries.filter((e) => e.kind === 'signal');
  const groupOf: LexiconEntry[] = [];
  const parts = textual.map((e) => {
    const source = entrySource(e);
    groupOf.push(e);
    for (let i = groupCount(source); i > 0; i--) groupOf.push(e);
    return `(${source})`;
  });
  const words = parts.slice(emoji);
  const alternatives = [...parts.slice(0, emoji), ...(words.length ? [`(?<!${WORD})(?:${words.join('|')})(?!${WORD})`] : [])];
  const all = alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'giu') : null;
  const starts = textFlagGroups(groupOf);
  return {
    lexiconVersion: lexicon.version,
    flag(text, found) {
      const flags: Flag[] = [];
      if (all) {
        all.lastIndex = 0;
        for (let m = all.exec(text); m; m = all.exec(text)) {
          const e = entryOf(starts, m);
          if (e) flags.push(toFlag(e, text, { start: m.index, end: m.index + m[0].length }));
          if (m[0].length === 0) all.lastIndex++;
        }
      }
      if (found) for (const f of signalFlags(signals, text, found)) flags.push(f);
      return flags.length > 1 ? flags.sort((a, b) => a.span.start - b.span.start) : flags;
    },
  };
}

function entryOf(starts: readonly { index: number; entry: LexiconEntry }[], m: RegExpExecArray): LexiconEntry | undefined {
  for (let k = 0; k < starts.length; k++) if (m[starts[k]!.index] !== undefined) return starts[k]!.entry;
  return undefined;
}

/** The capture group that opens each entry (1-based, as in a match array). */
function textFlagGroups(groupOf: readonly LexiconEntry[]): { index: number; entry: LexiconEntry }[] {
  const out: { index: number; entry: LexiconEntry }[] = [];
  groupOf.forEach((entry, i) => {
    if (i === 0 || groupOf[i - 1] !== entry) out.push({ index: i + 1, entry });
  });
  return out;
}
