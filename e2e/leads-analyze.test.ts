import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../src/core/random.ts';
import { pairScores } from '../src/leads/index.ts';
import { beacon } from './server.ts';

interface OutLine {
  id: string;
  phones: string[];
  emails: string[];
  indicators: { code: string; evidence: string }[];
  network: string;
}

const VERIFY = '+18005550199';
let dir: string;
const env = { env: { ...process.env, BEACON_DATA_DIR: '/nonexistent-no-database-needed' } };

/** 30 planted networks of 1–8 adverts in one of 20 cities each; every advert also carries a "verify at" line. */
function adverts(): { lines: string[]; group: number[] } {
  const rng = seededRandom(11);
  const lines: string[] = [];
  const group: number[] = [];
  for (let g = 0; g < 30; g++) {
    const phone = `405-555-01${String(g).padStart(2, '0')}`;
    const size = rng.int(1, 8);
    for (let j = 0; j < size; j++) {
      const id = `ad-${lines.length}`;
      const city = `Town ${(g + j) % 20}`;
      const body = `${j % 2 ? 'New in town' : 'Sweet and young'}, call ${phone}. Verify at ${VERIFY}`;
      lines.push(
        JSON.stringify({
          id,
          url: `https://ads.example/${id}`,
          site: 'ads.example',
          posted_at: `2024-04-${String(1 + j).padStart(2, '0')}T12:00:00Z`,
          city,
          state: 'OK',
          title: 'Hello',
          body,
        }),
      );
      group.push(g);
    }
  }
  return { lines, group };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'beacon-leads-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('beacon leads analyze', () => {
  it('writes one line per advert in input order, links through shared numbers but not through the hub, and skips bad lines', async () => {
    const { lines, group } = adverts();
    const withBad = [
      ...lines.slice(0, 3),
      '{"id": "broken"',
      ...lines.slice(3, 5),
      '{"id": "x", "body": "b", "posted_at": "soon"}',
      ...lines.slice(5),
    ];
    const input = path.join(dir, 'ads.jsonl');
    await writeFile(input, `${withBad.join('\n')}\n`);
    const output = path.join(dir, 'out.jsonl');
    const hubsOut = path.join(dir, 'hubs.jsonl');
    const res = beacon(env, [
      'leads',
      'analyze',
      '--input',
      input,
      '--output',
      output,
      '--hubs-out',
      hubsOut,
      '--hub-min-adverts',
      '20',
      '--workers',
      '2',
    ]);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('line 4: (line): not valid JSON (skipped)');
    expect(res.stderr).toContain('line 7: posted_at: not an ISO 8601 date (skipped)');
    expect(res.stderr).toContain('2 line(s) skipped');
    expect(res.stderr).toMatch(/100% read/);
    expect(res.stderr).not.toContain('Sweet');

    const out = (await readFile(output, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as OutLine);
    expect(out.map((o) => o.id)).toEqual(lines.map((l) => (JSON.parse(l) as { id: string }).id));
    expect(out[0]!.phones).toContain(VERIFY);
    expect(
      pairScores(
        out.map((o) => o.network),
        group,
      ).f1,
    ).toBe(1);
    const hubs = (await readFile(hubsOut, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { key: string; reason: string });
    expect(hubs).toEqual([expect.objectContaining({ key: `tel:${VERIFY}`, reason: 'spread', adverts: lines.length })]);
    const codes = new Set(out.flatMap((o) => o.indicators.map((i) => `${i.code}/${i.evidence}`)));
    expect(codes).toEqual(new Set(['youth-language/predictive', 'movement-language/not-predictive']));
  });

  it("keeps network names when run again on the same adverts, and takes an analyst's hub list", async () => {
    const { lines } = adverts();
    const input = path.join(dir, 'again.jsonl');
    await writeFile(input, lines.join('\n'));
    const run = (extra: string[]) => {
      const output = path.join(dir, `again-${extra.length}.jsonl`);
      const res = beacon(env, ['leads', 'analyze', '--input', input, '--output', output, ...extra]);
      expect(res.code).toBe(0);
      return readFile(output, 'utf8').then((t) =>
        t
          .trimEnd()
          .split('\n')
          .map((l) => (JSON.parse(l) as OutLine).network),
      );
    };
    const first = await run([]);
    const hubList = path.join(dir, 'hubs.txt');
    await writeFile(hubList, `# support line\ntel:${VERIFY}\n`);
    expect(await run(['--workers', '1'])).toEqual(first);
    // With 20 adverts as the threshold the hub is found anyway; listing it gives the same networks.
    expect(await run(['--hubs', hubList, '--workers', '1', '--hub-min-adverts', '1000'])).toEqual(first);
    // Without detection and without the list, the verify line joins everything into one network.
    expect(new Set(await run(['--hub-min-adverts', '1000', '--workers', '2', '--hub-min-sites', '50'])).size).toBe(1);
  });

  it('exits 1 only when the input cannot be read', () => {
    const res = beacon(env, [
      'leads',
      'analyze',
      '--input',
      path.join(dir, 'missing.jsonl'),
      '--output',
      path.join(dir, 'x.jsonl'),
    ]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('--input: cannot read');
  });
});
