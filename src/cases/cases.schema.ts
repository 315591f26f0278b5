import { z } from 'zod';
import { isoDate } from '../core/dates.ts';
import { US_STATE_CODES } from '../shared/places.ts';
import { INDICATOR_CODES } from './cases.indicators.ts';

/**
 * Request and response shapes. Bodies are parsed by the services (so messages name the field in
 * plain words, via core/validation.ts); routes only document them.
 */
const text = (max: number) => z.string().trim().max(max);
const optText = (max: number) => text(max).optional();
const languageTag = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/);

/** An instant with its offset, e.g. 2026-11-20T21:30:00-06:00. */
export const instant = z.iso.datetime({ offset: true });

export const GENDERS = ['female', 'male', 'transgender_female', 'transgender_male', 'non_binary', 'other', 'unknown'] as const;
export const PLACEMENT_KINDS = ['home', 'foster_family', 'group_home', 'agency_custody', 'other'] as const;
export const MARK_KINDS = ['tattoo', 'branding', 'scar', 'birthmark', 'piercing', 'other'] as const;
export const IDENTIFIER_KINDS = ['phone', 'email', 'handle'] as const;
export const LEFT_FROM = ['home', 'placement', 'facility'] as const;
export const SCREENING_OUTCOMES = ['screened_no_indication', 'indicators_present', 'identified_victim', 'declined'] as const;
export const OBSERVATION_SOURCES = [
  'case_manager',
  'caregiver',
  'school',
  'law_enforcement',
  'medical',
  'the_child',
  'other',
] as const;
export const CLOSE_REASONS = ['recovered', 'returned_home', 'aged_out', 'deceased', 'other'] as const;
export const CASE_STATUSES = ['open', 'closing_requested', 'closed'] as const;
/** Oldest a child on a case can be: foster care may extend to 21. */
export const MAX_CHILD_AGE = 21;

const person = z.object({ name: optText(200), phone: optText(40), email: z.email().max(254).optional() });

export const identitySchema = z.object({
  name: text(200).min(1),
  aliases: z.array(text(200).min(1)).max(20).default([]),
  dateOfBirth: isoDate.optional(),
  approximateAge: z.number().int().min(0).max(MAX_CHILD_AGE).optional(),
  gender: z.enum(GENDERS).optional(),
  languages: z.array(languageTag).max(10).default([]),
  tribalAffiliation: optText(200),
});

export const descriptionSchema = z.object({
  heightCm: z.number().int().min(30).max(250).optional(),
  weightKg: z.number().int().min(2).max(300).optional(),
  hair: optText(100),
  eyes: optText(100),
  text: optText(5_000),
  marks: z
    .array(z.object({ kind: z.enum(MARK_KINDS), location: optText(200), description: optText(1_000) }))
    .max(30)
    .default([]),
});

export const identifierSchema = z.object({ kind: z.enum(IDENTIFIER_KINDS), platform: optText(100), value: text(500).min(1) });

export const placementSchema = z.object({ kind: z.enum(PLACEMENT_KINDS), agencyName: optText(200), since: isoDate.optional() });

export const contactsSchema = z.object({
  guardian: person.extend({ relationship: optText(100) }).optional(),
  caseworker: person.extend({ agency: optText(200) }).optional(),
  lawEnforcement: person.extend({ agency: optText(200), badgeNumber: optText(50), caseNumber: optText(100) }).optional(),
  ncicNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,20}$/)
    .optional(),
});

/** The encrypted part of a case, section by section; an update replaces whole sections. */
export const caseDetailsSchema = z.object({
  identity: identitySchema,
  description: descriptionSchema.default({ marks: [] }),
  identifiers: z.array(identifierSchema).max(50).default([]),
  placement: placementSchema.optional(),
  contacts: contactsSchema.default({}),
});
export type CaseDetails = z.infer<typeof caseDetailsSchema>;
export const DETAIL_SECTIONS = ['identity', 'description', 'identifiers', 'placement', 'contacts'] as const;

const stateCode = z.enum(US_STATE_CODES);

export const createCaseBody = z.object({
  details: caseDetailsSchema,
  assigneeId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  state: stateCode.optional(),
  restricted: z.boolean().default(false),
  namedUserIds: z.array(z.uuid()).max(50).default([]),
});

