import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysePending, analysisDepsOf } from '../../analysis/index.ts';
import type { Keyring } from '../../security/index.ts';
import { createTestDatabase, testApp, type TestDatabase } from '../../../test/harness.ts';
import { addStaff, signIn } from '../../../test/staff.ts';
import { importAdverts } from './service.ts';
import { leadsDepsOf } from '../../modules.ts';

let t: TestDatabase;
let app: FastifyInstance;
let keyring: Keyring;
let dir: string;
type Who = { cookie: string; csrf: string };
const who: Record<string, Who> = {};
const as = (w: Who) => ({ cookie: w.cookie, 'x-csrf-token': w.csrf });
const get = (url: string, w: Who) => app.inject({ method: 'GET', url, headers: as(w) });
const post = (url: string, w: Who, payload: object) => app.inject({ method: 'POST', url, headers: as(w), payload });

interface Line {
  id: string;
  body: string;
  posted_at?: string;
  city?: string;
  state?: string;
  site?: string;
}
const advert = (id: string, body: string, day = 1, city = 'Tulsa'): Line => ({
  id,
  body,
  posted_at: `2026-03-${String(day).padStart(2, '0')}T12:00:00Z`,
  city,
  state: 'OK',
  site: 'ads.example',
});

let fileNo = 0;
async function run(
  lines: (Line | string)[],
  format: 'jsonl' | 'csv' = 'jsonl',
  opts: { workers?: number; batchSize?: number; writers?: number } = {},
) {
  const file = path.join(dir, `ads-${fileNo++}.${format}`);
  await writeFile(file, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
  const errors: string[] = [];
  const stderr = { write: (s: string) => errors.push(s) } as unknown as NodeJS.WritableStream;
  const summary = await importAdverts(leadsDepsOf({ db: t.db, keyring }), { input: file, format, workers: 1, stderr, ...opts });
  return { summary, errors: errors.join('') };
}
const networkOf = async (sourceId: string) =>
  (
    await t.db
      .selectFrom('adverts as a')
      .innerJoin('advert_links as l', 'l.advert_id', 'a.id')
      .select('l.network_id')
      .where('a.source_id', '=', sourceId)
      .executeTakeFirstOrThrow()
  ).network_id;
const leadRows = () => t.db.selectFrom('leads').selectAll().orderBy('id').execute();

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  keyring = built.keyring;
  dir = await mkdtemp(path.join(os.tmpdir(), 'beacon-leads-store-'));
  for (const [name, role] of [
    ['analyst', 'analyst'],
    ['sup', 'supervisor'],
    ['partner', 'partner'],
    ['admin', 'admin'],
  ] as const) {
    await addStaff(t.db, keyring, role, `${name}@example.test`);
    who[name] = await signIn(app, `${name}@example.test`);
  }
  const team = await post('/api/v1/cases/teams', who.admin!, {
    name: 'Team A',
    members: [
      {
        userId: (
          await t.db.selectFrom('staff_users').select('id').where('email', '=', 'sup@example.test').executeTakeFirstOrThrow()
        ).id,
        supervises: true,
      },
    ],
  });
  expect(team.statusCode, team.body).toBe(201);
});
afterAll(async () => {
  await app.close();
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

describe('beacon leads import', () => {
  it('is resumable: a re-run of the whole file after half of it stores each advert once', async () => {
    const all = Array.from({ length: 40 }, (_, i) =>
      advert(`res-${i}`, `Sweet company, call 918-555-01${String(10 + (i % 20)).padStart(2, '0')}`, 1 + (i % 20)),
    );
    const first = await run(all.slice(0, 20));
    expect(first.summary.inserted).toBe(20);
    const again = await run(all);
    expect(again.summary).toMatchObject({ inserted: 20, duplicates: 20, skipped: 0 });
    const stored = await t.db.selectFrom('adverts').select('source_id').where('source_id', 'like', 'res-%').execute();
    expect(stored).toHaveLength(40);
    expect(new Set(stored.map((s) => s.source_id)).size).toBe(40);
    // Same number, two halves: one network, named in the first run and kept.
    expect(await networkOf('res-0')).toBe(await networkOf('res-20'));
  });

  it('stores each advert once when concurrent batches repeat the same adverts in opposite orders', async () => {
    const ads = Array.from({ length: 30 }, (_, i) =>
      advert(`rep-${i}`, `Company tonight ${i}, text 539-555-02${String(i).padStart(2, '0')}`),
    );
    const lines = [...ads, ...[...ads].reverse(), ...ads];
    const { summary } = await run(lines, 'jsonl', { workers: 2, batchSize: 5, writers: 4 });
    expect(summary).toMatchObject({ read: 90, inserted: 30, duplicates: 60, skipped: 0 });
    const stored = await t.db
      .selectFrom('adverts as a')
      .innerJoin('advert_identifiers as i', 'i.advert_id', 'a.id')
      .select(['a.source_id', 'i.value'])
      .where('a.source_id', 'like', 'rep-%')
      .where('i.kind', '=', 'phone')
      .execute();
    expect(stored).toHaveLength(30);
    expect(new Set(stored.map((r) => r.source_id)).size).toBe(30);
  });

  it('reports bad lines by line number and field without echoing them, and stores the rest', async () => {
    const { summary, errors } = await run([
      advert('bad-1', 'fine'),
      '{"id": "broken"',
      advert('bad-2', 'also fine'),
      '{"id": "x", "body": "b", "posted_at": "soon"}',
    ]);
    expect(summary).toMatchObject({ inserted: 2, skipped: 2 });
    expect(errors).toContain('line 2: (line): not valid JSON (skipped)');
    expect(errors).toContain('line 4: posted_at: not an ISO 8601 date (skipped)');
    expect(errors).not.toContain('broken');
  });

  it('reads CSV with a header row', async () => {
    const csv = ['id,posted_at,city,state,title,body', 'csv-1,2026-03-02T10:00:00Z,Tulsa,OK,Hi,"call 539-555-0177, ask for Mia"'];
    const { summary } = await run(csv, 'csv');
    expect(summary.inserted).toBe(1);
    const ids = await t.db
      .selectFrom('advert_identifiers as i')
      .innerJoin('adverts as a', 'a.id', 'i.advert_id')
      .select(['i.kind', 'i.value'])
      .where('a.source_id', '=', 'csv-1')
      .execute();
    expect(ids).toContainEqual({ kind: 'phone', value: '+15395550177' });
  });
});

describe('incremental linking', () => {
  it('adds new adverts to the network they share a number with, and keeps the older id when two networks merge', async () => {
    await run([advert('net-a', 'Call 405-555-0161', 1), advert('net-b', 'Text 405-555-0162', 5)]);
    const a = await networkOf('net-a');
    const b = await networkOf('net-b');
    expect(a).not.toBe(b);
    await run([advert('net-c', 'New number 405-555-0162', 6)]);
    expect(await networkOf('net-c')).toBe(b);
    await run([advert('net-d', 'Either 405-555-0161 or 405-555-0162', 7)]);
    for (const id of ['net-a', 'net-b', 'net-c', 'net-d']) expect(await networkOf(id)).toBe(a);
    const merged = await get(`/api/v1/networks/${b}`, who.analyst!);
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ id: a, requested: b, size: 4 });
  });
});

