import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allSealedColumns } from '../modules.ts';
import { addKey, Keyring } from './crypto.ts';
import { open, reseal, seal, sealedColumn, SealedValueError } from './sealing.ts';

// Declared here as the modules declare theirs (same contexts), so the test stands apart from the modules.
const caseNoteBody = sealedColumn({
  table: 'case_notes',
  idColumn: 'id',
  column: 'body_enc',
  context: 'case_notes.body_enc',
  plaintext: 'text',
});
const caseTaskTitle = sealedColumn({
  table: 'case_tasks',
  idColumn: 'id',
  column: 'title_enc',
  context: 'case_tasks.title_enc',
  plaintext: 'text',
});
const caseFilterQuery = sealedColumn({
  table: 'case_saved_filters',
  idColumn: 'id',
  column: 'query_enc',
  context: 'case_saved_filters.query_enc',
  plaintext: z.object({ status: z.enum(['open', 'closed']).optional(), name: z.string().optional() }),
});
const referralDates = sealedColumn({
  table: 'referrals',
  idColumn: 'id',
  column: 'package_enc',
  context: 'referrals.package_enc',
  plaintext: z.object({ reference: z.string(), referredAt: z.coerce.date() }),
});

/**
 * Ciphertexts made by the Keyring before sealed columns existed (`encrypt(text, context)` and
 * `encryptJson`), under a fixed synthetic test key: stored data must keep opening.
 */
