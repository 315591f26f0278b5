import type { Db } from '../database.ts';
import { issueCertificate } from './certificates.repo.ts';
import { TRAINING_PATHS } from './course.content.ts';

const NAMES = ['Alex Demo', 'Bea Ejemplo', 'Chris Sample', 'Dee Muestra'];

/** One synthetic certificate a path, as if four professionals had passed the course; the last is revoked. */
export async function demoCertificates(db: Db): Promise<number> {
  for (const [i, path] of TRAINING_PATHS.entries()) {
    const row = await issueCertificate(db, {
      name: NAMES[i] ?? 'Demo Learner',
      course: 'recognise-respond',
      path,
      lang: i % 2 === 0 ? 'en' : 'es',
      passId: `demo-${path}`,
    });
    if (i === TRAINING_PATHS.length - 1)
      await db.updateTable('training_certificates').set({ revoked_at: new Date() }).where('code', '=', row.code).execute();
  }
  return TRAINING_PATHS.length;
}
