/**
 * Gentle suggestions for case notes where stigmatising words appear. The list is data: each entry
 * says what to write instead and why, so staff can judge it for themselves. The list in use is the
 * version published after survivor expert review (kind `language_list`); the one below seeded it
 * and stays as the fallback. It only suggests; a note
 * is never changed or refused because of it.
 *
 * Left out on purpose, because a word list cannot tell the harmful use from the ordinary one:
 * "boyfriend" (often how a trafficker presents himself, but also an actual boyfriend — the note
 * should say what the person did), "trick", "the life", "ho".
 */

export type LanguageEntry = {
  id: string;
  /** Regular-expression source, matched case-insensitively (unless `caseSensitive`) as whole words. */
  pattern: string;
  suggestion: string;
  reason: string;
  caseSensitive?: boolean;
};

export type LanguageSuggestion = { term: string; start: number; end: number; suggestion: string; reason: string };

// Words may be separated by spaces (any kind) or a hyphen.
const SEP = String.raw`(?:[\s\u00A0]+|-)`;
const CHILD = String.raw`(?:child|children|teen|teenage|teenaged|juvenile|underage|under-age|minor|young|adolescent|girl|boy)`;

export const STIGMATISING_TERMS: readonly LanguageEntry[] = [
  {
    id: 'child_prostitute',
    pattern: `${CHILD}${SEP}prostitutes?`,
    suggestion: 'child sex trafficking victim / survivor',
    reason:
      'A child cannot consent to commercial sex. Under US federal law any child used for a commercial sex act is a trafficking victim, whatever the circumstances; "prostitute" suggests a choice and a crime by the child.',
  },
  {
    id: 'child_prostitution',
    pattern: `${CHILD}${SEP}prostitution`,
    suggestion: 'child sex trafficking / commercial sexual exploitation of a child',
    reason: 'Naming it as exploitation puts the responsibility on the adults who profit from and pay for it, not on the child.',
  },
  {
    id: 'prostitute',
    pattern: 'prostitutes?',
    suggestion: 'if this is about a child: child sex trafficking victim / survivor',
    reason:
      "In a child's case this word usually describes the child. It implies the child chose this; the law treats the child as a victim.",
  },
  {
    id: 'prostituting_self',
    pattern: 'prostituting(?:[\\s\\u00A0]+(?:herself|himself|themselves|themself))?',
    suggestion: 'being sexually exploited / trafficked',
    reason: 'The phrase makes the child the actor. Describe what was done to the child and by whom.',
  },
  {
    id: 'sex_worker',
    pattern: `sex${SEP}(?:workers?|work)`,
    suggestion: 'if this is about a child: child sex trafficking victim / survivor (sexually exploited)',
    reason: '"Sex work" describes adult work and implies choice. A child being sold for sex is being exploited, not working.',
  },
  {
    id: 'pimp',
    pattern: 'pimps?',
    suggestion: 'trafficker',
    reason:
      '"Pimp" is softened and even glamorised in popular culture. "Trafficker" names the crime the person is committing against the child.',
  },
  {
    id: 'pimped',
    pattern: 'pimp(?:ed|ing)',
    suggestion: 'trafficked / exploited',
    reason: 'Say plainly that the child was trafficked; slang makes the crime sound ordinary.',
  },
  {
    id: 'john',
    // Lowercase only: "John" with a capital is far more often someone's name.
    pattern: 'johns?',
    caseSensitive: true,
    suggestion: 'buyer / sex buyer',
    reason:
      'A slang nickname hides what the person did: paid to sexually abuse a child. "Buyer" keeps the focus on the adult\'s responsibility.',
  },
  {
    id: 'willing_participant',
    pattern: `willing${SEP}(?:participant|participants|participation|partner|victim)`,
    suggestion: 'describe what happened to the child',
    reason:
      'A child cannot willingly take part in their own exploitation. Traffickers work to make children appear willing; the note should not repeat that.',
  },
  {
    id: 'consented',
    pattern: `consented(?=${SEP}to${SEP}(?:sex|sexual|intercourse|have${SEP}sex|having${SEP}sex|the${SEP}sex))`,
    suggestion: 'describe what happened, without "consent"',
    reason:
      'A child cannot consent to commercial sex or to sex with an adult. Writing that the child consented shifts blame onto the child.',
  },
  {
    id: 'consensual',
    pattern: `consensual(?=${SEP}(?:sex|sexual|intercourse|relationship))`,
    suggestion: 'describe what happened, without "consensual"',
    reason:
      'If this describes an adult and a child, or anything that was paid for, it was not consensual in law; the word can hide abuse.',
  },
  {
    id: 'promiscuous',
    pattern: 'promiscu(?:ous|ity)',
    suggestion: 'describe what was observed and what the child said',
    reason:
      'A moral label on the child. Many exploited children are described this way instead of being asked about what is happening to them.',
  },
  {
    id: 'child_pornography',
    pattern: `(?:child|kiddie|kiddy)${SEP}(?:pornography|porn)`,
    suggestion: 'child sexual abuse material (CSAM)',
    reason: '"Pornography" suggests consent and a legitimate product. Each such image records the abuse of a child.',
  },
  {
    id: 'runaway_label',
    // Only as a label for the child ("a runaway", "runaways"), not "runaway episode" or the
    // Runaway and Homeless Youth Act.
    pattern: String.raw`(?:(?<=(?:^|[^\p{L}\p{N}_])(?:a|the|chronic|habitual|serial|repeat|known)[\s\u00A0]+)runaway(?![\s\u00A0-]+(?:episode|episodes|incident|incidents|report|reports|history|and${SEP}homeless))|runaways)`,
    suggestion: 'child who ran away / young person who left care',
    reason:
      'A gentle suggestion: a label defines the child by one act. Children often run from harm or towards someone exploiting them, and the label can stop people asking why.',
  },
];

