import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { RecordScope } from '../../security/policy.ts';

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
