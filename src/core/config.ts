import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import type { Deployment } from './deployment.ts';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A proxy address or range: `10.0.0.5`, `10.0.0.0/8`, `::1`, `fd00::/8`. */
function isAddressOrRange(text: string): boolean {
  const [address = '', bits, extra] = text.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/**
 * Which `X-Forwarded-For` hops to believe. `true` means the one proxy in front (1 hop), never
 * "every hop": the leftmost entries are whatever the client wrote, and limits keyed on them reset.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): false | number | string[] => {
    if (['false', '0', 'no', ''].includes(v)) return false;
    if (['true', 'yes'].includes(v)) return 1;
    if (/^\d{1,2}$/.test(v)) return Number(v);
    const list = v
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '');
    if (list.length > 0 && list.every(isAddressOrRange)) return list;
    ctx.addIssue({
      code: 'custom',
      message: 'must be true (one proxy), false, a number of proxy hops, or a comma list of proxy addresses or CIDR ranges',
    });
    return z.NEVER;
  });
/** A fictional number (555-01xx is reserved for fiction): a fresh install never presents a real hotline as its own. */
const EXAMPLE_HOTLINE = { display: '555-0199 (example)', tel: '+15550100199' } as const;

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().min(1).default('127.0.0.1'),
    BEACON_DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z.string().url().optional(),
    DATABASE_REPLICA_URL: z.string().url().optional(),
    BEACON_KEY_FILE: z.string().min(1).optional(),
    BEACON_PUBLIC_URL: z.string().url().optional(),
    BEACON_TRUST_PROXY: trustProxy.default(false),
    BEACON_ADMIN_PASSKEY_REQUIRED: bool.default(false),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    BEACON_REPORT_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
    BEACON_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
    BEACON_ORG_NAME: z.string().min(1).default('Beacon Child Safety Clearinghouse'),
    BEACON_HOTLINE: z.string().min(1).default(EXAMPLE_HOTLINE.display),
    BEACON_HOTLINE_TEL: z
      .string()
      .regex(/^\+?[0-9]+$/)
      .default(EXAMPLE_HOTLINE.tel),
    BEACON_EMERGENCY_NUMBER: z.string().min(1).default('911'),
    BEACON_TIPLINE_NAME: z.string().min(1).default('CyberTipline'),
    BEACON_TIPLINE_URL: z.string().url().default('https://report.cybertip.org/'),
    BEACON_TIME_ZONE: z.string().min(1).default('America/New_York'),
    BEACON_GOVERNMENT_BANNER: bool.default(false),
    BEACON_CASE_RETENTION_YEARS: z.coerce.number().int().min(1).max(200).default(25),
    BEACON_MAX_FILE_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(2 * 1024 * 1024 * 1024)
      .default(20 * 1024 * 1024),
    BEACON_FILES_HASH_ONLY: bool.default(false),
    BEACON_ESP_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
    BEACON_ESP_MAX_FILES: z.coerce.number().int().min(1).max(10_000).default(100),
    BEACON_FILE_STORE: z.enum(['disk', 's3']).default('disk'),
    BEACON_S3_ENDPOINT: z.string().url().optional(),
    BEACON_S3_BUCKET: z.string().min(3).max(63).optional(),
    BEACON_S3_REGION: z.string().min(1).default('us-east-1'),
    BEACON_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    BEACON_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    BEACON_SMTP_HOST: z.string().min(1).optional(),
    BEACON_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    BEACON_SMTP_SECURE: bool.default(false),
    BEACON_SMTP_USER: z.string().min(1).optional(),
    BEACON_SMTP_PASSWORD: z.string().min(1).optional(),
    BEACON_MAIL_FROM: z.string().min(3).default('Beacon training <no-reply@localhost>'),
  })
  .superRefine((e, ctx) => {
    if (e.BEACON_FILE_STORE !== 's3') return;
    if (e.BEACON_S3_BUCKET === undefined)
      ctx.addIssue({ code: 'custom', path: ['BEACON_S3_BUCKET'], message: 'is required when BEACON_FILE_STORE=s3' });
    // One without the other is a typo, not a wish to use the SDK's own credential chain.
    if ((e.BEACON_S3_ACCESS_KEY_ID === undefined) !== (e.BEACON_S3_SECRET_ACCESS_KEY === undefined)) {
      const missing = e.BEACON_S3_ACCESS_KEY_ID === undefined ? 'BEACON_S3_ACCESS_KEY_ID' : 'BEACON_S3_SECRET_ACCESS_KEY';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'is required when the other S3 key variable is set' });
    }
  });

/** ESP API and uploaded files. */
export interface EspSettings {
  /** Largest file accepted, in bytes (413 above it). */
  maxFileBytes: number;
  /** Keep only hashes and metadata of uploaded files; the bytes are discarded. */
  hashOnly: boolean;
  /** Requests per minute per API token. */
  ratePerMinute: number;
  maxFilesPerReport: number;
}

/** Where uploaded files' ciphertext lives. Without keys, S3 uses the SDK's own chain (AWS_* variables, profiles). */
export type FileStoreSettings =
  | { kind: 'disk' }
  | {
      kind: 's3';
      endpoint: string | undefined;
      bucket: string;
      region: string;
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
    };

