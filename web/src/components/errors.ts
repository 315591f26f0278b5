import { ApiError } from '../api/client';

/**
 * A sentence for the person at the screen, from an API error. `known` maps error codes to
 * messages written for the context; other errors get a generic but honest sentence.
 */
export function errorText(error: unknown, known: Readonly<Record<string, string>> = {}): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  const message = known[error.code];
  if (message !== undefined) return message;
  if (error.status === 0) {
    return 'The Beacon server could not be reached. Check your connection and try again.';
  }
  if (error.status >= 500) return 'Something went wrong on the server. Please try again in a moment.';
  return error.message === '' ? 'The request was not accepted.' : error.message;
}

export function tooManyAttemptsText(error: ApiError): string {
  const seconds = error.retryAfterSeconds;
  if (seconds === null) return 'Too many attempts — try again in a few minutes.';
  return `Too many attempts — try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
}
