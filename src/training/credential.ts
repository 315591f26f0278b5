import { gzipSync } from 'node:zlib';
import { SignJWT } from 'jose';
import type { IssuerKey } from './issuer-key.ts';

/** What a certificate says: who completed which course, and when. */
export interface Completion {
  code: string;
  name: string;
  courseSlug: string;
  courseTitle: string;
  courseSummary: string;
  issuedAt: Date;
  /** The certificate's bit in the revocation status list. */
  statusIndex: number;
}

export interface IssuerInfo {
  publicUrl: string;
  organisation: string;
}

/** Bitstring Status List asks for at least 16 KiB of bits, so that one bit does not single anyone out. */
export const STATUS_LIST_BITS = 131072;

export const issuerId = (i: IssuerInfo) => `${i.publicUrl}/api/v1/training/issuer`;
export const statusListUrl = (i: IssuerInfo) => `${i.publicUrl}/api/v1/training/status/1`;
export const verifyUrl = (i: IssuerInfo, code: string) => `${i.publicUrl}/verify/${code}`;

/** The completion as an Open Badges 3.0 OpenBadgeCredential (W3C VC Data Model 2.0). */
export function openBadgeCredential(i: IssuerInfo, c: Completion): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: verifyUrl(i, c.code),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuerId(i), type: ['Profile'], name: i.organisation },
    validFrom: c.issuedAt.toISOString(),
    name: c.courseTitle,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityType: 'name', identityHash: c.name, hashed: false }],
      achievement: {
        id: `${i.publicUrl}/learn/courses/${c.courseSlug}`,
        type: ['Achievement'],
        name: c.courseTitle,
        description: c.courseSummary,
        criteria: { narrative: 'Read every module, worked through a case and passed the quiz.' },
      },
    },
    credentialStatus: {
      id: `${statusListUrl(i)}#${c.statusIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(c.statusIndex),
      statusListCredential: statusListUrl(i),
    },
  };
}

async function sign(key: IssuerKey, i: IssuerInfo, payload: Record<string, unknown>, jti: string, at: Date): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'vc+jwt', cty: 'vc' })
    .setIssuer(issuerId(i))
    .setJti(jti)
    .setIssuedAt(Math.floor(at.getTime() / 1000))
    .setNotBefore(Math.floor(at.getTime() / 1000))
    .sign(key.privateKey);
}

/** VC-JWT (VC-JOSE-COSE): the credential is the JWT's payload, signed with the deployment's Ed25519 key. */
export function signCompletion(key: IssuerKey, i: IssuerInfo, c: Completion): Promise<string> {
  return sign(key, i, openBadgeCredential(i, c), verifyUrl(i, c.code), c.issuedAt);
}

/** The list's bits, index 0 the first byte's most significant bit, gzipped and multibase base64url ("u"). */
export function encodeStatusList(revoked: readonly number[]): string {
  const bits = Buffer.alloc(STATUS_LIST_BITS / 8);
  for (const index of revoked) {
    if (!Number.isInteger(index) || index < 0 || index >= STATUS_LIST_BITS)
      throw new Error(`status index ${index} is outside the list`);
    bits[index >> 3] = (bits[index >> 3] ?? 0) | (0x80 >> (index & 7));
  }
  return `u${gzipSync(bits).toString('base64url')}`;
}

export function signStatusList(key: IssuerKey, i: IssuerInfo, revoked: readonly number[], at: Date): Promise<string> {
  const url = statusListUrl(i);
  return sign(
    key,
    i,
    {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: issuerId(i),
      validFrom: at.toISOString(),
      credentialSubject: {
        id: `${url}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: encodeStatusList(revoked),
      },
    },
    url,
    at,
  );
}