/** Outgoing email (training sessions): SMTP when a host is set, else .eml files in `outboxDir`. */
export interface MailSettings {
  smtp: { host: string; port: number; secure: boolean; user: string | undefined; password: string | undefined } | undefined;
  from: string;
  outboxDir: string;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** A streaming standby for dashboard reads; unset: everything reads the primary. */
  databaseReplicaUrl: string | undefined;
  keyFile: string;
  publicUrl: string;
  /** Fastify's `trustProxy`: false, a number of hops, or the proxies' addresses and ranges. */
  trustProxy: false | number | string[];
  /** Admins must finish signing in with a passkey (and enrol one first); TOTP alone is not enough. */
  adminPasskeyRequired: boolean;
  logLevel: string;
  rateLimits: { reportPerMinute: number; loginPerMinute: number };
  deployment: Deployment;
  /** Closed cases are purged this many years after closing (`beacon cases retention`). */
  caseRetentionYears: number;
  esp: EspSettings;
  fileStore: FileStoreSettings;
  mail: MailSettings;
}

export class ConfigError extends Error {}

/**
 * What a deployment should set before the public sees it; logged at startup (a `doctor` command
 * will list them too). No values in the text: only the names of the settings.
 */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (config.deployment.hotlineDisplay === EXAMPLE_HOTLINE.display || config.deployment.hotlineTel === EXAMPLE_HOTLINE.tel) {
    warnings.push(
      'BEACON_HOTLINE and BEACON_HOTLINE_TEL are not set: the public pages show a fictional example number. Set your hotline before going live.',
    );
  }
  return warnings;
}

/** Reads configuration from the environment; fails with the variable name and the problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.BEACON_DATA_DIR);
  const publicUrl = (e.BEACON_PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/$/, '');
  // WebAuthn refuses an IP address as relying party: required passkeys would lock every admin out.
  if (e.BEACON_ADMIN_PASSKEY_REQUIRED && isIpHost(new URL(publicUrl).hostname)) {
    throw new ConfigError(
      'Invalid configuration: BEACON_ADMIN_PASSKEY_REQUIRED: needs BEACON_PUBLIC_URL with a host name, not an IP address',
    );
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    databaseReplicaUrl: e.DATABASE_REPLICA_URL,
    keyFile: path.resolve(e.BEACON_KEY_FILE ?? path.join(dataDir, 'beacon.key')),
    publicUrl,
    trustProxy: e.BEACON_TRUST_PROXY,
    adminPasskeyRequired: e.BEACON_ADMIN_PASSKEY_REQUIRED,
    logLevel: e.LOG_LEVEL,
    rateLimits: {
      reportPerMinute: e.BEACON_REPORT_RATE_LIMIT,
      loginPerMinute: e.BEACON_LOGIN_RATE_LIMIT,
    },
    deployment: {
      orgName: e.BEACON_ORG_NAME,
      hotlineDisplay: e.BEACON_HOTLINE,
      hotlineTel: e.BEACON_HOTLINE_TEL,
      emergencyNumber: e.BEACON_EMERGENCY_NUMBER,
      tiplineName: e.BEACON_TIPLINE_NAME,
      tiplineUrl: e.BEACON_TIPLINE_URL,
      timeZone: e.BEACON_TIME_ZONE,
      governmentBanner: e.BEACON_GOVERNMENT_BANNER,
    },
    caseRetentionYears: e.BEACON_CASE_RETENTION_YEARS,
    esp: {
      maxFileBytes: e.BEACON_MAX_FILE_BYTES,
      hashOnly: e.BEACON_FILES_HASH_ONLY,
      ratePerMinute: e.BEACON_ESP_RATE_LIMIT,
      maxFilesPerReport: e.BEACON_ESP_MAX_FILES,
    },
    fileStore: fileStoreOf(e),
    mail: {
      smtp:
        e.BEACON_SMTP_HOST === undefined
          ? undefined
          : {
              host: e.BEACON_SMTP_HOST,
              port: e.BEACON_SMTP_PORT,
              secure: e.BEACON_SMTP_SECURE,
              user: e.BEACON_SMTP_USER,
              password: e.BEACON_SMTP_PASSWORD,
            },
      from: e.BEACON_MAIL_FROM,
      outboxDir: path.join(dataDir, 'outbox'),
    },
  };
}

/** `127.0.0.1`, `[::1]`: hosts a browser will not accept as a WebAuthn relying party ID. */
export function isIpHost(hostname: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith('[');
}

function fileStoreOf(e: z.output<typeof envSchema>): FileStoreSettings {
  if (e.BEACON_FILE_STORE === 'disk' || e.BEACON_S3_BUCKET === undefined) return { kind: 'disk' };
  const credentials =
    e.BEACON_S3_ACCESS_KEY_ID !== undefined && e.BEACON_S3_SECRET_ACCESS_KEY !== undefined
      ? { accessKeyId: e.BEACON_S3_ACCESS_KEY_ID, secretAccessKey: e.BEACON_S3_SECRET_ACCESS_KEY }
      : undefined;
  return { kind: 's3', endpoint: e.BEACON_S3_ENDPOINT, bucket: e.BEACON_S3_BUCKET, region: e.BEACON_S3_REGION, credentials };
}
