import { z } from 'zod';

export interface EspSettings {
  /** Largest file accepted, in bytes (413 above it). */
  maxFileBytes: number;
  /** Keep only hashes and metadata of uploaded files; the bytes are discarded. */
  hashOnly: boolean;
  /** Requests per minute per API token. */
  ratePerMinute: number;
  maxFilesPerReport: number;
}

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  BEACON_MAX_FILE_BYTES: z.coerce.number().int().min(1024).max(2 * 1024 * 1024 * 1024).default(20 * 1024 * 1024),
  BEACON_FILES_HASH_ONLY: bool.default(false),
  BEACON_ESP_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  BEACON_ESP_MAX_FILES: z.coerce.number().int().min(1).max(10_000).default(100),
});

/** ESP settings from the environment; a bad value stops the server with the variable's name. */
export function loadEspSettings(env: NodeJS.ProcessEnv = process.env): EspSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  return { maxFileBytes: e.BEACON_MAX_FILE_BYTES, hashOnly: e.BEACON_FILES_HASH_ONLY, ratePerMinute: e.BEACON_ESP_RATE_LIMIT, maxFilesPerReport: e.BEACON_ESP_MAX_FILES };
}
