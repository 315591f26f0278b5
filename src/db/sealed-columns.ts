import { analysisSealedColumns } from '../analysis/index.ts';
import { casesSealedColumns } from '../cases/index.ts';
import { intakeSealedColumns } from '../intake/index.ts';
import { leadsSealedColumns } from '../leads/index.ts';
import { securitySealedColumns } from '../security/security.sealed.ts';
import type { SealedPlace } from '../security/sealing.ts';

/**
 * Every encrypted column, so key rotation can reach all of them; each module lists its own beside
 * its code. A column missed here is not lost: rotation counts every stored ciphertext by content
 * and keeps a key still named (see security/ciphertext-scan.ts), and a test fills every table and
 * fails on any ciphertext column not listed.
 */
export const allSealedColumns: readonly SealedPlace[] = [
  ...securitySealedColumns,
  ...intakeSealedColumns,
  ...casesSealedColumns,
  ...analysisSealedColumns,
  ...leadsSealedColumns,
];
