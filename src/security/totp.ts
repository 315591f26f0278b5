import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
  qrImage: string;
}

export async function newTotpEnrolment(issuer: string, account: string): Promise<TotpEnrolment> {
  const secret = generateSecret();
  const otpauthUri = generateURI({ issuer, label: account, secret });
  const svg = await QRCode.toString(otpauthUri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return { secret, otpauthUri, qrImage: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/**
 * Accepts the current code or its neighbours (clock drift), but never a time step already used:
 * a code seen once cannot be replayed.
 */
export async function checkTotp(
  secret: string,
  code: string,
  lastStep: number | null,
): Promise<{ ok: true; step: number } | { ok: false }> {
  if (!/^\d{6}$/.test(code)) return { ok: false };
  const result = await verify({
    secret,
    token: code,
    epochTolerance: 30,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  return result.valid && 'timeStep' in result ? { ok: true, step: result.timeStep } : { ok: false };
}
