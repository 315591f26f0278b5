import { randomUUID } from 'node:crypto';
import { fieldErrors } from '../core/validation.ts';
import { answer, auditedChange, hasPermission, refuse, type RequestContext } from '../security/index.ts';
import type { Selectable } from 'kysely';
import type { Db } from '../database.ts';
import type { Invalid, NotFound, RecoveryDeps } from './plans.service.ts';
import type { PlanTemplatesTable } from './recovery.tables.ts';
import { templateBody, templateContentSchema, templateText, type TemplateContent } from './template.schema.ts';

export interface TemplateView {
  id: string;
  familyId: string;
  version: number;
  name: string;
  content: TemplateContent;
  publishedAt: string | null;
  createdAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

type TemplateRow = Selectable<PlanTemplatesTable>;
const viewOf = (r: TemplateRow): TemplateView => ({
  id: r.id,
  familyId: r.family_id,
  version: r.version,
  name: r.name,
  content: templateContentSchema.parse(r.content),
  publishedAt: r.published_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
  reviewedBy: r.reviewed_by,
  reviewedAt: r.reviewed_at?.toISOString() ?? null,
});

/**
 * The latest published version of every template family (the one new plans start from); while
 * review is required, the latest reviewed one, and a family never reviewed is not offered.
 */
export async function listTemplates(deps: RecoveryDeps, ctx: RequestContext): Promise<{ items: TemplateView[] }> {
  if (!hasPermission(ctx.actor, 'plan.read')) return { items: [] };
  const reviewedOnly = (await deps.templateReviewRequired?.(deps.db)) ?? false;
  const rows = await deps.db
    .selectFrom('plan_templates')
    .distinctOn('family_id')
    .selectAll()
    .where('published_at', 'is not', null)
    .$if(reviewedOnly, (q) => q.where('reviewed_at', 'is not', null))
    .orderBy('family_id')
    .orderBy('version', 'desc')
    .execute();
  return { items: rows.map(viewOf).sort((a, b) => a.name.localeCompare(b.name)) };
}

/**
 * Saves a template: a new family, or a new version of one. Versions are kept, so a plan records
 * which one it started from. Published at once, unless review is required for plan templates: then
 * it waits, unpublished, until the review module publishes it through `publishTemplateVersion`.
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
        published_at: (await deps.templateReviewRequired?.(trx)) ? null : new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return answer(viewOf(row), { target: { type: 'plan_template', id: row.id }, details: { version: row.version } });
  });
}

/**
 * A saved, unpublished template version as text for review, with the text of the family's version
 * in use (the port the review module is given; `versionId` is the version's id).
 */
export async function templateVersionForReview(q: Db, versionId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(versionId)) return null;
  const row = await q
    .selectFrom('plan_templates')
    .selectAll()
    .where('id', '=', versionId)
    .where('published_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const current = await q
    .selectFrom('plan_templates')
    .selectAll()
    .where('family_id', '=', row.family_id)
    .where('published_at', 'is not', null)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  const textOf = (r: TemplateRow) => templateText(r.name, templateContentSchema.parse(r.content));
  return { key: row.family_id, title: row.name, text: textOf(row), currentText: current ? textOf(current) : '' };
}

/** Publishes a reviewed template version, recording who reviewed it and when. */
export async function publishTemplateVersion(
  q: Db,
  versionId: string,
  review: { reviewedBy: string; reviewedAt: Date },
): Promise<void> {
  await q
    .updateTable('plan_templates')
    .set({ published_at: review.reviewedAt, reviewed_by: review.reviewedBy, reviewed_at: review.reviewedAt })
    .where('id', '=', versionId)
    .where('published_at', 'is', null)
    .execute();
}
