/**
 * What other code may use of the resource directory. Recovery (and later family) will reach its search
 * through a port wired in src/modules.ts; export `searchProviders` and its types here when that port lands.
 */
export { demoProviders } from './directory.demo.ts';
export { toProviderCsv, type ProviderCsvProblem } from './directory.csv.ts';
export { directoryModule } from './directory.module.ts';
export { importProviders, type ProviderImportOutcome } from './directory.service.ts';
export type { DirectoryTables } from './directory.tables.ts';
export { providerById } from './directory.repo.ts';
