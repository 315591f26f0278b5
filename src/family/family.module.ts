import type { BeaconModule } from '../core/module.ts';
import { familyMigrations } from './family.migrations.ts';
import { advocacyRoutes } from './advocacy.routes.ts';
import { familyRoutes } from './family.routes.ts';
import { familySealedColumns } from './family.sealed.ts';
import type { AdvocacyDeps } from './advocacy.service.ts';

/** Families and the peer support volunteers matched with them; it reads no case table. */
export const familyModule: BeaconModule<AdvocacyDeps> = {
  name: 'family',
  migrations: familyMigrations,
  sealedColumns: familySealedColumns,
  async routes(app, deps) {
    await app.register(familyRoutes(deps));
    await app.register(advocacyRoutes(deps));
  },
};
