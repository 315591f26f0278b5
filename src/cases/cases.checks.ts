import type { z } from 'zod';
import type { FieldError } from '../core/result.ts';
import { fieldErrors } from '../core/validation.ts';
import { ageProblems, episodeProblems as dateProblems, CLOCK_SKEW_MS } from './rules/episodes.ts';
import type { CaseDetails, EpisodeInput } from './cases.schema.ts';

/**
 * Parses bodies and applies the pure rules in ./rules/ to them, mapping the rules' field names
 * onto the paths of the request body so each message names the field the caller sent.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function parseWith<T>(schema: z.ZodType<T>, body: unknown): Parsed<T> {
  const result = schema.safeParse(body ?? {});
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrors(result.error, 'en') };
}

export function identityProblems(identity: CaseDetails['identity'], now: Date, path = 'details.identity'): FieldError[] {
  return ageProblems(identity.dateOfBirth, identity.approximateAge, now).map((p) => ({
    path: `${path}.${p.path}`,
    message: p.message,
  }));
}

const EPISODE_PATHS: Record<string, string> = {
  recoveredAt: 'recovery.recoveredAt',
  returnInterviewAt: 'returnInterview.conductedAt',
  screeningAt: 'screening.screenedAt',
  lastSeenAt: 'lastSeen.at',
};

const dateOf = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));

export function episodeProblems(
  e: EpisodeInput,
  ctx: { now: Date; dateOfBirth?: string | undefined; others: { knownMissingAt: Date }[] },
): FieldError[] {
  const times = Object.fromEntries(
    Object.entries({
      knownMissingAt: dateOf(e.knownMissingAt),
      reportedToLawEnforcementAt: dateOf(e.reportedToLawEnforcementAt),
      reportedToClearinghouseAt: dateOf(e.reportedToClearinghouseAt),
      lastSeenAt: dateOf(e.lastSeen?.at),
      recoveredAt: dateOf(e.recovery?.recoveredAt),
      returnInterviewAt: dateOf(e.returnInterview?.conductedAt),
      screeningAt: dateOf(e.screening?.screenedAt),
    }).filter(([, v]) => v !== undefined),
  ) as Parameters<typeof dateProblems>[0];
  const child = ctx.dateOfBirth ? { dateOfBirth: ctx.dateOfBirth } : {};
  const out = dateProblems(times, child, ctx.others, ctx.now).map((p) => ({
    path: EPISODE_PATHS[p.path] ?? p.path,
    message: p.message,
  }));
  const victim = e.screening?.victimReportedAt;
  if (victim !== undefined && e.screening) {
    const path = 'screening.victimReportedAt';
    if (e.screening.outcome !== 'identified_victim')
      out.push({ path, message: 'applies only when the screening outcome is identified_victim' });
    else if (new Date(victim).getTime() > ctx.now.getTime() + CLOCK_SKEW_MS)
      out.push({ path, message: 'cannot be in the future' });
    else if (new Date(victim).getTime() < new Date(e.screening.screenedAt).getTime())
      out.push({ path, message: 'cannot be before the screening' });
  }
  return out;
}
