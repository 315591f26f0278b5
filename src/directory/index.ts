export { demoProviders } from './directory.demo.ts';
export { parseProviderCsv, toProviderCsv, type ProviderCsvProblem } from './directory.csv.ts';
export { directoryModule } from './directory.module.ts';
export {
  getProvider,
  importProviders,
  isStale,
  searchProviders,
  verifyProvider,
  type DirectoryDeps,
  type ProviderImportOutcome,
  type SearchOutcome,
} from './directory.service.ts';
export type { DirectoryTables } from './directory.tables.ts';
export type { FoundProvider, Provider, ProviderEntry, ProviderSearch } from './directory.types.ts';
export { distanceMiles, zipPlace, type ZipPlace } from './zip-places.ts';
