import type { BeaconModule } from '../core/module.ts';
import { trainingStaffRoutes } from './completions.routes.ts';
import { trainingMigrations } from './training.migrations.ts';
import { trainingPublicRoutes, type TrainingDeps } from './training.routes.ts';

/** Courses, cases and quizzes for the professionals who meet children at risk (issue 15). */
export const trainingModule: BeaconModule<TrainingDeps> = {
  name: 'training',
  migrations: trainingMigrations,
  sealedColumns: [],
  async routes(app, deps) {
    await app.register(trainingPublicRoutes(deps));
    await app.register(trainingStaffRoutes(deps));
  },
};
