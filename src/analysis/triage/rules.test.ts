import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET, evaluateRules, ruleSetInputSchema, type RuleSet, type TipFacts } from './rules.ts';
import { dangerNowIn } from './facts.ts';

const quiet: TipFacts = {
  escalationReason: null,
  dangerNow: null,
  childAges: [16],
  childReportedMissing: false,
  childLocationNow: false,
  openCasesSharingIdentifier: 0,
  otherTipsSharingIdentifier: 0,
};

describe('urgency rules', () => {
  it('leaves a tip with nothing urgent routine, with no reasons', () => {
    const t = evaluateRules(quiet, DEFAULT_RULE_SET);
    expect(t.priority).toBe('routine');
    expect(t.fired).toEqual([]);
    expect(t.slaHours).toBe(72);
  });

  it('lifts a tip to immediate when the reporter marks danger, and says why', () => {
    const t = evaluateRules(
      { ...quiet, escalationReason: 'She is in the van outside the motel', childAges: [11] },
      DEFAULT_RULE_SET,
    );
    expect(t.priority).toBe('immediate');
    expect(t.fired.map((f) => f.code)).toEqual(['escalation_statement', 'young_child']);
    expect(t.fired[0]!.because).toContain('She is in the van');
    expect(t.fired[1]!.because).toBe("A child's approximate age is 11 (under 13).");
    expect(t.slaHours).toBe(1);
  });

  it('counts this tip among repeated reports and names linked cases', () => {
    const t = evaluateRules({ ...quiet, otherTipsSharingIdentifier: 2, openCasesSharingIdentifier: 1 }, DEFAULT_RULE_SET);
    expect(t.fired.map((f) => f.because)).toEqual([
      'Shares an identifier with an open case.',
      '2 other tips share an identifier with this one.',
    ]);
  });

  it("follows the supervisor's edits: a disabled rule never fires, a threshold moves", () => {
    const edited: RuleSet = {
      ...DEFAULT_RULE_SET,
      version: 2,
      rules: DEFAULT_RULE_SET.rules.map((r) =>
        r.code === 'young_child' ? { ...r, threshold: 17 } : r.code === 'escalation_statement' ? { ...r, enabled: false } : r,
      ),
    };
    const t = evaluateRules({ ...quiet, escalationReason: 'urgent' }, edited);
    expect(t.fired.map((f) => f.code)).toEqual(['young_child']);
    expect(t.rulesVersion).toBe(2);
  });

  it('refuses a rule set that names a rule twice or an unknown rule', () => {
    const twice = { sla: DEFAULT_RULE_SET.sla, rules: [DEFAULT_RULE_SET.rules[0], DEFAULT_RULE_SET.rules[0]] };
    expect(ruleSetInputSchema.safeParse(twice).success).toBe(false);
    expect(
      ruleSetInputSchema.safeParse({ sla: DEFAULT_RULE_SET.sla, rules: [{ ...DEFAULT_RULE_SET.rules[0], code: 'child_score' }] })
        .success,
    ).toBe(false);
  });

  it('finds present-tense danger in English and Spanish, not in the past', () => {
    expect(dangerNowIn(['He is taking her to the hotel tonight'])?.phrase).toBe('tonight');
    expect(dangerNowIn(['La tienen ahora mismo en el carro'])?.phrase).toBe('ahora mismo');
    expect(dangerNowIn(['Last year she was seen at the station'])).toBeNull();
  });
});

describe('re-ranking a tip when another shares its identifier', () => {
  it('adds or refreshes the repeated-reports reason and keeps the most urgent first', async () => {
    const { withRepeatedReports } = await import('./rules.ts');
    const rule = DEFAULT_RULE_SET.rules.find((r) => r.code === 'repeated_reports')!;
    const before = evaluateRules({ ...quiet, childLocationNow: true }, DEFAULT_RULE_SET).fired;
    const after = withRepeatedReports(before, 1, rule);
    expect(after.map((f) => f.code)).toEqual(['location_now', 'repeated_reports']);
    // "2 tips share an identifier" when one other tip is listed: the count names the others only.
    expect(after[1]!.because).toBe('Another tip shares an identifier with this one.');
    expect(
      withRepeatedReports(after, 4, rule)
        .filter((f) => f.code === 'repeated_reports')
        .map((f) => f.because),
    ).toEqual(['4 other tips share an identifier with this one.']);
    expect(withRepeatedReports([], 0, rule)).toEqual([]);
  });
});
