import type { BeaconModule } from '../core/module.ts';
import type { AppDeps } from '../http/index.ts';
import { espMigrations } from './esp/esp.migrations.ts';
import { espDepsOf, espRoutes } from './esp/esp.routes.ts';
import { sweepStaleEspReports } from './esp/esp.service.ts';
import { filesRoutes } from './files/files.routes.ts';
import { hotlineMigrations, hotlineRoutes } from './hotline/index.ts';
import { intakeMigrations } from './intake.migrations.ts';
import { intakeApiRoutes, intakePublicRoutes, type PublicTextPort } from './intake.routes.ts';
import { intakeSealedColumns } from './intake.sealed.ts';

/** Tips in: the public form, the API, the hotline, ESP uploads and their files. */
export const intakeModule: BeaconModule<AppDeps & { publicText?: PublicTextPort }> = {
  name: 'intake',
  migrations: { ...intakeMigrations, ...espMigrations, ...hotlineMigrations },
  sealedColumns: intakeSealedColumns,
  async routes(app, deps) {
    await app.register(intakeApiRoutes(deps));
    await app.register(intakePublicRoutes(deps));
    await app.register(espRoutes(deps));
    await app.register(hotlineRoutes(deps));
    await app.register(filesRoutes(deps));
  },
  jobs(deps) {
    const esp = espDepsOf(deps);
    // ESP reports left unfinished for 24 hours are retracted; checked every five minutes.
    return [{ name: 'ESP sweep', everyMs: 5 * 60 * 1000, run: () => sweepStaleEspReports(esp, new Date()) }];
  },
};
