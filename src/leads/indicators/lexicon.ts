import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { patternProblem } from './engine.ts';

export const EVIDENCE_LEVELS = ['direct', 'predictive', 'descriptive', 'practitioner', 'not-predictive'] as const;
export type Evidence = (typeof EVIDENCE_LEVELS)[number];

/** Signals come from the identifier extractor rather than from the advert's words. */
export const SIGNALS = ['stated-age-under-18', 'stated-age-18-22', 'obscured-phone', 'obscured-email'] as const;
export type Signal = (typeof SIGNALS)[number];

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and hyphens');

export const sourceSchema = z.object({
  id: slug,
  citation: z.string().min(10).max(1000),
  url: z.string().url().optional(),
  findings: z.string().max(2000).optional(),
});

export const entrySchema = z
  .object({
    id: slug,
    code: slug,
    kind: z.enum(['phrase', 'pattern', 'emoji', 'signal']),
    match: z.string().min(1).max(300),
    category: slug,
    language: z.enum(['en', 'es', 'any']),
    evidence: z.enum(EVIDENCE_LEVELS),
    sources: z.array(slug).min(1),
    note: z.string().max(1000).optional(),
  })
  .superRefine((e, ctx) => {
    const problem = e.kind === 'pattern' ? patternProblem(e.match) : null;
    if (problem) ctx.addIssue({ code: 'custom', path: ['match'], message: problem });
    if (e.kind === 'signal' && !(SIGNALS as readonly string[]).includes(e.match))
      ctx.addIssue({ code: 'custom', path: ['match'], message: `signal must be one of ${SIGNALS.join(', ')}` });
    if (e.kind === 'phrase' && /^\s|\s$/.test(e.match))
      ctx.addIssue({ code: 'custom', path: ['match'], message: 'phrase must not start or end with a space' });
  });

export const lexiconSchema = z
  .object({
    version: z.number().int().positive(),
    updated: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    about: z.string(),
    evidence: z.record(z.enum(EVIDENCE_LEVELS), z.string()),
    sources: z.array(sourceSchema).min(1),
    entries: z.array(entrySchema),
  })
  .superRefine((lex, ctx) => {
    const sourceIds = new Set(lex.sources.map((s) => s.id));
    const seen = new Set<string>();
    lex.entries.forEach((e, i) => {
      if (seen.has(e.id)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'id'], message: `duplicate entry id ${e.id}` });
      seen.add(e.id);
      for (const s of e.sources) {
        if (!sourceIds.has(s)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'sources'], message: `unknown source ${s}` });
      }
    });
  });

export type LexiconEntry = z.infer<typeof entrySchema>;
export type Lexicon = z.infer<typeof lexiconSchema>;

/** Names the first field at fault, never the value. */
export function parseLexicon(data: unknown): Lexicon {
  const parsed = lexiconSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new Error(`lexicon: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

export function loadLexicon(file: string | URL = new URL('./lexicon.v1.json', import.meta.url)): Lexicon {
  return parseLexicon(JSON.parse(readFileSync(file, 'utf8')) as unknown);
}

/** Analysts' additions (kept and audited elsewhere) join the published lexicon at run time. */
export function withEntries(lexicon: Lexicon, entries: readonly unknown[], sources: readonly unknown[] = []): Lexicon {
  return parseLexicon({ ...lexicon, sources: [...lexicon.sources, ...sources], entries: [...lexicon.entries, ...entries] });
}
