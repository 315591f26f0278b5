import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import { STAGES } from '../security/index.ts';

const base64url = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*$/, 'must be base64url');
const credentialFields = {
  id: base64url(1400),
  rawId: base64url(1400),
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
};

/** What `startRegistration()` in the browser sends back; the library checks the rest. */
export const registrationResponse = z.object({
  ...credentialFields,
  response: z.object({
    clientDataJSON: base64url(8192),
    attestationObject: base64url(65536),
    authenticatorData: base64url(65536).optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url(8192).optional(),
  }),
}) satisfies z.ZodType<RegistrationResponseJSON>;

/** What `startAuthentication()` in the browser sends back. */
export const authenticationResponse = z.object({
  ...credentialFields,
  response: z.object({
    clientDataJSON: base64url(8192),
    authenticatorData: base64url(65536),
    signature: base64url(2048),
    userHandle: base64url(1024).optional(),
  }),
}) satisfies z.ZodType<AuthenticationResponseJSON>;

export const enrolBody = z.object({
  name: z.string().trim().min(1, 'give the passkey a name').max(60),
  response: registrationResponse,
});

/** WebAuthn options as the browser library takes them (`optionsJSON`). */
export const optionsAnswer = z.object({ optionsJSON: z.record(z.string(), z.unknown()) });

export const passkeyView = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});

export const stageAnswer = z.object({ stage: z.enum(STAGES), csrfToken: z.string() });
