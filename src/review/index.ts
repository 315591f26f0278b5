export { reviewModule } from './review.module.ts';
export type { ReviewTables } from './review.tables.ts';
export { reviewRequired, type ReviewDeps } from './review.service.ts';
export { demoReview } from './review.demo.ts';
