import type { BeaconModule } from '../core/module.ts';
import type { Db } from '../database.ts';
import { directoryMigrations } from './directory.migrations.ts';
import { directoryRoutes } from './directory.routes.ts';

/**
 * The resource directory: providers of services for victims, searched by need, place and language.
 * It imports no other module; recovery and family reach it through ports built from its index.
 */
export const directoryModule: BeaconModule<{ db: Db }> = {
  name: 'directory',
  migrations: directoryMigrations,
  sealedColumns: [],
  async routes(app, deps) {
    await app.register(directoryRoutes(deps));
  },
};