const WORD = String.raw`[\p{L}\p{M}\p{N}_]`;

type Compiled = { entry: LanguageEntry; re: RegExp };
const compile = (entries: readonly LanguageEntry[]): Compiled[] =>
  entries.map((entry) => ({
    entry,
    re: new RegExp(String.raw`(?<!${WORD})(?:${entry.pattern})(?!${WORD})`, entry.caseSensitive ? 'gu' : 'giu'),
  }));
// A list is compiled once: the built-in one, or a published version while it is the one in use.
const compiledLists = new WeakMap<readonly LanguageEntry[], Compiled[]>();
function compiledOf(entries: readonly LanguageEntry[]): Compiled[] {
  let c = compiledLists.get(entries);
  if (!c) compiledLists.set(entries, (c = compile(entries)));
  return c;
}

/**
 * A published version of the list (reviewable data, JSON), or null when it is not a list of entries
 * whose patterns compile: the caller then keeps the built-in list rather than suggest nothing.
 */
export function parseLanguageList(body: string): LanguageEntry[] | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  if (!Array.isArray(value)) return null;
  const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
  const entries: LanguageEntry[] = [];
  for (const e of value as Record<string, unknown>[]) {
    if (typeof e !== 'object' || e === null || !str(e.id) || !str(e.pattern) || !str(e.suggestion) || !str(e.reason)) return null;
    const entry: LanguageEntry = { id: e.id, pattern: e.pattern, suggestion: e.suggestion, reason: e.reason };
    if (e.caseSensitive === true) entry.caseSensitive = true;
    try {
      compile([entry]);
    } catch {
      return null;
    }
    entries.push(entry);
  }
  return entries;
}

/**
 * Every stigmatising term in the text, left to right, with what to write instead and why. Whole
 * words only ("pimple" is not "pimp"), case-insensitive, any script around them; where two entries
 * overlap the longer, earlier one wins. `start`/`end` are string indices (UTF-16), `term` is the
 * text as written.
 */
export function languageSuggestions(text: string, entries: readonly LanguageEntry[] = STIGMATISING_TERMS): LanguageSuggestion[] {
  const found: LanguageSuggestion[] = [];
  for (const { entry, re } of compiledOf(entries)) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      if (m[0].length === 0) continue;
      found.push({ term: m[0], start: m.index, end: m.index + m[0].length, suggestion: entry.suggestion, reason: entry.reason });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: LanguageSuggestion[] = [];
  let reached = 0;
  for (const f of found) {
    if (f.start < reached) continue;
    out.push(f);
    reached = f.end;
  }
  return out;
}
