import type { BeaconModule } from '../core/module.ts';
import { leadsMigrations, leadsRoutes, leadsSealedColumns, type LeadsDeps } from './store/index.ts';

/** Its deps hold ports onto cases and analysis, which src/modules.ts wires (see `withDeps`). */
export const leadsModule: BeaconModule<LeadsDeps> = {
  name: 'leads',
  migrations: leadsMigrations,
  sealedColumns: leadsSealedColumns,
  async routes(app, deps) {
    await app.register(leadsRoutes(deps));
  },
};
