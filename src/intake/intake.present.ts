import { z } from 'zod';
import { abilities, type Actor } from '../security/index.ts';
import { hotlineCallSchema, reportInputSchema } from './intake.schema.ts';
import type { QueuePage, ReportView } from './intake.service.ts';

export const queueItemResponse = z.object({
  reference: z.string(),
  receivedAt: z.string(),
  channel: z.string(),
  status: z.string(),
  incidentType: z.string(),
  state: z.string().nullable(),
  city: z.string().nullable(),
  childAges: z.array(z.number()),
  escalated: z.boolean(),
});

export const queueResponse = z.object({ items: z.array(queueItemResponse), nextCursor: z.string().nullable() });

export const reportResponse = z
  .object({
    reference: z.string(),
    receivedAt: z.string(),
    channel: z.string(),
    status: z.string(),
    report: reportInputSchema,
    call: hotlineCallSchema
      .nullable()
      .describe('the hotline call the tip came from, as the operator recorded it; null for other channels'),
    abilities: z.array(z.string()),
  })
  .meta({ id: 'Tip' });

export function presentQueue(page: QueuePage): z.infer<typeof queueResponse> {
  return {
    items: page.items.map((i) => ({
      reference: i.reference,
      receivedAt: i.receivedAt.toISOString(),
      channel: i.channel,
      status: i.status,
      incidentType: i.incidentType,
      state: i.state,
      city: i.city,
      childAges: i.childAges,
      escalated: i.escalated,
    })),
    nextCursor: page.nextCursor,
  };
}

export function presentReport(view: ReportView, actor: Actor): z.output<typeof reportResponse> {
  return {
    reference: view.reference,
    receivedAt: view.receivedAt.toISOString(),
    channel: view.channel,
    status: view.status,
    report: view.report,
    call: view.report.call ?? null,
    abilities: abilities(actor, ['report.read', 'report.list', 'report.export']),
  };
}
