export { agenciesMigrations } from './agencies.migrations.ts';
export { agenciesRoutes } from './agencies.routes.ts';
export { AGENCY_KINDS, AREA_KINDS, type Agency, type AgencyArea, type AgencyDetails, type AgencyKind, type AreaKind, type Place, type ProposedAgency } from './agencies.types.ts';
export { CSV_COLUMNS, parseAgencyCsv, toAgencyCsv, type CsvProblem, type DirectoryEntry } from './agencies.csv.ts';
export { demoAgencies, DEMO_STATES } from './agencies.demo.ts';
export { addAgencyMember, importAgencies, listAgencies, planImport, proposeAgenciesFor, type AgenciesDeps, type ImportOutcome, type ImportPlan, type MemberOutcome } from './agencies.service.ts';
export { proposeAgencies, coverageReason, matchKey } from './jurisdiction.ts';
export { agencyIdsOfStaff, agenciesByCode } from './agencies.repo.ts';
