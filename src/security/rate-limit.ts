import { createHash } from 'node:crypto';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql, type Kysely, type Migration } from 'kysely';
import type { Db } from '../database.ts';

export const rateLimitMigrations: Record<string, Migration> = {
  '2026-12-07T0401_jobs_rate_limits': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // Counted in the database so that several servers behind a load balancer share one limit.
      // The key is a hash of the route and the caller's address: no address is stored.
      await db.schema
        .createTable('rate_limit_hits')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('window_start', 'timestamptz', (c) => c.notNull())
        .addColumn('hits', 'integer', (c) => c.notNull())
        .execute();
    },
  },
};

type Routed = { max?: unknown; routeInfo?: { method?: string | string[]; url?: string } };

/**
 * The rate-limit plugin's store, kept in PostgreSQL: a fixed window per limiter and caller. A
 * limiter is its route, or for one made in code its place in the order the server makes them
 * (the same in every server), and its limit: a changed limit starts afresh.
 */
export function sharedRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  let unrouted = 0;
  return class SharedRateLimitStore implements FastifyRateLimitStore {
    readonly #scope: string;

    constructor(params: object) {
      // What the plugin passes: its merged options, with the route they apply to (none for one made in code).
      const options = params as Routed;
      const route = options.routeInfo?.url
        ? `${String(options.routeInfo.method)} ${options.routeInfo.url}`
        : `limiter ${unrouted++}`;
      this.#scope = `${route} max ${typeof options.max === 'number' ? options.max : 'computed'}`;
    }

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const hashed = createHash('sha256').update(`${this.#scope}\n${key}`).digest('hex');
      countHit(db, hashed, timeWindow).then(
        (result) => callback(null, result),
        (err: unknown) => callback(err as Error),
      );
    }

    child(routeOptions: object): FastifyRateLimitStore {
      return new SharedRateLimitStore(routeOptions);
    }
  };
}

async function countHit(db: Db, key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
  const window = sql`(${windowMs}::int * interval '1 millisecond')`;
  const { rows } = await sql<{ current: number; ttl: number }>`
    insert into rate_limit_hits as h (key, window_start, hits) values (${key}, now(), 1)
    on conflict (key) do update set
      hits = case when h.window_start + ${window} <= now() then 1 else h.hits + 1 end,
      window_start = case when h.window_start + ${window} <= now() then now() else h.window_start end
    returning hits as current,
      greatest(0, ceil(extract(epoch from (window_start + ${window} - now())) * 1000))::int as ttl`.execute(db);
  return rows[0]!;
}

/** Forgets windows long over; run by the job queue. */
export async function expireRateLimits(db: Db): Promise<void> {
  await sql`delete from rate_limit_hits where window_start < now() - interval '1 day'`.execute(db);
}
