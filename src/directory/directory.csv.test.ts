import { describe, expect, it } from 'vitest';
import { parseProviderCsv, PROVIDER_COLUMNS, toProviderCsv } from './directory.csv.ts';
import { demoProviders } from './directory.demo.ts';
import { isStale, rankProviders } from './directory.service.ts';
import type { Provider } from './directory.types.ts';
import { zipPlace } from './zip-places.ts';

const now = new Date('2026-12-01T12:00:00Z');
const header = PROVIDER_COLUMNS.join(',');
const row = (cells: Partial<Record<(typeof PROVIDER_COLUMNS)[number], string>>) =>
  PROVIDER_COLUMNS.map((c) => cells[c] ?? '').join(',');
const good = {
  provider_code: 'OH-1',
  name: 'Example Youth House',
  zip: '43215',
  languages: 'English; Somali',
  areas: 'county:39049; zip:43085',
  service: 'shelter',
  needs: 'safety_placement',
  min_age: '12',
  max_age: '17',
  genders: 'boys',
};

describe('the provider CSV', () => {
  it('reads the demo directory back as written: every state, D.C. and Puerto Rico', () => {
    const demo = demoProviders({ now });
    const parsed = parseProviderCsv(toProviderCsv(demo), now);
    expect(parsed.kind).toBe('ok');
    if (parsed.kind !== 'ok') return;
    expect(parsed.providers).toEqual(demo);
    expect(new Set(demo.map((p) => zipPlace(p.zip)?.state)).size).toBe(52);
    expect(demo.every((p) => p.name.endsWith('(demo)') && /^\+188855501\d\d$/.test(p.phone ?? ''))).toBe(true);
    expect(demo.filter((p) => p.verifiedOn && isStale(p.verifiedOn, now)).length).toBeGreaterThan(5);
    expect(toProviderCsv(demoProviders({ now }))).toBe(toProviderCsv(demo));
  });

  it('groups rows by provider code: one service a row, genders empty meaning all', () => {
    const csv = [
      header,
      row(good),
      row({ ...good, service: 'legal', needs: 'legal_rights; identity_documents', genders: '' }),
    ].join('\n');
    const parsed = parseProviderCsv(csv, now);
    expect(parsed.kind).toBe('ok');
    if (parsed.kind !== 'ok') return;
    expect(parsed.providers).toHaveLength(1);
    expect(parsed.providers[0]).toMatchObject({
      code: 'OH-1',
      languages: ['English', 'Somali'],
      areas: [
        { kind: 'county', code: '39049', state: 'OH' },
        { kind: 'zip', code: '43085', state: 'OH' },
      ],
      services: [
        { kind: 'shelter', genders: ['boys'], minAge: 12, maxAge: 17 },
        { kind: 'legal', genders: ['girls', 'boys', 'transgender_nonbinary'] },
      ],
    });
  });

  it('names every problem by row and field, and yields nothing', () => {
    const csv = [
      header,
      row(good),
      row({ ...good, provider_code: 'OH-2', zip: '00000', genders: 'men', areas: 'county:99999' }),
      row({ ...good, name: 'Another name', min_age: '18' }),
    ].join('\n');
    const parsed = parseProviderCsv(csv, now);
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind !== 'invalid') return;
    const where = parsed.problems.map((p) => `${p.row}:${p.field}`);
    expect(where).toEqual(expect.arrayContaining(['3:zip', '3:genders', '3:areas', '4:max_age']));
    expect(parsed.problems.find((p) => p.row === 3 && p.field === 'zip')?.message).toMatch(/ZIP/);
  });

  it('refuses unknown and missing columns, and a verification in the future', () => {
    const bad = parseProviderCsv('provider_code,name,colour\nA,B,red\n', now);
    expect(bad.kind === 'invalid' && bad.problems.map((p) => p.field)).toEqual(
      expect.arrayContaining(['colour', 'zip', 'areas']),
    );
    const future = parseProviderCsv([header, row({ ...good, verified_on: '2027-01-01' })].join('\n'), now);
    expect(future).toEqual({
      kind: 'invalid',
      problems: [{ row: 2, field: 'verified_on', message: 'must not be in the future' }],
    });
  });
});

describe('ranking and staleness', () => {
  const provider = (name: string, zip: string, verifiedAt: Date): Provider => ({
    id: name,
    code: name,
    name,
    zip,
    lat: zipPlace(zip)!.lat,
    lon: zipPlace(zip)!.lon,
    languages: ['English'],
    services: [],
    areas: [],
    verifiedAt,
    updatedAt: verifiedAt,
  });

  it('puts the nearest first and flags entries not verified for a year', () => {
    const tulsa = zipPlace('74103')!;
    const found = rankProviders(
      [
        provider('Far', '73102', now),
        provider('Near', '74104', new Date('2025-11-01T00:00:00Z')),
        provider('Here', '74103', new Date('2025-12-05T00:00:00Z')),
      ],
      tulsa,
      now,
    );
    expect(found.map((f) => [f.provider.name, f.stale])).toEqual([
      ['Here', false],
      ['Near', true],
      ['Far', false],
    ]);
    expect(found[0]?.distanceMiles).toBe(0);
    expect(found[2]?.distanceMiles).toBeGreaterThan(90);
  });
});
