import type { RequestContext } from '../security/index.ts';
import type { PlanContent } from './plan.schema.ts';
import {
  approvePlan,
  inviteParticipant,
  recordProgress,
  savePlan,
  startPlan,
  submitPlan,
  type RecoveryDeps,
} from './plans.service.ts';
import { recordConsent, recordReferralEvent, recordService, sendReferral } from './support.service.ts';
import { saveTemplate } from './templates.service.ts';
import type { TemplateContent } from './template.schema.ts';

const TEMPLATE: TemplateContent = {
  needs: [
    {
      domain: 'safety_placement',
      description: 'A safe, stable place to live, away from the people who exploited them',
      goals: [
        {
          description: 'Settled in a placement that feels safe',
          measure: 'Same placement for 60 days, and the young person says they feel safe there',
          targetInDays: 60,
          actions: [{ description: 'Visit the placement', ownerKind: 'child_welfare', dueInDays: 7, recurrence: 'weekly' }],
        },
      ],
    },
    {
      domain: 'medical_dental',
      description: 'Medical and dental care that was missed',
      goals: [
        {
          description: 'Check-up and dental treatment done',
          measure: 'The clinic confirms both are complete',
          targetInDays: 45,
          actions: [
            { description: 'Book a check-up with a trauma-informed clinic', ownerKind: 'recovery_specialist', dueInDays: 5 },
            { description: 'Go along to the appointments', ownerKind: 'foster_parent', dueInDays: 14 },
          ],
        },
      ],
    },
    {
      domain: 'education',
      description: 'Back to school',
      goals: [
        {
          description: 'Enrolled and attending',
          measure: 'Attends four days a week or more for a month',
          targetInDays: 90,
          actions: [{ description: 'Meet the school counsellor', ownerKind: 'recovery_specialist', dueInDays: 10 }],
        },
      ],
    },
  ],
};

/** The answer, or a stop naming what the demo could not make (a refusal has a `kind` other than ok). */
const must = <T>(what: string, out: T): Exclude<T, { kind: Exclude<string, 'ok'> }> => {
  if (out !== null && typeof out === 'object' && 'kind' in out && out.kind !== 'ok')
    throw new Error(`demo recovery data was refused (${what}: ${String(out.kind)})`);
  return out as Exclude<T, { kind: Exclude<string, 'ok'> }>;
};

/**
 * Synthetic victim assistance plans on recovered demo cases, through the real services: one
 * template, then for each case a plan with its participants, progress, a consent, a service and
 * referrals (one on consent, followed to "accepted"; one on a supervisor's legal reason).
 */
export async function demoPlans(
  deps: RecoveryDeps,
  supervisor: RequestContext,
  caseReferences: readonly string[],
  participantEmail: string | undefined,
): Promise<number> {
  const template = must(
    'template',
    await saveTemplate(deps, supervisor, null, { name: 'First 90 days after recovery', content: TEMPLATE }),
  );
  let made = 0;
  for (const [i, reference] of caseReferences.entries()) {
    const started = must('plan', await startPlan(deps, supervisor, reference, { templateId: template.id }));
    const content: PlanContent = {
      ...started.content,
      participants: [
        { id: 'young', kind: 'young_person', name: 'The young person', tookPart: true },
        {
          id: 'guardian',
          kind: 'guardian',
          name: 'Parent (demo)',
          tookPart: false,
          notPartReason: 'Not reachable during planning (synthetic).',
        },
        { id: 'foster', kind: 'foster_parent', name: `Foster parent ${i + 1} (demo)`, tookPart: true },
      ],
      youngPersonWords: 'Synthetic: I want to feel safe, see my sister, and finish the school year.',
      needs: started.content.needs.map((n) => ({
        ...n,
        goals: n.goals.map((g) => ({
          ...g,
          actions: g.actions.map((a) =>
            a.owner.kind === 'foster_parent' ? { ...a, owner: { ...a.owner, participantId: 'foster' } } : a,
          ),
        })),
      })),
    };
    const saved = must('plan save', await savePlan(deps, supervisor, started.id, { version: started.version, content }));
    const first = saved.content.needs[1]?.goals[0]?.actions[0];
    if (first)
      must(
        'progress',
        await recordProgress(deps, supervisor, saved.id, { actionId: first.id, done: true, note: 'Synthetic: booked.' }),
      );
    if (i === 0) {
      must('submit', await submitPlan(deps, supervisor, saved.id));
      must('approve', await approvePlan(deps, supervisor, saved.id, 'approve'));
      if (participantEmail)
        must('invite', await inviteParticipant(deps, supervisor, saved.id, { participantId: 'foster', email: participantEmail }));
    }
    const year = new Date().getUTCFullYear();
    // Both: under 14 a guardian consents, from 14 the young person does (see rules/consent.ts).
    for (const givenBy of ['young_person', 'guardian'] as const)
      must(
        'consent',
        await recordConsent(deps, supervisor, saved.id, {
          givenBy,
          recipientKind: 'health',
          shares: ['first_name', 'languages', 'needs'],
          givenOn: `${year - 1}-12-01`,
          expiresOn: `${year + 1}-12-01`,
        }),
      );
    must(
      'service',
      await recordService(deps, supervisor, saved.id, {
        kind: 'mental_health',
        providerName: 'Demo counselling service',
        provided: 'no',
        reasonNotProvided: 'Synthetic: the waiting list was closed.',
      }),
    );
    const sent = must(
      'referral',
      await sendReferral(deps, supervisor, saved.id, {
        providerName: 'Demo youth clinic',
        serviceKind: 'medical',
        recipientKind: 'health',
        needDomains: ['medical_dental'],
      }),
    );
    const referral = sent.referrals[0];
    if (referral)
      must('referral accepted', await recordReferralEvent(deps, supervisor, saved.id, referral.id, { kind: 'accept' }));
    const withLegal = must(
      'legal referral',
      await sendReferral(deps, supervisor, saved.id, {
        providerName: 'Demo legal aid',
        serviceKind: 'legal',
        recipientKind: 'legal',
        legalReason: 'Synthetic: a court order directs a referral for legal advocacy.',
      }),
    );
    const legal = withLegal.referrals.find((r) => r.recipientKind === 'legal');
    if (legal)
      must(
        'legal referral declined',
        await recordReferralEvent(deps, supervisor, saved.id, legal.id, {
          kind: 'decline',
          reason: 'Synthetic: no capacity this month.',
        }),
      );
    made += 1;
  }
  return made;
}
