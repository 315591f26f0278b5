import type { BeaconModule } from '../core/module.ts';
import { statsMigrations } from './stats.migrations.ts';
import { statsPublicRoutes, type StatsRouteDeps } from './stats.routes.ts';

/** Released statistics; releasing reads tip counts through a port (see src/cli/stats.ts), publishing reads only releases. */
export const statsModule: BeaconModule<StatsRouteDeps> = {
  name: 'stats',
  migrations: statsMigrations,
  sealedColumns: [],
  async routes(app, deps) {
    await app.register(statsPublicRoutes(deps));
  },
};
