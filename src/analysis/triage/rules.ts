import { z } from 'zod';
import defaults from './rules.default.json' with { type: 'json' };

/**
 * Urgency rules rank *reports* for an analyst's attention; they never rate a child. Which rules
 * apply, how far each lifts a tip, and the response times are data that supervisors edit; the
 * tests each rule makes are code, so an edit cannot break the queue.
 */
export const PRIORITIES = ['routine', 'elevated', 'high', 'immediate'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const RULE_CODES = [
  'escalation_statement',
  'danger_now',
  'young_child',
  'reported_missing',
  'linked_open_case',
  'location_now',
  'repeated_reports',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

const ruleSchema = z.object({
  code: z.enum(RULE_CODES),
  enabled: z.boolean(),
  priority: z.enum(PRIORITIES).exclude(['routine']),
  threshold: z.number().int().min(1).max(100).optional(),
  label: z.string().trim().min(1).max(120),
  why: z.string().trim().min(1).max(500),
});

const hours = z
  .number()
  .min(0.25)
  .max(24 * 30);
export const ruleSetInputSchema = z.object({
  note: z.string().trim().max(500).default(''),
  sla: z.object({ immediate: hours, high: hours, elevated: hours, routine: hours }),
  rules: z
    .array(ruleSchema)
    .min(1)
    .max(RULE_CODES.length)
    .refine((rules) => new Set(rules.map((r) => r.code)).size === rules.length, { message: 'each rule may appear once' }),
});
export type RuleSet = z.output<typeof ruleSetInputSchema> & { version: number };
export type RuleSetting = RuleSet['rules'][number];

export const DEFAULT_RULE_SET: RuleSet = { version: defaults.version, ...ruleSetInputSchema.parse(defaults) };

/** What the rules look at, gathered from the tip and from what Beacon already knows. */
export interface TipFacts {
  escalationReason: string | null;
  dangerNow: { phrase: string } | null;
  childAges: readonly number[];
  childReportedMissing: boolean;
  childLocationNow: boolean;
  /** How many open cases hold one of the tip's identifiers; which ones is told only to readers who may open them. */
  openCasesSharingIdentifier: number;
  otherTipsSharingIdentifier: number;
}

export interface FiredRule {
  code: RuleCode;
  priority: Priority;
  label: string;
  /** What in this tip made the rule fire, in plain words. */
  because: string;
  why: string;
}

export interface Triage {
  priority: Priority;
  fired: FiredRule[];
  rulesVersion: number;
  /** Hours the analyst has to pick the tip up, from its priority. */
  slaHours: number;
}

export const LINKED_OPEN_CASE_BECAUSE = 'Shares an identifier with an open case.';

type Check = (facts: TipFacts, rule: RuleSetting) => string | null;

const CHECKS: Record<RuleCode, Check> = {
  escalation_statement: (f) => (f.escalationReason ? `The reporter wrote: “${clip(f.escalationReason)}”` : null),
  danger_now: (f) => (f.dangerNow ? `The account says “${f.dangerNow.phrase}”.` : null),
  young_child: (f, rule) => {
    const limit = rule.threshold ?? 13;
    const young = f.childAges.filter((age) => age < limit);
    return young.length > 0 ? `A child's approximate age is ${Math.min(...young)} (under ${limit}).` : null;
  },
  reported_missing: (f) => (f.childReportedMissing ? 'The reporter says the child is missing.' : null),
  // Stored and shown in the queue to everyone who works tips: never a case reference (see LINKED_OPEN_CASE_BECAUSE).
  linked_open_case: (f) => (f.openCasesSharingIdentifier > 0 ? LINKED_OPEN_CASE_BECAUSE : null),
  location_now: (f) => (f.childLocationNow ? 'The reporter says where the child is now.' : null),
  repeated_reports: (f, rule) => {
    const min = rule.threshold ?? 2;
    const others = f.otherTipsSharingIdentifier;
    if (others + 1 < min) return null;
    return others === 1
      ? 'Another tip shares an identifier with this one.'
      : `${others} other tips share an identifier with this one.`;
  },
};

const clip = (text: string, max = 140) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const rank = (p: Priority) => PRIORITIES.indexOf(p);

export function evaluateRules(facts: TipFacts, ruleSet: RuleSet): Triage {
  const fired: FiredRule[] = [];
  for (const rule of ruleSet.rules) {
    if (!rule.enabled) continue;
    const because = CHECKS[rule.code](facts, rule);
    if (because !== null) fired.push({ code: rule.code, priority: rule.priority, label: rule.label, because, why: rule.why });
  }
  fired.sort((a, b) => rank(b.priority) - rank(a.priority));
  const priority = fired[0]?.priority ?? 'routine';
  return { priority, fired, rulesVersion: ruleSet.version, slaHours: ruleSet.sla[priority] };
}

export const priorityRank = rank;

/** The reasons of a tip with "reported more than once" brought up to date, most urgent first. */
export function withRepeatedReports(fired: readonly FiredRule[], others: number, rule: RuleSetting): FiredRule[] {
  const facts = { otherTipsSharingIdentifier: others } as TipFacts;
  const because = CHECKS.repeated_reports(facts, rule);
  const rest = fired.filter((f) => f.code !== 'repeated_reports');
  const next =
    because === null ? rest : [...rest, { code: rule.code, priority: rule.priority, label: rule.label, because, why: rule.why }];
  return next.sort((a, b) => rank(b.priority) - rank(a.priority));
}
