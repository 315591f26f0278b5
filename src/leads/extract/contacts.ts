import type { FoundEmail, FoundHandle, FoundUrl, TextSpan } from './types.ts';

const PLAIN_EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}\b/gi;
const AT = String.raw`\s*(?:\[\s*at\s*\]|\(\s*at\s*\)|\{\s*at\s*\}|@)\s*|\s+at\s+`;
const DOT = String.raw`\s*(?:\[\s*dot\s*\]|\(\s*dot\s*\)|\{\s*dot\s*\})\s*|\s+dot\s+|\.`;
const TLD = 'com|net|org|edu|gov|io|me|co|us|info|biz|xyz';
/** "name at domain dot com", "name [at] domain [dot] com", "name @ gmail . com". */
const DISGUISED_EMAIL = new RegExp(
  String.raw`\b([a-z0-9._%+-]+)(?:${AT})([a-z0-9-]+(?:(?:${DOT})[a-z0-9-]+)*?)(?:${DOT})(${TLD})\b`,
  'gi',
);

const MAYBE_EMAIL = /@|[[({]\s*at\s*[\])}]|\sat\s/i;
/** What every disguised address ends with (a dot, written or not, then a domain ending): rare in prose, unlike " at ". */
const MAYBE_DISGUISED = new RegExp(String.raw`(?:[\])}.]|dot\s)\s*(?:${TLD})\b`, 'i');

export function findEmails(text: string): FoundEmail[] {
  const found: FoundEmail[] = [];
  // Most adverts hold no "@" and no "at" between brackets or spaces: skip the costly scans then.
  if (!MAYBE_EMAIL.test(text)) return found;
  PLAIN_EMAIL.lastIndex = 0;
  for (let m = text.includes('@') ? PLAIN_EMAIL.exec(text) : null; m; m = PLAIN_EMAIL.exec(text)) {
    found.push({ value: m[0].toLowerCase(), obfuscated: false, span: { start: m.index, end: m.index + m[0].length } });
  }
  DISGUISED_EMAIL.lastIndex = 0;
  for (let m = MAYBE_DISGUISED.test(text) ? DISGUISED_EMAIL.exec(text) : null; m; m = DISGUISED_EMAIL.exec(text)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (found.some((e) => overlaps(e.span, span))) continue;
    const domain = m[2]!.split(new RegExp(DOT, 'i')).join('.');
    found.push({ value: `${m[1]}@${domain}.${m[3]}`.toLowerCase(), obfuscated: true, span });
  }
  return found.sort((a, b) => a.span.start - b.span.start);
}

const URL_TLD = 'com|net|org|io|me|co|us|xxx|info|biz|ly|gg|app|site|link|tv|cc|club|xyz|ws';
const URL = new RegExp(
  String.raw`\b(?:https?:\/\/|www\.)[^\s<>"'\`]+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:${URL_TLD})\b(?:\/[^\s<>"'\`]*)?`,
  'gi',
);
const TRAILING = /[.,;:!?)\]}'"]+$/;

/** URLs, with or without a scheme; `emails` keeps an address's domain from counting as a site. */
export function findUrls(text: string, emails: readonly FoundEmail[]): FoundUrl[] {
  const found: FoundUrl[] = [];
  URL.lastIndex = 0;
  for (let m = URL.exec(text); m; m = URL.exec(text)) {
    const raw = m[0].replace(TRAILING, '');
    const span = { start: m.index, end: m.index + raw.length };
    if (text[m.index - 1] === '@' || emails.some((e) => overlaps(e.span, span))) continue;
    const url = normaliseUrl(raw);
    if (url) found.push({ ...url, span });
  }
  return found;
}

