import type { BeaconModule } from '../core/module.ts';
import type { AppDeps } from '../http/index.ts';
import { casesMigrations } from './cases.migrations.ts';
import { casesRoutes } from './cases.routes.ts';
import { casesSealedColumns } from './cases.sealed.ts';
import type { LanguageListPort, PlanTasksPort } from './cases.service.ts';

/** Cases of missing children; what it asks of later modules (plan actions for the dashboard, the reviewed language list) is passed in. */
export const casesModule: BeaconModule<AppDeps & { planTasks?: PlanTasksPort; languageList?: LanguageListPort }> = {
  name: 'cases',
  migrations: casesMigrations,
  sealedColumns: casesSealedColumns,
  async routes(app, deps) {
    await app.register(casesRoutes(deps));
  },
};
