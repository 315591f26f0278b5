import { z } from 'zod';

const PDQ_HEX = /^[0-9a-f]{64}$/i;

// Date.parse alone accepts almost any text ("Jane 555" is a date to V8).
const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s));

const image = z.union([
  z.string().max(4096),
  z.object({ pdq: z.string().regex(PDQ_HEX, '64 hexadecimal digits') }),
  z.object({ path: z.string().max(4096) }),
]);

/** One line of an advert collection. Unknown fields are ignored; known ones are checked. */
export const advertSchema = z.object({
  id: z.union([z.string().min(1).max(200), z.number().int()]).transform(String),
  url: z.string().max(4096).nullish(),
  site: z.string().max(200).nullish(),
  posted_at: z.string().refine(isIsoDate, 'not an ISO 8601 date').nullish(),
  city: z.string().max(200).nullish(),
  state: z.string().max(50).nullish(),
  title: z.string().max(10_000).nullish(),
  body: z.string().max(200_000).nullish(),
  images: z.array(image).max(200).nullish(),
  pdq: z.union([z.string().regex(PDQ_HEX, '64 hexadecimal digits'), z.array(z.string().regex(PDQ_HEX, '64 hexadecimal digits')).max(200)]).nullish(),
}).refine((a) => a.title != null || a.body != null, { path: ['body'], message: 'an advert needs a title or a body' });

export type Advert = z.infer<typeof advertSchema>;

export type ParsedLine = { ok: true; advert: Advert } | { ok: false; field: string; message: string };

/** Never echoes the line: adverts carry personal data. */
export function parseAdvertLine(line: string): ParsedLine {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return { ok: false, field: '(line)', message: 'not valid JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, field: '(line)', message: 'not a JSON object' };
  const parsed = advertSchema.safeParse(data);
  if (parsed.success) return { ok: true, advert: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, field: issue.path.join('.') || '(line)', message: issue.message };
}

/**
 * Image hashes given in the input. Image files are not hashed here yet (the PDQ module will do
 * that); a plain string in `images` counts as a hash only when it is 64 hex digits.
 */
export function givenImageHashes(a: Advert): string[] {
  const fromImages = (a.images ?? []).flatMap((img) => {
    if (typeof img === 'string') return PDQ_HEX.test(img) ? [img] : [];
    return 'pdq' in img ? [img.pdq] : [];
  });
  const direct = a.pdq == null ? [] : typeof a.pdq === 'string' ? [a.pdq] : a.pdq;
  return [...direct, ...fromImages].map((h) => h.toLowerCase());
}
