import type { BeaconModule } from '../core/module.ts';
import type { AppDeps } from '../http/index.ts';
import { casesMigrations } from './cases.migrations.ts';
import { casesRoutes } from './cases.routes.ts';
import { casesSealedColumns } from './cases.sealed.ts';

export const casesModule: BeaconModule<AppDeps> = {
  name: 'cases',
  migrations: casesMigrations,
  sealedColumns: casesSealedColumns,
  async routes(app, deps) {
    await app.register(casesRoutes(deps));
  },
};
