export { extractIdentifiers } from './extract.ts';
export type {
  Extraction, ExtractOptions, FoundAge, FoundEmail, FoundHandle, FoundPhone, FoundPlace, FoundUrl,
  ObfuscationStyle, TextSpan,
} from './types.ts';
