/**
 * A small typed wrapper over fetch for the Beacon JSON API.
 *
 * - Cookies carry the session (`credentials: 'same-origin'`).
 * - Every non-GET request sends the latest CSRF token the server gave (login, TOTP, session).
 * - Errors come back as `ApiError`, built from `{"error": {code, message, errors?}}`.
 * - A 401 that is not an answer to a sign-in attempt means the session ended: the registered
 *   listener is told, so the app can send the user back to sign in.
 * - A 409 `stale_version` comes back as `StaleError`, carrying the record as it is now.
 * - Every call to the server goes through here: JSON, multipart uploads and file downloads.
 */

export type FieldError = { path: string; message: string };

/** Codes with which the server answers a wrong password or code; these are not an ended session. */
const SIGN_IN_ANSWER_CODES: ReadonlySet<string> = new Set(['invalid_credentials', 'invalid_code', 'invalid_passkey']);

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: readonly FieldError[] = [],
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

/** A 409 stale_version: someone else saved first. `current` is the record as it is now. */
export class StaleError<T> extends ApiError {
  constructor(
    message: string,
    readonly current: T,
    readonly changedFields: readonly string[],
  ) {
    super(409, 'stale_version', message);
  }
}

let csrfToken: string | null = null;
let sessionEndedListener: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Registers the one function told when any API call answers 401 (session ended). */
export function onSessionEnded(listener: (() => void) | null): void {
  sessionEndedListener = listener;
}

export type RequestOptions = {
  signal?: AbortSignal;
  /** A 401 is an expected answer (e.g. the session check); do not report it as an ended session. */
  expectUnauthorized?: boolean;
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request<T>(method: Method, path: string, body: unknown, options: RequestOptions): Promise<T> {
  const response = await send(method, path, body, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text === '' ? null : JSON.parse(text)) as T;
}

/** Sends one request and answers the response if it is a success; else throws the error it carries. */
async function send(
  method: Method,
  path: string,
  body: unknown,
  options: RequestOptions,
  accept = 'application/json',
): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  const multipart = body instanceof FormData;
  if (body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : multipart ? body : JSON.stringify(body),
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', 'The Beacon server could not be reached.');
  }
  if (response.ok) return response;

  const error = await readError(response);
  if (error.status === 401 && !options.expectUnauthorized && !SIGN_IN_ANSWER_CODES.has(error.code)) {
    sessionEndedListener?.();
  }
  throw error;
}

type ErrorBody = {
  error?: {
    code?: unknown;
    message?: unknown;
    errors?: unknown;
    retryAfterSeconds?: unknown;
    changedFields?: unknown;
  };
  retryAfterSeconds?: unknown;
  current?: unknown;
};

async function readError(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not JSON (e.g. a proxy's error page): fall back to the status alone.
  }
  const e = body.error ?? {};
  const code = typeof e.code === 'string' ? e.code : `http_${response.status}`;
  const message = typeof e.message === 'string' ? e.message : response.statusText;
  if (response.status === 409 && code === 'stale_version') {
    const changed = Array.isArray(e.changedFields) ? e.changedFields.filter((f): f is string => typeof f === 'string') : [];
    return new StaleError(message, body.current, changed);
  }
  const fieldErrors = Array.isArray(e.errors) ? e.errors.filter(isFieldError) : [];
  const retryAfter =
    toSeconds(e.retryAfterSeconds) ?? toSeconds(body.retryAfterSeconds) ?? toSeconds(response.headers.get('Retry-After'));
  return new ApiError(response.status, code, message, fieldErrors, retryAfter);
}

function isFieldError(value: unknown): value is FieldError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.path === 'string' && typeof v.message === 'string';
}

function toSeconds(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.ceil(n) : null;
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export const api = {
  get: <T>(path: string, options: RequestOptions = {}): Promise<T> => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> => request<T>('POST', path, body, options),
  put: <T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> => request<T>('PUT', path, body, options),
  patch: <T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> => request<T>('PATCH', path, body, options),
  delete: <T>(path: string, options: RequestOptions = {}): Promise<T> => request<T>('DELETE', path, undefined, options),
  /** Sends a file as multipart form data. */
  upload: <T>(path: string, form: FormData, options: RequestOptions = {}): Promise<T> => request<T>('POST', path, form, options),
  /**
   * Fetches a file (the session cookie goes with it) and hands it to the browser to save: as a generic
   * binary, so the browser never opens it in a tab by itself. `name` is used when the server names none.
   */
  download: async (path: string, name: string): Promise<void> => {
    const response = await send('GET', path, undefined, {}, '*/*');
    const named = /filename="([\w.-]+)"/.exec(response.headers.get('Content-Disposition') ?? '');
    const blob = new Blob([await response.arrayBuffer()], { type: 'application/octet-stream' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = named?.[1] ?? name;
    document.body.append(link);
    link.click();
    link.remove();
    // Revoked after the click has been handled, so the download has its data.
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
  },
};

/** Builds a query string from the defined values only. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined) search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
