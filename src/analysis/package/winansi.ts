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
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufe00-\ufe0f\ufeff]/gu;
const isControl = (cp: number) => cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);

function drawable(ch: string): string {
  if (isWinAnsi(ch.codePointAt(0)!)) return ch;
  const plain = ch.normalize('NFKD').replace(/\p{M}/gu, '');
  return plain !== '' && [...plain].every((c) => isWinAnsi(c.codePointAt(0)!)) ? plain : REPLACEMENT;
}

/** Text the standard fonts can draw; line breaks are kept as "\n". */
export function toWinAnsi(text: string): string {
  const cleaned = text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(INVISIBLE, '').normalize('NFC');
  let out = '';
  for (const ch of cleaned) {
    if (ch === '\n') out += ch;
    else if (!isControl(ch.codePointAt(0)!)) out += drawable(ch);
  }
  return out;
}
