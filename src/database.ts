import type { Kysely } from 'kysely';
import type { AnalysisTables } from './analysis/index.ts';
import type { CasesTables } from './cases/index.ts';
import type { DirectoryTables } from './directory/index.ts';
import type { FamilyTables } from './family/index.ts';
import type { IntakeTables } from './intake/index.ts';
import type { LeadsTables } from './leads/index.ts';
import type { RecoveryTables } from './recovery/index.ts';
import type { ReviewTables } from './review/index.ts';
import type { SecurityTables } from './security/index.ts';
import type { StatsTables } from './stats/index.ts';
import type { TrainingTables } from './training/index.ts';

/**
 * All tables, composed from the ones each module declares beside its code (`*.tables.ts`). It lives
 * outside src/db so that the database layer imports no module, not even for types.
 */
export interface Database
  extends
    SecurityTables,
    IntakeTables,
    CasesTables,
    DirectoryTables,
    AnalysisTables,
    LeadsTables,
    RecoveryTables,
    StatsTables,
    ReviewTables,
    TrainingTables,
    FamilyTables {}

export type Db = Kysely<Database>;
