export { advertSchema, givenImageHashes, parseAdvertLine, type Advert, type ParsedLine } from './advert.ts';
export { analyzeAdvert, type AdvertFindings, type AnalyzedAdvert, type Extract, type ExtractionLike } from './analyze.ts';
export { analyzeBatch } from './batch.ts';
export { analyzeFile, UnreadableInput, type AnalyzeOptions, type AnalyzeSummary } from './run.ts';
