import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { addDays } from '../core/dates.ts';
import { NEED_DOMAINS, OWNER_KINDS, RECURRENCES } from '../shared/recovery.ts';
import type { PlanContent } from './plan.schema.ts';

const text = (max: number) => z.string().trim().max(max);
const days = z.number().int().min(0).max(730);

/** A template holds no child's data: needs, goals and actions with dates relative to the plan's start. */
export const templateContentSchema = z.object({
  needs: z
    .array(
      z.object({
        domain: z.enum(NEED_DOMAINS),
        description: text(1000).min(1),
        goals: z
          .array(
            z.object({
              description: text(500).min(1),
              measure: text(500).min(1),
              targetInDays: days,
              actions: z
                .array(
                  z.object({
                    description: text(500).min(1),
                    ownerKind: z.enum(OWNER_KINDS),
                    dueInDays: days,
                    recurrence: z.enum(RECURRENCES).optional(),
                  }),
                )
                .max(40),
            }),
          )
          .max(20),
      }),
    )
    .max(20),
});
export type TemplateContent = z.infer<typeof templateContentSchema>;

export const templateBody = z.object({ name: text(200).min(1), content: templateContentSchema });

/** A template as plain lines, one need, goal or action a line, so a reviewer reads its changes line by line. */
export function templateText(name: string, content: TemplateContent): string {
  const lines = [`Template: ${name}`];
  for (const n of content.needs) {
    lines.push(`Need (${n.domain}): ${n.description}`);
    for (const g of n.goals) {
      lines.push(`  Goal: ${g.description}. Measured by: ${g.measure}. Within ${g.targetInDays} days.`);
      for (const a of g.actions)
        lines.push(
          `    Action: ${a.description}. Owner: ${a.ownerKind}. Due in ${a.dueInDays} days.${a.recurrence ? ` Repeats: ${a.recurrence}.` : ''}`,
        );
    }
  }
  return lines.join('\n');
}

const newItemId = () => randomBytes(9).toString('base64url');

/** A new plan's first content from a template: fresh item ids, dates counted from `startOn`. */
export function planFromTemplate(template: TemplateContent | undefined, startOn: string): PlanContent {
  return {
    participants: [],
    youngPersonWords: '',
    sharing: { goals: true, youngPersonWords: false },
    needs: (template?.needs ?? []).map((n) => ({
      id: newItemId(),
      domain: n.domain,
      description: n.description,
      goals: n.goals.map((g) => ({
        id: newItemId(),
        description: g.description,
        measure: g.measure,
        targetOn: addDays(startOn, g.targetInDays),
        actions: g.actions.map((a) => ({
          id: newItemId(),
          description: a.description,
          owner: { kind: a.ownerKind },
          dueOn: addDays(startOn, a.dueInDays),
          ...(a.recurrence ? { recurrence: a.recurrence } : {}),
        })),
      })),
    })),
  };
}
