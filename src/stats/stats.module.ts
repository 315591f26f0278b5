import type { BeaconModule } from '../core/module.ts';
import { statsMigrations } from './stats.migrations.ts';
import { refreshRollups } from './dashboards/rollup.ts';
import { statsPublicRoutes, statsStaffRoutes, type StatsRouteDeps } from './stats.routes.ts';

/** Released statistics; releasing reads tip counts through a port (see src/cli/stats.ts), publishing reads only releases. */
export const statsModule: BeaconModule<StatsRouteDeps> = {
  name: 'stats',
  migrations: statsMigrations,
  sealedColumns: [],
  async routes(app, deps) {
    await app.register(statsPublicRoutes(deps));
    await app.register(statsStaffRoutes(deps));
  },
  jobs: (deps) => [{ name: 'statistics rollup', everyMs: 5 * 60_000, run: () => refreshRollups(deps.db, deps.rollupSources) }],
};
