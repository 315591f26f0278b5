import { afterAll, describe, expect, it } from 'vitest';
import { startServer, superuser, type RunningServer } from './server.ts';

let server: RunningServer | undefined;
afterAll(async () => server?.stop());

async function submit(url: string, i: number): Promise<string> {
  const res = await fetch(`${url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `durability-${i}-${Date.now()}` },
    body: JSON.stringify({
      incident: { description: `Durability check tip number ${i}: a child seen at a truck stop late at night.` },
      location: { state: 'NV' },
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { reference: string }).reference;
}

describe('an acknowledged tip survives SIGKILL', () => {
  it('keeps every tip answered with 201 when server and database are killed right after', async () => {
    server = await startServer();
    const acknowledged: string[] = [];
    for (let round = 0; round < 3; round++) {
      const batch = await Promise.all(Array.from({ length: 5 }, (_, i) => submit(server!.url, round * 10 + i)));
      acknowledged.push(...batch);
      // The kill lands the moment the last 201 is read: no graceful shutdown, no checkpoint.
      await server.crash();
      server = await startServer({ dataDir: server.dataDir });
    }
    const db = await superuser(server.dataDir);
    try {
      const { rows } = await db.query<{ reference: string }>('select reference from reports');
      expect(rows.map((r) => r.reference).sort()).toEqual([...acknowledged].sort());
      const audit = await db.query<{ n: number }>(`select count(*)::int as n from audit_entries where action = 'report.submit'`);
      expect(audit.rows[0]?.n).toBe(acknowledged.length);
    } finally {
      await db.end();
    }
  });

  it('takes over a PostgreSQL left running when only the server process was killed', async () => {
    const before = await submit(server!.url, 100);
    await server!.killServerOnly();
    server = await startServer({ dataDir: server!.dataDir });
    const db = await superuser(server.dataDir);
    try {
      const { rows } = await db.query('select 1 from reports where reference = $1', [before]);
      expect(rows).toHaveLength(1);
    } finally {
      await db.end();
    }
    expect(server.output.join('')).toContain('left running by an earlier Beacon process');
  });
});
