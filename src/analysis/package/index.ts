export type { LeadPackage } from './package.types.ts';
export { HANDLING_NOTICE } from './package.types.ts';
export { renderLeadPackagePdf } from './pdf.ts';
export { leadPackageJson, leadPackageXml } from './bundle.ts';
