/**
 * Checks on a missing episode's dates and on a child's age, and the pattern of a child's episodes.
 * Pure: the caller passes `now`. Messages name the field and never repeat personal data.
 */

export type Problem = { path: string; message: string };

export type EpisodeDates = {
  knownMissingAt: Date;
  reportedToLawEnforcementAt?: Date;
  reportedToClearinghouseAt?: Date;
  lastSeenAt?: Date;
  recoveredAt?: Date;
  returnInterviewAt?: Date;
  screeningAt?: Date;
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Clocks on phones and servers disagree a little; a date this far ahead is not "in the future". */
export const CLOCK_SKEW_MS = 5 * MINUTE;
/** A report can be entered with a rounded time slightly before the rounded "known missing" time. */
export const REPORT_TOLERANCE_MS = 30 * MINUTE;
/** Two episodes that start this close together are one episode entered twice. */
export const DUPLICATE_WINDOW_MS = HOUR;
/** Foster care can extend to 21 in many states; past that a child case does not fit. */
export const MAX_CHILD_AGE = 21;
/** Episodes this close together are shown as a cluster. */
export const CLUSTER_WINDOW_DAYS = 90;
/** The seed's red flag: "chronically runs away (especially 3+ missing incidents)". */
export const REPEATED_EPISODES = 3;

const LABELS: Record<keyof EpisodeDates, string> = {
  knownMissingAt: 'The time the child was known to be missing',
  reportedToLawEnforcementAt: 'The time of the report to law enforcement',
  reportedToClearinghouseAt: 'The time of the report to the clearinghouse',
  lastSeenAt: 'The time the child was last seen',
  recoveredAt: 'The recovery time',
  returnInterviewAt: 'The return interview time',
  screeningAt: 'The screening time',
};

const valid = (d: Date | undefined): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

/** A YYYY-MM-DD string that names a real calendar day, as midnight UTC; otherwise undefined. */
export function parseDateOfBirth(s: string | undefined): Date | undefined {
  if (s === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date;
}

/** Whole years between a birth date and a moment (UTC calendar). */
export function ageInYears(born: Date, at: Date): number {
  let age = at.getUTCFullYear() - born.getUTCFullYear();
  const beforeBirthday =
    at.getUTCMonth() < born.getUTCMonth() || (at.getUTCMonth() === born.getUTCMonth() && at.getUTCDate() < born.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}

export function episodeProblems(
  e: EpisodeDates,
  child: { dateOfBirth?: string },
  others: { knownMissingAt: Date }[],
  now: Date,
): Problem[] {
  const problems: Problem[] = [];
  const add = (path: keyof EpisodeDates, message: string) => problems.push({ path, message });

  const fields = Object.keys(LABELS) as (keyof EpisodeDates)[];
  for (const f of fields) {
    const v = e[f];
    if (v !== undefined && !valid(v)) add(f, `${LABELS[f]} is not a valid date and time.`);
  }
  if (!valid(e.knownMissingAt)) return problems;
  const missing = e.knownMissingAt.getTime();

  for (const f of fields) {
    const v = e[f];
    if (valid(v) && v.getTime() > now.getTime() + CLOCK_SKEW_MS) add(f, `${LABELS[f]} is in the future.`);
  }

  for (const f of ['reportedToLawEnforcementAt', 'reportedToClearinghouseAt'] as const) {
    const v = e[f];
    if (valid(v) && v.getTime() < missing - REPORT_TOLERANCE_MS) {
      add(f, `${LABELS[f]} is before the child was known to be missing; a report cannot come before the absence is known.`);
    }
  }

  if (valid(e.recoveredAt) && e.recoveredAt.getTime() < missing) {
    add('recoveredAt', 'The recovery time is before the child was known to be missing.');
  }
  if (valid(e.lastSeenAt) && valid(e.recoveredAt) && e.lastSeenAt.getTime() > e.recoveredAt.getTime()) {
    add('lastSeenAt', 'The time the child was last seen while missing is after the recovery time.');
  }

  for (const f of ['returnInterviewAt', 'screeningAt'] as const) {
    const v = e[f];
    if (!valid(v)) continue;
    if (!valid(e.recoveredAt)) {
      add(f, `${LABELS[f]} is recorded but the child's recovery is not; record the recovery first.`);
    } else if (v.getTime() < e.recoveredAt.getTime()) {
      add(f, `${LABELS[f]} is before the recovery time; it happens after the child is back.`);
    }
  }

  const born = parseDateOfBirth(child.dateOfBirth);
  if (born) {
    for (const f of ['knownMissingAt', 'lastSeenAt'] as const) {
      const v = e[f];
      if (valid(v) && v.getTime() < born.getTime()) add(f, `${LABELS[f]} is before the child's date of birth.`);
    }
  }

  const duplicate = others.some(
    (o) => valid(o.knownMissingAt) && Math.abs(o.knownMissingAt.getTime() - missing) < DUPLICATE_WINDOW_MS,
  );
  if (duplicate) {
    add(
      'knownMissingAt',
      'Another missing episode for this child starts within an hour of this one; it looks like the same episode entered twice.',
    );
  }
  return problems;
}

export function ageProblems(dateOfBirth: string | undefined, approximateAge: number | undefined, now: Date): Problem[] {
  const problems: Problem[] = [];
  let ageFromBirth: number | undefined;
  if (dateOfBirth !== undefined) {
    const born = parseDateOfBirth(dateOfBirth);
    if (!born) {
      problems.push({ path: 'dateOfBirth', message: 'The date of birth must be a real date written as YYYY-MM-DD.' });
    } else if (born.getTime() > now.getTime()) {
      problems.push({ path: 'dateOfBirth', message: 'The date of birth is in the future.' });
    } else {
      ageFromBirth = ageInYears(born, now);
      if (ageFromBirth > MAX_CHILD_AGE) {
        problems.push({
          path: 'dateOfBirth',
          message: `The date of birth makes the child older than ${MAX_CHILD_AGE}; a child case is for someone ${MAX_CHILD_AGE} or younger.`,
        });
      }
    }
  }
  if (approximateAge !== undefined) {
    if (!Number.isFinite(approximateAge) || approximateAge < 0) {
      problems.push({ path: 'approximateAge', message: 'The approximate age must be a number of years, zero or more.' });
    } else if (approximateAge > MAX_CHILD_AGE) {
      problems.push({
        path: 'approximateAge',
        message: `The approximate age is over ${MAX_CHILD_AGE}; a child case is for someone ${MAX_CHILD_AGE} or younger.`,
      });
    } else if (ageFromBirth !== undefined && Math.abs(ageFromBirth - approximateAge) > 1) {
      problems.push({
        path: 'approximateAge',
        message: `The approximate age differs from the age given by the date of birth (${ageFromBirth}) by more than a year.`,
      });
    }
  }
  return problems;
}

export type PatternFact = { kind: 'repeated_missing' | 'missing_from_care' | 'recent_cluster'; text: string; count: number };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Facts about a child's episodes, to prompt questions. Not a score: each fact says what was counted.
 * `recent_cluster` counts the most episodes that started within any 90-day span.
 */
export function episodePattern(episodes: { leftFrom: 'home' | 'placement' | 'facility'; knownMissingAt: Date }[]): PatternFact[] {
  const facts: PatternFact[] = [];
  const total = episodes.length;
  if (total >= REPEATED_EPISODES) {
    facts.push({
      kind: 'repeated_missing',
      count: total,
      text: `${plural(total, 'missing episode', 'missing episodes')} recorded. Going missing ${REPEATED_EPISODES} or more times is one of the signs to ask the child about, gently.`,
    });
  }
  const fromCare = episodes.filter((e) => e.leftFrom !== 'home').length;
  if (fromCare > 0) {
    facts.push({
      kind: 'missing_from_care',
      count: fromCare,
      text: `${fromCare} of ${plural(total, 'episode', 'episodes')} began in care (a placement or facility). Children who leave care are at higher risk; each episode needs the reports, return interview and screening.`,
    });
  }
  const times = episodes
    .map((e) => e.knownMissingAt.getTime())
    .filter((t) => !Number.isNaN(t))
    .sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! > CLUSTER_WINDOW_DAYS * DAY) i++;
    most = Math.max(most, j - i + 1);
  }
  if (most >= 2) {
    facts.push({
      kind: 'recent_cluster',
      count: most,
      text: `${most} episodes began within ${CLUSTER_WINDOW_DAYS} days of each other.`,
    });
  }
  return facts;
}
