/**
 * The standard PDF fonts encode WinAnsi (Windows-1252) only, and pdf-lib throws on anything else.
 * Tips carry emoji, Chinese, Arabic and control characters, so text is reduced to what the font can
 * draw: accents are kept where Windows-1252 has the letter, dropped where it does not ("ő" → "o"),
 * and everything else becomes "?". The JSON and XML bundles keep the original text.
 */
const CP1252_EXTRAS = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const EXTRAS = new Set([...CP1252_EXTRAS].map((c) => c.codePointAt(0)!));
export const REPLACEMENT = '?';

export function isWinAnsi(cp: number): boolean {
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || EXTRAS.has(cp);
}

// Zero-width, direction and emoji-variation marks carry no visible text of their own.
const isInvisible = (cp: number) =>
  (cp >= 0x200b && cp <= 0x200f) ||
  (cp >= 0x202a && cp <= 0x202e) ||
  (cp >= 0x2060 && cp <= 0x2069) ||
  (cp >= 0xfe00 && cp <= 0xfe0f) ||
  cp === 0xfeff;
const isControl = (cp: number) => cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);

function drawable(ch: string): string {
  if (isWinAnsi(ch.codePointAt(0)!)) return ch;
  const plain = ch.normalize('NFKD').replace(/\p{M}/gu, '');
  return plain !== '' && [...plain].every((c) => isWinAnsi(c.codePointAt(0)!)) ? plain : REPLACEMENT;
}

/** Text the standard fonts can draw; line breaks are kept as "\n". */
export function toWinAnsi(text: string): string {
  const cleaned = text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').normalize('NFC');
  let out = '';
  for (const ch of cleaned) {
    if (ch === '\n') out += ch;
    else if (!isControl(ch.codePointAt(0)!) && !isInvisible(ch.codePointAt(0)!)) out += drawable(ch);
  }
  return out;
}