const OLD_TEXT: Record<string, string> = {
  'case_photos.pdq_enc': 'v1.ktest.NAFQaK8Lh5zXEkuo.zF36RCM1pBCK1zr9o-399QPR0xf2CuKRBBKmWgho0uw7lNIBckdJ2GyvSK8w',
  'reports.body_enc': 'v1.ktest.SxKLkRu0sXKx9XzV.30RgKG5CJg30yGS3RoKlY8aejE9L23Tq-44727MTOoQEsVgIY4qa_IoC',
  'report_drafts.body_enc': 'v1.ktest.WeSqMbQ4UtgngRaL.XGN-RHcNtXUXwd-wN8uWKjhTaF-b0_-JcSUrtKSdBBC-Un-2OrnSVT9QgskusDkr',
  'esp_reports.body_enc': 'v1.ktest.EE5SXnzKIzQ2cqyy.yKwUIJNvmp3adG2jMkEP8ye_sCsnQaEHRStqODQtp2iFMsCqXZ3N_2QB02nImg',
  'esp_files.meta_enc': 'v1.ktest.znHU-wqhMV8Umaqr.6seVCNk35REW0nSC6BGoxaL6iyUly6seD6AcALQMOSnRZ3H2SUmGLDsyWk0',
  'esp_files.data_key_enc': 'v1.ktest.ooOaKEpmsG0uWcrp.voqk8UmtYUrNhCvp0r50gBPFE6AA6_MUdH6TDhk_GHFdpyI3ro4tV-ET1ZE20rkU',
  'cases.body_enc': 'v1.ktest.fp6eIJyrjOkJf2N0.j7txlQ-I-jDqlwWsZfRwG9AJqgSkU0TtHPy_i3wuLgLK9-PJe88XsQ',
  'cases.close_note_enc': 'v1.ktest.kg-idYwimN3dNZP-.Z2n9jBG0Z7a7oL7QTABW6yu-h2aV26SzLltFjLcsQi-kP00Nzq-34-Mis_CzLg',
  'case_episodes.body_enc': 'v1.ktest.70-G240pWoT1ZFAK.Ce_kNAqWPia-Jo50S-fqbJDUprD2ezO7foyburp4XL2olJ0SmeDo_rVpUXmn576e',
  'case_tasks.title_enc': 'v1.ktest.O6WkMv8Fnp9-DUcT.uM9ul8OPrOr8A0BhSLIb3z3hRavUUGG1epD8FFLUA4wh79-lZWcesfZIOTiKOA',
  'case_observations.body_enc':
    'v1.ktest.7RxiMmL8rq4AmN3D.UrcebMScTGZcayv4yznFMh8g_o6RftKNszq4qkloGDUcidEkiEdTZTDB3ZP5ByVJQANbcQ',
  'case_links.reason_enc': 'v1.ktest.WLFE7BHKFqphkP2I.xLGfk46LYe3mDHXJzwnU0o9k9IQjjig5Joe0HORPyEusubByxzeC1T7db7iNEzQ',
  'case_notes.body_enc': 'v1.ktest.YSMMQ7uSiwQI331H.34wjfPZc5Yx46L0_MVvWDWP4NEe3AYUVWHkV7FT8LkQhqDG8uYodRhtRzEQ3',
  'case_saved_filters.query_enc':
    'v1.ktest.Uci6HqKoz6-SnSK_.WJ-wApt0wdTrC_Kahj3hP8034CJndV-2uFnd22SN2qlFfK-142MjAxUc1oo3rQ9cH3fb-VLC',
  'tip_notes.body_enc': 'v1.ktest.F40_CVq9lqt12sx_.R1PmGqLZVHjGjXliWon9S0R9zTpx61UZ3c86QzycVSLaIE1HeDKhQ2EhwUg',
  'tip_triage.close_note_enc': 'v1.ktest.FNeFQJrAw5G-h3QK.fFCraiHyiUX8O0M_Ngrpn88p2Ny7cB7a2s-W3k2WOjfpbtiQYuDAuXPaF7XQYjus1vfR',
  'referrals.package_enc': 'v1.ktest.lWc_T-RXSn2ci63a.aVBgOnVAQsS86lVXBLI91R8cgeWyt59hPa1N1xWQNT0C5vcWH3GUg1kY7sfLx5U',
  'referrals.outcome_note_enc':
    'v1.ktest.UXBX3Pfi2sSZLIFV.kBBNzfZcPnVDFE98x2Flrab9dxrUX4_5bk3d2tAqpAHMfV3DCeC282wt23AknJ2XEFEOkA',
  'referrals.passed_on_note_enc':
    'v1.ktest._ccpI5M67x6x-xzl.8ND-Qj3GQ5wX00tyRdj_khhqYi-svUttql5zsEtXWPx5MG4xtvTO5CDFuV40S7W7dhVcxwAL',
  'staff_users.totp_secret_enc':
    'v1.ktest.U1KFByuINwOql9bV.DSn13EFr5j_2zFPF-F8pOpziH6_d3QwzfPK1faEXe7-F--0P2lGIyaCb3179cSb4mMsW5s0',
  'staff_sessions.pending_totp_secret_enc':
    'v1.ktest.SR2WSqUY8VT_HLEK.ant0aM4z2wTK7ybizwiBTt4Sf2gChVV816q_KJdifMcmRmLvhvLHXgYL0m7_K2OqqUzcJ3EffsOy1F8Az6Yz5Q',
  'lead.note': 'v1.ktest.PrDPR2tMweU1fLj7.UznIKL3jfOX27JO_b23n_LLaauT7a2g0_PVst75e3hj-3h8',
  // Recovery (issue 13): sealed when the module was written, kept so its format cannot drift either.
  'plan_versions.content_enc': 'v1.ktest.hld88h5z3UnnAmZ_.lS254_iKX1l3QvRdjM0jF7JzX6JczEKvXUUrlnWzz9nBQrAH9V-VcXxTtXhULQdQxwd0',
  'plan_progress.note_enc': 'v1.ktest.JkrIqJw_1S_ydElS.kJN2jRm0QAkaEBb2Aa4XUJJSB_V8GupoWbqPqHTrnlzovhFkuAFvFTwArbji7fEh',
  'plan_services.reason_not_provided_enc':
    'v1.ktest.zsqEEgbVeOwoIqVb.C53gpgk4RANDLTc8VFwAbahYIdWUe-uAOsBmJqDUkcbTlWgXVBn37eVwpYd3fKNf2s4rRzNRbwiIOj7gKjqs',
  'plan_referrals.legal_reason_enc':
    'v1.ktest.DGliivqnin3wvmZZ.lYEDCP0fclWH3XCMaJ8885bhAPw8VlvrVTDnMQB66uFVmI4dxIjtNJUlToTMqyS5y5Gg5dzHYuVt',
  'plan_referrals.note_enc': 'v1.ktest.DayZwrsVfkyE3b-y.63cPjA0liACCneKzY07o77inQ4V9KCmPH6Si_PFwtO1zB3hHbbnBaD8cf4WOkhxcWw',
  // Family and peer support (issue 14).
  'families.details_enc': 'v1.ktest.pyXXRZNtVvhnU9A1.qpkXzfliEvwxx-amo0jqX5pGUVuNE35BQBBmc9VwwnZN_hZsckszG1Ew1KH_gQ',
  'peer_calls.note_enc': 'v1.ktest.U3tK4l5Y043b2kpG.apq1MXpL3QDhXoFJjO_z6Dd6_cHcBoEisoMMafYfvpEn3KprexdbHZc7n1qf',
  'family_plans.content_enc': 'v1.ktest.DeopSpJVtuU-7u49.tSlv0bR05DRrrJBySAsl8YEk2a5iQL5oiJPwCkg3CxArvmibEbGVlS2oLcKxbpMRHwk',
  'family_contacts.summary_enc':
    'v1.ktest.LDT6Wbqj5j4JpRmk.koYn_gb3McZXobO405TCe9h-GMJrANjcnVTi2itd9ca85Lr0_jIlm7A7mNH5C497rFtZcFw',
  'media_requests.request_enc':
    'v1.ktest.9lhhkdWungJNuEVo.GXKWWyeFiZRLJve1Hev-rGEyEyCLHnjmTaSHPuVheATYFnGOpVR8kk47-z4688zYa7EFNA',
};
const OLD_FILTER_JSON = 'v1.ktest.eRwxgYbdHvmhOHc9.Ig1mShy_DghZvWNxLpJbhM2YK0-Ew6PyaqEekT2IUA-0OndaUp1X_fjCSS7V6emK5gYIa4ItzSu4';