export const updateCaseBody = z.object({
  version: z.number().int().min(1),
  details: z
    .object({
      identity: identitySchema.optional(),
      description: descriptionSchema.optional(),
      identifiers: z.array(identifierSchema).max(50).optional(),
      placement: placementSchema.nullable().optional(),
      contacts: contactsSchema.optional(),
    })
    .default({}),
  assigneeId: z.uuid().nullable().optional(),
  teamId: z.uuid().nullable().optional(),
  state: stateCode.nullable().optional(),
  restricted: z.boolean().optional(),
  namedUserIds: z.array(z.uuid()).max(50).optional(),
});

export const episodeBody = z.object({
  leftFrom: z.enum(LEFT_FROM),
  knownMissingAt: instant,
  reportedToLawEnforcementAt: instant.optional(),
  reportedToClearinghouseAt: instant.optional(),
  lastSeen: z.object({ place: optText(500), city: optText(120), state: stateCode.optional(), at: instant.optional() }).optional(),
  circumstances: optText(10_000),
  recovery: z.object({ recoveredAt: instant, place: optText(500), recoveredBy: optText(200), how: optText(2_000) }).optional(),
  returnInterview: z
    .object({
      conductedAt: instant,
      interviewer: optText(200),
      primaryFactors: optText(5_000),
      experiencesWhileAway: optText(10_000),
    })
    .optional(),
  screening: z
    .object({
      screenedAt: instant,
      screener: text(200).min(1),
      outcome: z.enum(SCREENING_OUTCOMES),
      notes: optText(10_000),
      /** When an identified victim was reported to law enforcement (the 24-hour duty). */
      victimReportedAt: instant.optional(),
    })
    .optional(),
});
export type EpisodeInput = z.infer<typeof episodeBody>;
export const updateEpisodeBody = episodeBody.extend({ version: z.number().int().min(1) });

export const taskBody = z.object({ title: text(500).min(1), dueAt: instant.optional(), ownerId: z.uuid().optional() });
export type TaskInput = z.infer<typeof taskBody>;
export const updateTaskBody = z.object({
  version: z.number().int().min(1),
  status: z.enum(['open', 'done', 'cancelled']).optional(),
  title: text(500).min(1).optional(),
  dueAt: instant.nullable().optional(),
  ownerId: z.uuid().nullable().optional(),
});

export const observationBody = z.object({
  observedAt: instant,
  observer: text(200).min(1),
  source: z.enum(OBSERVATION_SOURCES),
  indicator: z.enum(INDICATOR_CODES),
  note: optText(10_000),
  task: taskBody.optional(),
});

export const linkBody = z.object({
  kind: z.enum(['tip', 'case', 'lead']),
  reference: z.string().trim().min(1).max(100),
  reason: text(2_000).min(1),
});

export const noteBody = z.object({ text: text(20_000).min(1) });

export const closeRequestBody = z.object({
  version: z.number().int().min(1),
  reason: z.enum(CLOSE_REASONS),
  note: optText(5_000),
});
export const closeDecisionBody = z.object({ version: z.number().int().min(1) });

export const teamBody = z.object({
  name: text(120).min(1),
  members: z
    .array(z.object({ userId: z.uuid(), supervises: z.boolean().default(false) }))
    .max(200)
    .default([]),
});

/** A name to search for must have something pg_trgm would index: a letter or a digit. */
const searchName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/[\p{L}\p{N}]/u, 'must contain a letter or a digit');
const searchIdentifier = z.string().trim().min(1).max(500);

/** What the case list can be narrowed by; also what a saved filter holds. */
export const caseFilterSchema = z.object({
  status: z.enum(CASE_STATUSES).optional(),
  mine: z.boolean().optional(),
  state: stateCode.optional(),
  name: searchName.optional(),
  identifier: searchIdentifier.optional(),
});
export type CaseFilterInput = z.infer<typeof caseFilterSchema>;

export const savedFilterBody = z.object({ name: text(80).min(1), filter: caseFilterSchema });
export const savedFilterResponse = z
  .object({ id: z.string(), name: z.string(), filter: caseFilterSchema, createdAt: z.string() })
  .meta({ id: 'SavedFilter' });

export const caseListQuery = z.object({
  status: z.enum(CASE_STATUSES).optional(),
  mine: z.enum(['true', 'false']).optional(),
  state: stateCode.optional(),
  name: searchName.optional(),
  identifier: searchIdentifier.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: z.string().max(200).optional(),
});

export const caseRef = z.object({ reference: z.string().regex(/^CASE-\d{4}-\d{6,}$/) });
export const caseChildParams = caseRef.extend({ id: z.uuid() });

// ---- responses -------------------------------------------------------------------------------

