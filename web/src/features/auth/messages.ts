/** Words used on more than one sign-in screen. */
export const CODE_LABEL = '6-digit code from your authenticator app';

export const WRONG_CODE = 'That code is not right. Enter the newest code your authenticator app shows for Beacon.';

/** Accepts "123 456" or "123456"; returns the 6 digits, or null. */
export function normaliseCode(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

export const CODE_FORMAT_ERROR = 'Enter the 6 digits from your authenticator app.';
