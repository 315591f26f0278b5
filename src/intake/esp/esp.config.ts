import { loadConfig, type EspSettings } from '../../core/config.ts';

export type { EspSettings };

/** ESP settings alone, validated with the rest of the configuration (src/core/config.ts). */
export function loadEspSettings(env: NodeJS.ProcessEnv = process.env): EspSettings {
  return loadConfig(env).esp;
}
