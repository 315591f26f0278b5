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

/** Work the server repeats while it runs; a run still going when the next is due makes that one skip. */
export interface BackgroundJob {
  /** Shown in the log line when a run fails, e.g. "tip analysis failed". */
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
  /** Finishes what is pending once the server has stopped taking requests. */
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