const deadline = z.object({
  kind: z.string(),
  dueAt: z.string(),
  metAt: z.string().nullable(),
  state: z.enum(['met', 'met_late', 'due', 'overdue']),
});

export const episodeResponse = z
  .object({
    id: z.string(),
    version: z.number(),
    leftFrom: z.enum(LEFT_FROM),
    knownMissingAt: z.string(),
    reportedToLawEnforcementAt: z.string().nullable(),
    reportedToClearinghouseAt: z.string().nullable(),
    lastSeen: episodeBody.shape.lastSeen,
    circumstances: z.string().optional(),
    recovery: episodeBody.shape.recovery,
    returnInterview: episodeBody.shape.returnInterview,
    screening: episodeBody.shape.screening,
    reviewedAt: z.string().nullable(),
    deadlines: z.array(deadline),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Episode' });

export const caseResponse = z
  .object({
    reference: z.string(),
    status: z.enum(CASE_STATUSES),
    version: z.number(),
    assigneeId: z.string().nullable(),
    teamId: z.string().nullable(),
    state: z.string().nullable(),
    restricted: z.boolean(),
    namedUserIds: z.array(z.string()),
    details: caseDetailsSchema,
    episodeCount: z.number(),
    pattern: z.array(z.object({ kind: z.string(), text: z.string(), count: z.number() })),
    closing: z.object({
      reason: z.string().nullable(),
      note: z.string().nullable(),
      requestedBy: z.string().nullable(),
      requestedAt: z.string().nullable(),
      closedBy: z.string().nullable(),
      closedAt: z.string().nullable(),
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
    abilities: z.array(z.string()),
  })
  .meta({ id: 'Case' });

export const caseListResponse = z.object({
  items: z.array(
    z.object({
      reference: z.string(),
      name: z.string(),
      status: z.enum(CASE_STATUSES),
      assigneeId: z.string().nullable(),
      teamId: z.string().nullable(),
      state: z.string().nullable(),
      restricted: z.boolean(),
      episodeCount: z.number(),
      updatedAt: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const taskResponse = z
  .object({
    id: z.string(),
    caseReference: z.string(),
    version: z.number(),
    title: z.string(),
    ownerId: z.string().nullable(),
    dueAt: z.string().nullable(),
    status: z.enum(['open', 'done', 'cancelled']),
    observationId: z.string().nullable(),
    createdAt: z.string(),
    doneAt: z.string().nullable(),
  })
  .meta({ id: 'Task' });

export const observationResponse = z.object({
  id: z.string(),
  observedAt: z.string(),
  observer: z.string(),
  source: z.string(),
  indicator: z.string(),
  indicatorLabel: z.string(),
  note: z.string().optional(),
  taskId: z.string().nullable(),
  createdAt: z.string(),
});

export const linkResponse = z.object({
  id: z.string(),
  kind: z.string(),
  reference: z.string(),
  reason: z.string(),
  createdAt: z.string(),
});

export const suggestion = z.object({
  term: z.string(),
  start: z.number(),
  end: z.number(),
  suggestion: z.string(),
  reason: z.string(),
});
export const noteResponse = z.object({
  id: z.string(),
  text: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  suggestions: z.array(suggestion),
});

export const timelineResponse = z.object({
  items: z.array(
    z.object({
      at: z.string(),
      kind: z.enum([
        'case_opened',
        'episode_missing',
        'episode_reported_law_enforcement',
        'episode_reported_clearinghouse',
        'episode_recovered',
        'return_interview',
        'screening',
        'observation',
        'link',
        'note',
        'task',
        'task_done',
        'close_requested',
        'closed',
      ]),
      id: z.string(),
      summary: z.string(),
    }),
  ),
});

export const dashboardResponse = z.object({
  deadlines: z.array(deadline.extend({ caseReference: z.string(), episodeId: z.string() })),
  tasks: z.array(taskResponse),
  planTasks: z.array(
    z.object({
      caseReference: z.string(),
      actionId: z.string(),
      title: z.string(),
      dueOn: z.string(),
      state: z.enum(['overdue', 'due_soon', 'open']),
      ownerKind: z.string(),
    }),
  ),
});

export const teamResponse = z
  .object({ id: z.string(), name: z.string(), members: z.array(z.object({ userId: z.string(), supervises: z.boolean() })) })
  .meta({ id: 'Team' });

export const indicatorsResponse = z.object({
  items: z.array(z.object({ code: z.string(), group: z.string(), label: z.string() })),
});
