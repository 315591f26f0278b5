import type { BeaconModule } from '../core/module.ts';
import { reviewMigrations } from './review.migrations.ts';
import { reviewRoutes } from './review.routes.ts';
import type { ReviewDeps } from './review.service.ts';

/** Survivor expert review of materials; it reaches other modules' material only through the ports it is given. */
export const reviewModule: BeaconModule<ReviewDeps> = {
  name: 'review',
  migrations: reviewMigrations,
  sealedColumns: [],
  async routes(app, deps) {
    await app.register(reviewRoutes(deps));
  },
};
