import { sql, type ExpressionBuilder } from 'kysely';
import type { Database, Db } from '../../database.ts';
import { recordScope, type Actor, type RecordScope } from '../../security/index.ts';

/** The tips an actor may work on, as a filter over `tip_triage as t`. */
export function tipInScope(scope: RecordScope) {
  return (eb: ExpressionBuilder<Database & { t: Database['tip_triage'] }, 't'>) => {
    switch (scope.kind) {
      case 'all':
        return sql<boolean>`true`;
      case 'jurisdictions':
        return eb('t.state', 'in', [...scope.states]);
      case 'assigned':
        return eb('t.assignee_id', '=', scope.userId);
      case 'none':
        return sql<boolean>`false`;
    }
  };
}

/** The references of the tips the actor may read, as a subquery for another module's filter (the leads queue). */
export function tipReferencesInReach(db: Db, actor: Actor) {
  return db
    .selectFrom('tip_triage as t')
    .select('t.reference')
    .where(tipInScope(recordScope(actor, 'report.read')));
}
