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
export const advertSchema = z
  .object({
    id: z.union([z.string().min(1).max(200), z.number().int()]).transform(String),
    url: z.string().max(4096).nullish(),
    site: z.string().max(200).nullish(),
    posted_at: z.string().refine(isIsoDate, 'not an ISO 8601 date').nullish(),
    city: z.string().max(200).nullish(),
    state: z.string().max(50).nullish(),
    title: z.string().max(10_000).nullish(),
    body: z.string().max(200_000).nullish(),
    images: z.array(image).max(200).nullish(),
    pdq: z
      .union([
        z.string().regex(PDQ_HEX, '64 hexadecimal digits'),
        z.array(z.string().regex(PDQ_HEX, '64 hexadecimal digits')).max(200),
      ])
      .nullish(),
  })
  .refine((a) => a.title != null || a.body != null, { path: ['body'], message: 'an advert needs a title or a body' });

export type Advert = z.infer<typeof advertSchema>;

export type ParsedLine = { ok: true; advert: Advert } | { ok: false; field: string; message: string };

type AdvertImage = NonNullable<Advert['images']>[number];

const TEXT_LIMITS = { url: 4096, site: 200, city: 200, state: 50, title: 10_000, body: 200_000 } as const;

const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isHash = (v: unknown): v is string => typeof v === 'string' && PDQ_HEX.test(v);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function validImage(img: unknown): AdvertImage | undefined {
  if (isText(img, 4096)) return img;
  if (!isPlainObject(img)) return undefined;
  if (isHash(img.pdq)) return { pdq: img.pdq };
  return isText(img.path, 4096) ? { path: img.path } : undefined;
}

/**
 * The schema's answer for a valid line without zod's per-line cost (zod dominated the read).
 * Returns undefined for anything it is not sure of; the schema then reports the error.
 */
function validAdvert(data: Record<string, unknown>): Advert | undefined {
  const out: Record<string, unknown> = {};
  const id = data.id;
  if (isText(id, 200) && id.length > 0) out.id = id;
  else if (typeof id === 'number' && Number.isInteger(id)) out.id = String(id);
  else return undefined;
  for (const key of ['url', 'site'] as const) if (!copyText(data, out, key)) return undefined;
  if ('posted_at' in data) {
    const v = data.posted_at;
    if (v != null && !(typeof v === 'string' && isIsoDate(v))) return undefined;
    out.posted_at = v;
  }
  for (const key of ['city', 'state', 'title', 'body'] as const) if (!copyText(data, out, key)) return undefined;
  if ('images' in data && !copyImages(data.images, out)) return undefined;
  if ('pdq' in data) {
    const v = data.pdq;
    if (!(v == null || isHash(v) || (Array.isArray(v) && v.length <= 200 && v.every(isHash)))) return undefined;
    out.pdq = Array.isArray(v) ? [...v] : v;
  }
  if (out.title == null && out.body == null) return undefined;
  return out as Advert;
}

function copyText(data: Record<string, unknown>, out: Record<string, unknown>, key: keyof typeof TEXT_LIMITS): boolean {
  if (!(key in data)) return true;
  const v = data[key];
  if (v != null && !isText(v, TEXT_LIMITS[key])) return false;
  out[key] = v;
  return true;
}

function copyImages(images: unknown, out: Record<string, unknown>): boolean {
  if (images == null) {
    out.images = images;
    return true;
  }
  if (!Array.isArray(images) || images.length > 200) return false;
  const valid = images.map(validImage);
  if (valid.includes(undefined)) return false;
  out.images = valid;
  return true;
}

/** Never echoes the line: adverts carry personal data. */
export function parseAdvertLine(line: string): ParsedLine {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return { ok: false, field: '(line)', message: 'not valid JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { ok: false, field: '(line)', message: 'not a JSON object' };
  const fast = validAdvert(data as Record<string, unknown>);
  if (fast) return { ok: true, advert: fast };
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