describe('leads from shared identifiers', () => {
  let caseRef = '';
  it("raises a lead when an advert carries an open case's phone number in disguise", async () => {
    const res = await post('/api/v1/cases', who.sup!, {
      details: {
        identity: { name: 'Synthetic Lorabel Kanemi', aliases: [] },
        identifiers: [{ kind: 'phone', value: '+1 405 555 0134' }],
      },
      state: 'OK',
    });
    expect(res.statusCode, res.body).toBe(201);
    caseRef = res.json<{ reference: string }>().reference;
    const { summary } = await run([advert('lead-1', 'New in town! Text four oh five, 555 - zero one three four', 9)]);
    expect(summary.leads).toBe(1);
    const queue = await get('/api/v1/leads', who.analyst!);
    expect(queue.statusCode).toBe(200);
    const item = queue
      .json<{ items: { id: number; target: object; matched: object; advert: { sourceId: string } }[] }>()
      .items.find((i) => i.advert.sourceId === 'lead-1')!;
    expect(item).toMatchObject({
      target: { kind: 'case', reference: caseRef },
      matched: { kind: 'phone', value: '+14055550134' },
    });
  });

  it('never raises a dismissed identifier and case again', async () => {
    const lead = (await leadRows()).find((l) => l.target_ref === caseRef)!;
    const res = await post(`/api/v1/leads/${lead.id}/decision`, who.analyst!, {
      decision: 'dismiss',
      note: 'A different person uses this number now.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(
      await t.db
        .selectFrom('audit_entries')
        .select('action')
        .where('action', '=', 'lead.dismissed')
        .where('target_id', '=', String(lead.id))
        .execute(),
    ).toHaveLength(1);
    const { summary } = await run([advert('lead-2', 'Call 405.555.0134 tonight', 10)]);
    expect(summary.leads).toBe(0);
    expect((await leadRows()).filter((l) => l.target_ref === caseRef)).toHaveLength(1);
  });

  it('raises a lead for a tip holding the number', async () => {
    const tip = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: {
        incident: { description: 'An advert offers a young teen; the number on it is 918-555-0188.' },
        location: { city: 'Tulsa', state: 'OK' },
      },
    });
    expect(tip.statusCode, tip.body).toBe(201);
    await analysePending(analysisDepsOf({ db: t.db, keyring }));
    const { summary } = await run([advert('lead-3', 'call nine one eight 555 oh one eight eight', 11)]);
    expect(summary.leads).toBe(1);
    expect((await leadRows()).at(-1)).toMatchObject({
      target_kind: 'tip',
      target_ref: tip.json<{ reference: string }>().reference,
      matched_value: '+19185550188',
    });
  });
});

