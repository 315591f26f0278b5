import { randomUUID } from 'node:crypto';
import { fieldErrors } from '../core/validation.ts';
import { answer, auditedChange, hasPermission, refuse, type RequestContext } from '../security/index.ts';
import type { Invalid, NotFound, RecoveryDeps } from './plans.service.ts';
import { templateBody, templateContentSchema, type TemplateContent } from './template.schema.ts';

export interface TemplateView {
  id: string;
  familyId: string;
  version: number;
  name: string;
  content: TemplateContent;
  publishedAt: string | null;
  createdAt: string;
}

/** The latest version of every template family (the one new plans start from). */
export async function listTemplates(deps: RecoveryDeps, ctx: RequestContext): Promise<{ items: TemplateView[] }> {
  if (!hasPermission(ctx.actor, 'plan.read')) return { items: [] };
  const rows = await deps.db
    .selectFrom('plan_templates')
    .distinctOn('family_id')
    .selectAll()
    .where('published_at', 'is not', null)
    .orderBy('family_id')
    .orderBy('version', 'desc')
    .execute();
  return {
    items: rows
      .map((r) => ({
        id: r.id,
        familyId: r.family_id,
        version: r.version,
        name: r.name,
        content: templateContentSchema.parse(r.content),
        publishedAt: r.published_at?.toISOString() ?? null,
        createdAt: r.created_at.toISOString(),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/**
 * Saves a template: a new family, or a new version of one. Versions are kept, so a plan records
 * which one it started from. Published at once until the survivor expert review exists.
 */
export async function saveTemplate(
  deps: RecoveryDeps,
  ctx: RequestContext,
  familyId: string | null,
  body: unknown,
): Promise<TemplateView | NotFound | Invalid> {
  const parsed = templateBody.safeParse(body);
  if (!parsed.success) return { kind: 'invalid', errors: fieldErrors(parsed.error, 'en') };
  return auditedChange(deps.db, ctx, { action: 'plan_template.saved' }, async (trx) => {
    if (!hasPermission(ctx.actor, 'plan.template')) return refuse<TemplateView | NotFound | Invalid>({ kind: 'not_found' });
    const family = familyId ?? randomUUID();
    const last = familyId
      ? await trx
          .selectFrom('plan_templates')
          .select((eb) => eb.fn.max('version').as('v'))
          .where('family_id', '=', familyId)
          .executeTakeFirst()
      : undefined;
    if (familyId && !last?.v) return refuse({ kind: 'not_found' });
    const row = await trx
      .insertInto('plan_templates')
      .values({
        id: randomUUID(),
        family_id: family,
        version: (last?.v ?? 0) + 1,
        name: parsed.data.name,
        content: JSON.stringify(parsed.data.content),
        created_by: ctx.actor.kind === 'staff' ? ctx.actor.id : null,
        published_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const view: TemplateView = {
      id: row.id,
      familyId: row.family_id,
      version: row.version,
      name: row.name,
      content: parsed.data.content,
      publishedAt: row.published_at?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
    };
    return answer(view, { target: { type: 'plan_template', id: row.id }, details: { version: row.version } });
  });
}
