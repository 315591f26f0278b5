import type { IndicatorMatcher } from '../indicators/index.ts';
import { identifierKeys } from '../linking/index.ts';
import { givenImageHashes, type Advert } from './advert.ts';

interface Span {
  start: number;
  end: number;
}

/** What analysis needs from the identifier extractor (structural, so tests can use a stub). */
export interface ExtractionLike {
  phones: readonly { e164: string; obfuscated: boolean; span: Span }[];
  emails: readonly { value: string; obfuscated: boolean; span: Span }[];
  handles: readonly { platform: string | null; value: string; span: Span }[];
  urls: readonly { value: string; span: Span }[];
  ages: readonly { value: number; span: Span }[];
}

export type Extract = (text: string) => ExtractionLike;

export interface IndicatorOut {
  code: string;
  category: string;
  evidence: string;
  matched: string;
}

/** One output line before linking; `network` is added once every advert has been read. */
export interface AdvertFindings {
  id: string;
  phones: string[];
  emails: string[];
  handles: { platform: string | null; value: string }[];
  urls: string[];
  ages: number[];
  indicators: IndicatorOut[];
}

export interface AnalyzedAdvert {
  findings: AdvertFindings;
  keys: string[];
}

const unique = <T>(items: readonly T[], keyOf: (t: T) => string = String): T[] => {
  if (items.length < 2) return [...items];
  const seen = new Map<string, T>();
  for (const t of items) if (!seen.has(keyOf(t))) seen.set(keyOf(t), t);
  return [...seen.values()];
};

export function analyzeAdvert(advert: Advert, deps: { extract: Extract; matcher: IndicatorMatcher }): AnalyzedAdvert {
  const text = `${advert.title ?? ''}\n${advert.body ?? ''}`;
  const found = deps.extract(text);
  const flags = deps.matcher.flag(text, found);
  const findings: AdvertFindings = {
    id: advert.id,
    phones: unique(found.phones.map((p) => p.e164)),
    emails: unique(found.emails.map((e) => e.value.toLowerCase())),
    handles: unique(
      found.handles.map((h) => ({ platform: h.platform, value: h.value })),
      (h) => `${h.platform}:${h.value.toLowerCase()}`,
    ),
    urls: unique(found.urls.map((u) => u.value)),
    ages: unique(found.ages.map((a) => a.value)),
    indicators: unique(
      flags.map((f) => ({ code: f.code, category: f.category, evidence: f.evidence, matched: f.matched })),
      (f) => `${f.code}\u0000${f.matched.toLowerCase()}`,
    ),
  };
  return { findings, keys: identifierKeys(found, givenImageHashes(advert)) };
}
