import { z } from 'zod';
import { isoDate } from '../core/dates.ts';
import { NEED_DOMAINS, OWNER_KINDS, PARTICIPANT_KINDS, RECURRENCES } from '../shared/recovery.ts';

const text = (max: number) => z.string().trim().max(max);
/** Items inside a plan keep an id of their own across versions, so two versions compare item by item. */
const itemId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

export const participantSchema = z.object({
  id: itemId,
  kind: z.enum(PARTICIPANT_KINDS),
  name: text(120).min(1),
  tookPart: z.boolean(),
  /** Why someone (most often a parent or guardian) did not take part. */
  notPartReason: text(500).optional(),
  /** The outside account invited for this person, when there is one. */
  accountId: z.uuid().optional(),
});

export const actionSchema = z.object({
  id: itemId,
  description: text(500).min(1),
  owner: z.object({ kind: z.enum(OWNER_KINDS), participantId: itemId.optional(), name: text(120).optional() }),
  dueOn: isoDate,
  recurrence: z.enum(RECURRENCES).optional(),
  outcome: text(1000).optional(),
});

export const goalSchema = z.object({
  id: itemId,
  description: text(500).min(1),
  measure: text(500).min(1),
  targetOn: isoDate,
  achievedOn: isoDate.optional(),
  actions: z.array(actionSchema).max(40),
});

export const needSchema = z.object({
  id: itemId,
  domain: z.enum(NEED_DOMAINS),
  description: text(1000).min(1),
  goals: z.array(goalSchema).max(20),
});

/** What a plan holds; sealed as one value, a new version at each save. */
export const planContentSchema = z.object({
  participants: z.array(participantSchema).max(20),
  /** What the young person wants, in their own words. */
  youngPersonWords: text(4000),
  needs: z.array(needSchema).max(20),
  /** What outside participants see beyond their own actions. */
  sharing: z.object({ goals: z.boolean(), youngPersonWords: z.boolean() }),
});

export type PlanContent = z.infer<typeof planContentSchema>;
export type PlanAction = z.infer<typeof actionSchema>;
export type PlanGoal = z.infer<typeof goalSchema>;
export type PlanNeed = z.infer<typeof needSchema>;
export type PlanParticipant = z.infer<typeof participantSchema>;
