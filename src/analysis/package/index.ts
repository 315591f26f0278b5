export type { LeadPackage, LeadPlace } from './package.types.ts';
export { HANDLING_NOTICE } from './package.types.ts';
export { renderLeadPackagePdf } from './pdf.ts';
export { leadPackageJson, leadPackageXml, LEAD_PACKAGE_FORMAT, LEAD_PACKAGE_VERSION } from './bundle.ts';
export { toWinAnsi } from './winansi.ts';
