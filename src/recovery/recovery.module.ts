import type { BeaconModule } from '../core/module.ts';
import type { RecoveryDeps } from './plans.service.ts';
import { recoveryMigrations } from './recovery.migrations.ts';
import { recoveryRoutes } from './recovery.routes.ts';
import { recoverySealedColumns } from './recovery.sealed.ts';

/** Victim assistance plans for recovered children; it reaches cases only through the port it is given. */
export const recoveryModule: BeaconModule<RecoveryDeps & { organisation: string }> = {
  name: 'recovery',
  migrations: recoveryMigrations,
  sealedColumns: recoverySealedColumns,
  async routes(app, deps) {
    await app.register(recoveryRoutes(deps));
  },
};
