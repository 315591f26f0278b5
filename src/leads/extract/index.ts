export { extractIdentifiers } from './extract.ts';
export type { Extraction, ObfuscationStyle, TextSpan } from './types.ts';
export { personaNames } from './personas.ts';
