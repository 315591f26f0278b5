import type { BeaconModule } from '../core/module.ts';
import type { AppDeps } from '../http/index.ts';
import { casesMigrations } from './cases.migrations.ts';
import { warmCasePhotoIndex } from './cases.photo-hashes.ts';
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
    // The photos' near-match index is built at start, from the sealed hashes, not at the first upload.
    warmCasePhotoIndex(deps.db, deps.keyring).catch((err: unknown) =>
      app.log.warn({ err: err instanceof Error ? err.name : 'error' }, 'case photo index not built at start'),
    );
  },
};
