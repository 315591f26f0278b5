import type { BeaconModule } from '../core/module.ts';
import type { Db } from '../database.ts';
import { statsMigrations } from './stats.migrations.ts';
import { statsPublicRoutes } from './stats.routes.ts';

/** Released statistics; releasing reads tip counts through a port (see src/cli/stats.ts), publishing reads only releases. */
export const statsModule: BeaconModule<{ db: Db }> = {
  name: 'stats',
  migrations: statsMigrations,
  sealedColumns: [],
  async routes(app, deps) {
    await app.register(statsPublicRoutes(deps));
  },
};
