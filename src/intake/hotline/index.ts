export { hotlineRoutes } from './hotline.routes.ts';
export { hotlineMigrations } from './hotline.migrations.ts';