function normaliseUrl(raw: string): { value: string; host: string } | null {
  const scheme = /^(https?):\/\//i.exec(raw);
  const rest = scheme ? raw.slice(scheme[0].length) : raw;
  const cut = rest.search(/[/?#]/);
  const hostPart = (cut < 0 ? rest : rest.slice(0, cut)).toLowerCase();
  const path = cut < 0 ? '' : rest.slice(cut).replace(/\/$/, '');
  if (!/^[a-z0-9.-]+(?::\d+)?$/.test(hostPart) || !hostPart.includes('.')) return null;
  const host = hostPart.replace(/^www\./, '').replace(/:\d+$/, '');
  return { value: `${(scheme?.[1] ?? 'http').toLowerCase()}://${hostPart}${path}`, host };
}

const PLATFORMS: Record<string, string> = {
  instagram: 'instagram',
  insta: 'instagram',
  ig: 'instagram',
  snapchat: 'snapchat',
  snap: 'snapchat',
  sc: 'snapchat',
  kik: 'kik',
  telegram: 'telegram',
  tg: 'telegram',
  whatsapp: 'whatsapp',
  wa: 'whatsapp',
  twitter: 'x',
  x: 'x',
  tiktok: 'tiktok',
  tt: 'tiktok',
  onlyfans: 'onlyfans',
  of: 'onlyfans',
  fansly: 'fansly',
};
/** Short names ("of", "x", "sc") are ordinary words too: they count only before ":" "=" "-" or "@". */
const SHORT = new Set(['ig', 'sc', 'tg', 'wa', 'x', 'tt', 'of']);
const NAME = String.raw`[a-z0-9_](?:[a-z0-9._]{0,28}[a-z0-9_])?`;
const STATED_HANDLE = new RegExp(
  String.raw`\b(${Object.keys(PLATFORMS).join('|')})\b(\s*(?:[:=>–-]+|\bis\b)\s*@?|\s*@|\s+)(${NAME})`,
  'gi',
);
const BARE_HANDLE = new RegExp(String.raw`(?<![\w.@])@(${NAME})`, 'gi');
const PROFILE_URL: readonly [RegExp, string][] = [
  [/^(?:instagram\.com)\/([\w.]+)/, 'instagram'],
  [/^(?:snapchat\.com\/add)\/([\w.-]+)/, 'snapchat'],
  [/^(?:t\.me|telegram\.me)\/(\w+)/, 'telegram'],
  [/^(?:onlyfans\.com)\/([\w.]+)/, 'onlyfans'],
  [/^(?:tiktok\.com)\/@([\w.]+)/, 'tiktok'],
  [/^(?:twitter\.com|x\.com)\/(\w+)/, 'x'],
  [/^(?:kik\.me)\/([\w.]+)/, 'kik'],
];

export function findHandles(text: string, emails: readonly FoundEmail[], urls: readonly FoundUrl[]): FoundHandle[] {
  const found: FoundHandle[] = [];
  const taken = [...emails.map((e) => e.span), ...urls.map((u) => u.span)];
  STATED_HANDLE.lastIndex = 0;
  for (let m = STATED_HANDLE.exec(text); m; m = STATED_HANDLE.exec(text)) {
    const keyword = m[1]!.toLowerCase();
    const joiner = m[2]!;
    const value = m[3]!.toLowerCase();
    const plainSpace = joiner.trim() === '';
    if ((SHORT.has(keyword) && plainSpace) || (plainSpace && !/[\d_.]/.test(value)) || !/[a-z]/.test(value)) {
      STATED_HANDLE.lastIndex = m.index + m[1]!.length;
      continue;
    }
    const start = m.index + m[1]!.length + joiner.length;
    const span = { start: joiner.endsWith('@') ? start - 1 : start, end: start + m[3]!.length };
    if (!taken.some((t) => overlaps(t, span))) found.push({ platform: PLATFORMS[keyword]!, value, span });
  }
  BARE_HANDLE.lastIndex = 0;
  for (let m = BARE_HANDLE.exec(text); m; m = BARE_HANDLE.exec(text)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (!/[a-z]/i.test(m[1]!) || found.some((h) => overlaps(h.span, span)) || taken.some((t) => overlaps(t, span))) continue;
    found.push({ platform: null, value: m[1]!.toLowerCase(), span });
  }
  for (const u of urls) {
    const path = u.value.replace(/^https?:\/\/(?:www\.)?/, '');
    for (const [re, platform] of PROFILE_URL) {
      const m = re.exec(path);
      if (m) found.push({ platform, value: m[1]!.toLowerCase().replace(/\.$/, ''), span: u.span });
    }
  }
  return found.sort((a, b) => a.span.start - b.span.start);
}

export const overlaps = (a: TextSpan, b: TextSpan) => a.start < b.end && b.start < a.end;
