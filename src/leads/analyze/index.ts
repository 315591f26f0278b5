export { advertSchema, givenImageHashes, parseAdvertLine, type Advert } from './advert.ts';
export { type ExtractionLike } from './analyze.ts';
export { analyzeBatch } from './batch.ts';
export { analyzeFile, UnreadableInput, type AnalyzeSummary } from './run.ts';