async function ringWithTestKey(): Promise<{ file: string; ring: Keyring }> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'beacon-sealing-')), 'beacon.key');
  const keys = { ktest: Buffer.alloc(32, 7).toString('base64') };
  await writeFile(file, JSON.stringify({ version: 1, current: 'ktest', keys, index: Buffer.alloc(32, 9).toString('base64') }));
  await chmod(file, 0o600);
  return { file, ring: await Keyring.open(file) };
}

describe('sealed columns', () => {
  it('round-trips text and checked JSON', async () => {
    const { ring } = await ringWithTestKey();
    expect(open(ring, caseNoteBody, seal(ring, caseNoteBody, 'Synthetic note: called the placement'))).toBe(
      'Synthetic note: called the placement',
    );
    const filter = { status: 'open' as const, name: 'Synthetic Name' };
    expect(open(ring, caseFilterQuery, seal(ring, caseFilterQuery, filter))).toEqual(filter);
  });

  it('gives dates back as dates where the schema says so', async () => {
    const { ring } = await ringWithTestKey();
    const pkg = { reference: 'REF-2026-000001', referredAt: new Date('2026-03-01T11:00:00.000Z') };
    const opened = open(ring, referralDates, seal(ring, referralDates, pkg));
    expect(opened.referredAt).toBeInstanceOf(Date);
    expect(opened).toEqual(pkg);
  });

  it("will not open a value under another column's context", async () => {
    const { ring } = await ringWithTestKey();
    const sealed = seal(ring, caseNoteBody, 'Synthetic note');
    expect(() => open(ring, caseTaskTitle, sealed)).toThrow();
  });

  it('refuses JSON of another shape, without quoting it', async () => {
    const { ring } = await ringWithTestKey();
    const wrong = ring.encrypt(JSON.stringify({ status: 'Synthetic Secret Status' }), caseFilterQuery.context);
    expect(() => open(ring, caseFilterQuery, wrong)).toThrow(SealedValueError);
    expect(() => open(ring, caseFilterQuery, wrong)).not.toThrow(/Synthetic Secret/);
  });

  it('opens what the Keyring sealed before, for every declared column', async () => {
    const { ring } = await ringWithTestKey();
    for (const column of allSealedColumns) {
      const old = OLD_TEXT[column.context];
      expect(old, column.context).toBeDefined();
      expect(ring.decrypt(old!, column.context)).toBe(`synthetic ${column.context}`);
    }
    expect(open(ring, caseFilterQuery, OLD_FILTER_JSON)).toEqual({ status: 'open', name: 'Synthetic Name' });
  });

  it('seals in the same format: v1.<key>.<iv>.<ciphertext+tag> over the JSON text, under the same context', async () => {
    const { ring } = await ringWithTestKey();
    const filter = { status: 'closed' as const };
    const sealed = seal(ring, caseFilterQuery, filter);
    const [prefix, keyId, iv, body] = sealed.split('.');
    expect([prefix, keyId]).toEqual(['v1', 'ktest']);
    expect(Buffer.from(iv!, 'base64url')).toHaveLength(12);
    expect(Buffer.from(body!, 'base64url')).toHaveLength(JSON.stringify(filter).length + 16);
    expect(ring.decrypt(sealed, 'case_saved_filters.query_enc')).toBe(JSON.stringify(filter));
  });

  it('reseals under the current key without reading the shape', async () => {
    const { file, ring } = await ringWithTestKey();
    const odd = ring.encrypt('not JSON at all', caseFilterQuery.context);
    const newKey = await addKey(file);
    const rotated = await Keyring.open(file);
    const moved = reseal(rotated, caseFilterQuery, odd);
    expect(Keyring.keyIdOf(moved)).toBe(newKey);
    expect(rotated.decrypt(moved, caseFilterQuery.context)).toBe('not JSON at all');
  });
});
