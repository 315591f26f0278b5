import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Paths that may carry personal data. Request and response bodies are never logged at all;
 * these catch anything a caller attaches to a log line by mistake.
 */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'body',
  'report',
  'password',
  'email',
  'name',
  'narrative',
  'description',
  'token',
  '*.body',
  '*.password',
  '*.email',
  '*.name',
  '*.description',
  '*.token',
];

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'beacon' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