describe('routes', () => {
  it('needs a session (401) and refuses partners (403)', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/leads' })).statusCode).toBe(401);
    for (const url of ['/api/v1/leads', '/api/v1/adverts', '/api/v1/adverts/1', '/api/v1/hubs', '/api/v1/networks/net-x']) {
      expect((await get(url, who.partner!)).statusCode, url).toBe(403);
    }
    expect((await post('/api/v1/leads/1/decision', who.partner!, { decision: 'confirm' })).statusCode).toBe(403);
    expect(
      (await post('/api/v1/lexicon/entries', who.partner!, { code: 'x', kind: 'phrase', match: 'x', category: 'x' })).statusCode,
    ).toBe(403);
  });

  it('finds adverts by a phone typed in any form, and shows one with marks and explained flags (audited)', async () => {
    const found = await get(`/api/v1/adverts?phone=${encodeURIComponent('(405) 555-0134')}`, who.analyst!);
    expect(found.statusCode).toBe(200);
    const ids = found.json<{ items: { id: number; sourceId: string }[] }>().items;
    expect(ids.map((i) => i.sourceId).sort()).toEqual(['lead-1', 'lead-2']);
    const one = await get(`/api/v1/adverts/${ids.find((i) => i.sourceId === 'lead-1')!.id}`, who.analyst!);
    expect(one.statusCode).toBe(200);
    const body = one.json<{
      text: string;
      marks: { kind: string; span: { start: number; end: number } }[];
      flags: { code: string; why: string; evidence: { predictive: boolean } }[];
    }>();
    const phone = body.marks.find((m) => m.kind === 'phone')!;
    expect(body.text.slice(phone.span.start, phone.span.end)).toContain('four oh five');
    expect(body.flags.find((f) => f.code === 'obscured-phone')).toMatchObject({ evidence: { predictive: true } });
    expect(body.flags.find((f) => f.code === 'movement-language')).toMatchObject({ evidence: { predictive: false } });
    // Built-in lexicon entries say "Added by an analyst of this organisation": say where each came from.
    const flags = body.flags as unknown as {
      code: string;
      why: string;
      provenance: { kind: string; sources: { citation: string }[] };
    }[];
    expect(flags.length).toBeGreaterThan(0);
    for (const f of flags) {
      expect(f.why, f.code).not.toContain('Added by an analyst');
      expect(f.provenance.kind, f.code).toBe('built_in');
      expect(f.provenance.sources.length, f.code).toBeGreaterThan(0);
      expect(f.provenance.sources[0]!.citation.length).toBeGreaterThan(10);
    }
    expect(
      (await t.db.selectFrom('audit_entries').select('action').where('action', '=', 'advert.read').execute()).length,
    ).toBeGreaterThan(0);
    expect((await get('/api/v1/adverts?phone=hello', who.analyst!)).statusCode).toBe(400);
  });

  it('lets supervisors, not analysts, edit the hub list; analysts add lexicon entries', async () => {
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/v1/hubs',
          headers: as(who.analyst!),
          payload: { listed: ['tel:+18005550199'], allowed: [] },
        })
      ).statusCode,
    ).toBe(403);
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/v1/hubs',
      headers: as(who.sup!),
      payload: { listed: ['tel:+18005550199'], allowed: [] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<{ items: { key: string; reason: string }[] }>().items).toContainEqual(
      expect.objectContaining({ key: 'tel:+18005550199', reason: 'listed' }),
    );
    const bad = await post('/api/v1/lexicon/entries', who.analyst!, {
      code: 'x-bad',
      kind: 'pattern',
      match: '([',
      category: 'custom',
    });
    expect(bad.statusCode).toBe(400);
    const added = await post('/api/v1/lexicon/entries', who.analyst!, {
      code: 'room-by-hour',
      kind: 'phrase',
      match: 'room by the hour',
      category: 'venue',
    });
    expect(added.statusCode, added.body).toBe(201);
    await run([advert('lex-1', 'Private room by the hour, call 405-555-0190', 12)]);
    const row = await t.db.selectFrom('adverts').select('flags').where('source_id', '=', 'lex-1').executeTakeFirstOrThrow();
    expect((row.flags as { code: string }[]).map((f) => f.code)).toContain('room-by-hour');
  });

  it('Hostile input: an analyst pattern such as (?:a|a)+$ cannot hang leads import', async () => {
    const added = await post('/api/v1/lexicon/entries', who.analyst!, {
      code: 'hostile-a',
      kind: 'pattern',
      match: '(?:a|a)+$',
      category: 'custom',
    });
    expect(added.statusCode, added.body).toBe(201);
    const out = await run([advert('redos-1', `${'a'.repeat(34)}!`, 13), advert('redos-2', 'a'.repeat(35), 13)]);
    expect(out.summary).toMatchObject({ inserted: 2, skipped: 0 });
    const flags = await t.db
      .selectFrom('adverts')
      .select(['source_id', 'flags'])
      .where('source_id', 'in', ['redos-1', 'redos-2'])
      .orderBy('source_id')
      .execute();
    expect(flags.map((r) => (r.flags as { code: string }[]).map((f) => f.code))).toEqual([[], ['hostile-a']]);
  });

  it('Hostile input: a backreference or lookahead is refused with a field error on match', async () => {
    const kept = async () => (await t.db.selectFrom('lexicon_entries').select('id').execute()).length;
    const before = await kept();
    for (const match of ['(a)\\1', 'teen(?=s)']) {
      const res = await post('/api/v1/lexicon/entries', who.analyst!, {
        code: 'x-refused',
        kind: 'pattern',
        match,
        category: 'custom',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { errors: { path: string; message: string }[] } }>().error.errors).toEqual([
        { path: 'match', message: expect.stringMatching(/^uses syntax that is not supported/) },
      ]);
    }
    expect(await kept()).toBe(before);
  });
});
