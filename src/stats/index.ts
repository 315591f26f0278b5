export { TOTAL, makeFrame, type Frame, type Key, type Table } from './disclosure/frame.js';
export { auditRelease, defaultRules, groupRare, protect, rulesProblems, type DisclosureRules, type Exposure, type Release } from './disclosure/suppress.js';
