export { toCybertiplineXml, cybertiplineIncidentType } from './cybertipline-xml.ts';
export { toJson } from './json.ts';
export { toCsv, neutraliseFormula } from './csv.ts';
export { EXPORT_FORMATS, type ExportFormat, type ExportedReport } from './export.types.ts';
export { sinceDate, sinceSchema } from './since.ts';
