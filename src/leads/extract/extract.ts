import { findAges } from './ages.ts';
import { findEmails, findHandles, findUrls } from './contacts.ts';
import { distractorSpans } from './distractors.ts';
import { findPhones, phonesInChatLinks } from './phones.ts';
import { findPlaces } from './places.ts';
import type { ExtractOptions, Extraction, TextSpan } from './types.ts';

/**
 * Phones (plain or disguised), emails, social handles, URLs, stated ages and US places in `text`.
 * Spans index the original string (UTF-16 code units). Each identifier appears once, at its first
 * span, and every list is ordered by span. Pure: no I/O, never throws on any string.
 */
export function extractIdentifiers(text: string, options: ExtractOptions = {}): Extraction {
  // Only US numbers are read today; `defaultCountry` is the seam for other NANP-free countries.
  const emails = findEmails(text);
  const urls = findUrls(text, emails);
  const handles = findHandles(text, emails, urls);
  const ages = findAges(text);
  const masks = [
    ...distractorSpans(text),
    ...ages.map((a) => a.span),
    ...emails.map((e) => e.span),
    ...urls.map((u) => u.span),
    ...handles.map((h) => h.span),
  ].sort((a, b) => a.start - b.start);
  return {
    phones: firstOfEach([...findPhones(text, masks), ...phonesInChatLinks(text, urls)], (p) => p.e164),
    emails: firstOfEach(emails, (e) => e.value),
    handles: firstOfEach(handles, (h) => `${h.platform ?? ''}:${h.value}`),
    urls: firstOfEach(urls, (u) => u.value),
    ages: firstOfEach(ages, (a) => String(a.value)),
    places: firstOfEach(findPlaces(text, { state: options.state }), (p) => `${p.city ?? ''}|${p.state}`),
  };
}

function firstOfEach<T extends { span: TextSpan }>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of [...items].sort((a, b) => a.span.start - b.span.start)) {
    const k = key(item);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(item);
    }
  }
  return out;
}
