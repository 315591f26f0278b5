import { z } from 'zod';
import { reportInputSchema } from '../intake.schema.ts';

export const idempotencyKey = z
  .string()
  .min(8)
  .max(200)
  .regex(/^[\x21-\x7e]+$/);

export const exampleReport = {
  incident: {
    type: 'online_enticement',
    description: 'An adult account sent a 14-year-old user messages offering money for meetings at a hotel.',
  },
  online: [{ kind: 'social_platform', platform: 'ExampleChat', identifier: 'user-48151623' }],
  children: [{ approximateAge: 14, gender: 'unknown' }],
  reporter: {
    anonymous: false,
    name: 'Trust and Safety desk',
    email: 'safety@esp.example',
    relationship: 'professional',
    consentToContact: true,
  },
};

/** The same report in the CyberTipline element structure (docs/files.md and docs/export.md). */
export const exampleReportXml = `<?xml version="1.0" encoding="UTF-8"?>
<report>
  <incidentSummary>
    <incidentType>Online Enticement of Children for Sexual Acts</incidentType>
  </incidentSummary>
  <internetDetails>
    <webPageIncident>
      <additionalInfo>Kind: Social platform
Platform: ExampleChat
Identifier: user-48151623</additionalInfo>
    </webPageIncident>
  </internetDetails>
  <reporter>
    <reportingPerson>
      <email>safety@esp.example</email>
    </reportingPerson>
  </reporter>
  <victim>
    <victimPerson><age>14</age></victimPerson>
    <additionalInfo>Gender: unknown</additionalInfo>
  </victim>
  <additionalInfo>Reporter name as given: Trust and Safety desk
Reporter relationship to the child: professional
Reporter agrees to be contacted: yes
What was seen or heard: An adult account sent a 14-year-old user messages offering money for meetings at a hotel.</additionalInfo>
</report>
`;

/**
 * The open-report body as JSON or XML. Documentation only: the body is validated by the service,
 * after XML is turned into the same model, so errors name the field (or element).
 */
export const espReportDocument = z.unknown().meta({
  content: {
    'application/json': {
      schema: { ...z.toJSONSchema(reportInputSchema, { target: 'openapi-3.0', io: 'input' }), examples: [exampleReport] },
    },
    'application/xml': {
      schema: {
        type: 'string',
        description:
          'A `<report>` in the CyberTipline element structure, the one `cybertipline-xml` exports write; values the tipline has no element for go in `additionalInfo` as "Label: value" lines (docs/files.md). No DOCTYPE.',
        examples: [exampleReportXml],
      },
    },
  },
});

export const reportIdParams = z.object({ id: z.uuid() });
export const fileParams = z.object({ id: z.uuid(), fileId: z.uuid() });

export const openedResponse = z
  .object({ reportId: z.uuid() })
  .meta({ examples: [{ reportId: '5b0e1c3a-7d1f-4c8e-9a51-2f4b6f0d9e21' }] });

export const gpsSchema = z.object({ latitude: z.number(), longitude: z.number() });

export const uploadedResponse = z
  .object({
    fileId: z.uuid(),
    type: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    md5: z.string(),
    gps: gpsSchema
      .nullable()
      .describe('Location read from the image’s EXIF data, if any; kept for the analyst and removed from every copy shown.'),
    stored: z.boolean().describe('False when this Beacon keeps only hashes and metadata (hash-only mode).'),
  })
  .meta({
    examples: [
      {
        fileId: '0d6c7a8e-1b2f-4c3d-8e9f-a0b1c2d3e4f5',
        type: 'image/png',
        size: 48213,
        sha256: 'c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2',
        md5: '5eb63bbbe01eeed093cb22bb8f5acdc3',
        gps: null,
        stored: true,
      },
    ],
  });

export const fileDetailsSchema = z
  .object({
    originalName: z.string().trim().min(1).max(255).optional().describe('The file’s name where it was found'),
    description: z.string().trim().max(5_000).optional(),
    publiclyAvailable: z.boolean().optional().describe('Whether the file was publicly available on the service'),
    locationSeen: z.string().trim().max(2_000).optional().describe('Where the file was seen: a URL, a chat, a profile'),
  })
  .strict()
  .meta({
    examples: [
      {
        originalName: 'IMG_0042.png',
        description: 'Screenshot of the chat offering money',
        publiclyAvailable: false,
        locationSeen: 'Direct messages between the two accounts',
      },
    ],
  });

export const finishedResponse = z
  .object({ reportId: z.uuid(), reference: z.string() })
  .meta({ examples: [{ reportId: '5b0e1c3a-7d1f-4c8e-9a51-2f4b6f0d9e21', reference: 'BCN-2026-000042' }] });

export const retractedResponse = z.object({ reportId: z.uuid(), status: z.literal('retracted') });

export const MAX_BATCH = 100;

export const batchBody = z
  .object({
    reports: z
      .array(
        z.object({
          key: z.string().describe('Idempotency key of this item: the same key and report give the same reference'),
          report: reportInputSchema,
        }),
      )
      .min(1)
      .max(MAX_BATCH),
  })
  .meta({ examples: [{ reports: [{ key: 'esp-case-0001', report: exampleReport }] }] });

export const batchResponse = z
  .object({
    results: z.array(
      z.union([
        z.object({ index: z.number().int(), reference: z.string(), replayed: z.boolean() }),
        z.object({ index: z.number().int(), errors: z.array(z.object({ path: z.string(), message: z.string() })) }),
      ]),
    ),
  })
  .meta({
    examples: [
      {
        results: [
          { index: 0, reference: 'BCN-2026-000043', replayed: false },
          { index: 1, errors: [{ path: 'report.incident.description', message: 'is required' }] },
        ],
      },
    ],
  });

/** The batch envelope is checked at the route; each item is validated on its own by the service. */
export const batchEnvelope = z.object({ reports: z.array(z.unknown()).min(1).max(MAX_BATCH) });
