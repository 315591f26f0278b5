export { reviewModule } from './review.module.ts';
export type { ReviewTables } from './review.tables.ts';
export { publishedBody, reviewRequired } from './review.service.ts';
export { LANGUAGE_LIST_KEY } from './review.kinds.ts';
export { demoReview } from './review.demo.ts';
