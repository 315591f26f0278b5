import type { FastifyInstance } from 'fastify';
import type { Migration } from 'kysely';

/** Where a sealed value is stored and the context (AAD) it is sealed under; all key rotation needs. */
export interface SealedPlace {
  readonly table: string;
  readonly idColumn: string;
  readonly column: string;
  /** Bound into every ciphertext of the column (decision 4); changing it would make stored values unreadable. */
  readonly context: string;
}

/** What a queued job is given: ids and flags only, never a person's data (the queue is not encrypted). */
export type JobPayload = Readonly<Record<string, string | number | boolean | null>>;

/**
 * Background work of a module, kept in the PostgreSQL job queue (src/core/jobs.ts): it survives a
 * restart, is retried with backoff, and runs on one server at a time. With `everyMs` it also runs
 * on a schedule (rounded to whole minutes); without, only when enqueued (`enqueue(trx, name, …)`).
 * A run may be repeated after a crash, so it must be idempotent.
 */
export interface BackgroundJob {
  /** Its queue's name (spaces become dashes) and the word in its log lines, e.g. "tip analysis". */
  name: string;
  everyMs?: number;
  run(payload: JobPayload): Promise<unknown>;
  /**
   * Runs in every server's own timer instead of the queue, for work due more often than once a
   * minute that guards itself against a second server (the audit sealer's advisory lock).
   */
  local?: boolean;
  /** Finishes what is pending once the server has stopped taking requests (local jobs). */
  drain?(): Promise<unknown>;
}

/**
 * What a module brings to the server: its tables (through its migrations), its encrypted columns
 * (for key rotation), its routes and its background jobs. `Deps` is what its routes and jobs
 * need; src/modules.ts lists every module and is the only place one is registered.
 */
export interface BeaconModule<Deps> {
  name: string;
  /** Names start with a UTC timestamp, so all modules' migrations sort in the order written. */
  migrations: Readonly<Record<string, Migration>>;
  sealedColumns: readonly SealedPlace[];
  routes?(app: FastifyInstance, deps: Deps): Promise<void>;
  /** Called once at start-up: deps derived here are shared by every run. */
  jobs?(deps: Deps): BackgroundJob[];
}

/**
 * The same module given other deps: the composition root hands a module what it asks for, derived
 * from the server's deps (e.g. ports onto other modules it may not import itself).
 */
export function withDeps<From, To>(module: BeaconModule<To>, derive: (deps: From) => To): BeaconModule<From> {
  const { routes, jobs, ...rest } = module;
  return {
    ...rest,
    ...(routes && { routes: (app: FastifyInstance, deps: From) => routes.call(module, app, derive(deps)) }),
    ...(jobs && { jobs: (deps: From) => jobs.call(module, derive(deps)) }),
  };
}

/** Every module's migrations in one list; two modules may not use the same migration name. */
export function migrationsOf(modules: readonly BeaconModule<never>[]): Record<string, Migration> {
  const all: Record<string, Migration> = {};
  for (const module of modules) {
    for (const [name, migration] of Object.entries(module.migrations)) {
      if (name in all) throw new Error(`migration ${name} is declared twice (module ${module.name})`);
      all[name] = migration;
    }
  }
  return all;
}

export function sealedColumnsOf(modules: readonly BeaconModule<never>[]): SealedPlace[] {
  return modules.flatMap((m) => m.sealedColumns);
}
