export { agenciesMigrations } from './agencies.migrations.ts';
export { agenciesRoutes } from './agencies.routes.ts';
export { type Agency, type ProposedAgency } from './agencies.types.ts';
export { toAgencyCsv, type CsvProblem } from './agencies.csv.ts';
export { demoAgencies } from './agencies.demo.ts';
export { addAgencyMember, importAgencies, listAgencies, proposeAgenciesFor, type ImportOutcome } from './agencies.service.ts';
export { agencyIdsOfStaff } from './agencies.repo.ts';
