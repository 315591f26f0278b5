/**
 * Plants, once, every record the access matrix names, and signs every actor in. Records marked
 * "Ok" are in Oklahoma, in team OK, referred to the Oklahoma agency; records marked "Tx" are the
 * Texas ones the limited actors reach instead.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, RouteOptions } from 'fastify';
import sharp from 'sharp';
import { analysePending, analysisDepsOf, demoAgencies, importAgencies, toAgencyCsv } from '../../src/analysis/index.ts';
import { demoProviders, importProviders, toProviderCsv } from '../../src/directory/index.ts';
import { buildApp } from '../../src/http/app.ts';
import { importAdverts } from '../../src/leads/index.ts';
import { createApiToken, type Keyring, type Role } from '../../src/security/index.ts';
import { capturingLogger, testConfig, testKeyring, type TestDatabase } from '../harness.ts';
import { FORM, registerLearner } from '../learner.ts';
import { addStaff, as, signIn, type Who } from '../staff.ts';
import { planContent, type Actor, type Planted } from './matrix.ts';
import { leadsDepsOf } from '../../src/modules.ts';

export interface Planting {
  app: FastifyInstance;
  keyring: Keyring;
  /** Every route registered, hidden ones too: `METHOD /path`. */
  registered: string[];
  ids: Planted;
  /** Headers each actor sends (a session cookie with its CSRF token, a bearer token, or nothing). */
  headers: Record<Actor, Record<string, string>>;
  /** Staff user ids by actor. */
  staffIds: Partial<Record<Actor, string>>;
}

const STAFF: [Actor, Role, string[]][] = [
  ['admin', 'admin', []],
  ['supervisor', 'supervisor', []],
  ['analyst', 'analyst', []],
  ['caseManager', 'case_manager', []],
  ['partner', 'partner', []],
  ['operator', 'operator', []],
  ['analystTx', 'analyst', ['TX']],
  ['supervisorTx', 'supervisor', ['TX']],
  ['partnerTx', 'partner', []],
  ['caseManagerTx', 'case_manager', []],
  ['recovery', 'recovery', []],
  ['participant', 'plan_participant', []],
  ['participantOther', 'plan_participant', []],
  ['expert', 'expert', []],
  ['volunteer', 'volunteer', []],
  ['volunteerOther', 'volunteer', []],
  ['advocate', 'family_advocate', []],
  ['advocateOther', 'family_advocate', []],
  ['trainer', 'trainer', []],
  ['disabled', 'analyst', []],
  ['expired', 'analyst', []],
];

/** A small striped picture, for the photo and file uploads. */
const PICTURE = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 40, g: 90, b: 160 } } })
  .composite([{ input: Buffer.alloc(64 * 8 * 3, 220), raw: { width: 64, height: 8, channels: 3 }, top: 24, left: 0 }])
  .png()
  .toBuffer();

export function multipartPng(field: string) {
  const boundary = `----matrix${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="picture.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    PICTURE,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function plant(t: TestDatabase): Promise<Planting> {
  const { keyring, keyFile } = await testKeyring();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'beacon-matrix-'));
  const registered: string[] = [];
  const onRoute = (r: RouteOptions) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') registered.push(`${m} ${r.url}`);
  };
  const config = testConfig({ BEACON_KEY_FILE: keyFile, BEACON_DATA_DIR: dataDir });
  const app = await buildApp({ config, db: t.db, keyring, log: capturingLogger().log }, { onRoute });
  await app.ready();

  const ids: Planted = {};
  const staffIds: Partial<Record<Actor, string>> = {};
  const who: Partial<Record<Actor, Who>> = {};
  for (const [actor, role, states] of STAFF) {
    staffIds[actor] = await addStaff(t.db, keyring, role, `${actor.toLowerCase()}@matrix.test`, states);
    who[actor] = await signIn(app, `${actor.toLowerCase()}@matrix.test`);
  }
  const send = async (actor: Actor, method: 'POST' | 'PUT', url: string, payload?: object, expected = 201) => {
    const res = await app.inject({ method, url, headers: as(who[actor]!), ...(payload ? { payload } : {}) });
    if (res.statusCode !== expected) throw new Error(`planting ${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.body ? res.json<Record<string, unknown>>() : {};
  };

  // Agencies, and a partner in each of the OK and TX ones.
  const system = { kind: 'system', label: 'matrix' } as const;
  const imported = await importAgencies({ db: t.db }, system, toAgencyCsv(demoAgencies()), { dryRun: false });
  if (imported.kind !== 'ok') throw new Error('agencies');
  const agency = async (code: string) =>
    (await t.db.selectFrom('agencies').select('id').where('code', 'like', code).executeTakeFirstOrThrow()).id;
  ids.agencyOk = await agency('OK-ICAC%');
  ids.agencyTx = await agency('TX-ICAC%');
  await t.db
    .insertInto('agency_members')
    .values([
      { staff_id: staffIds.partner!, agency_id: ids.agencyOk },
      { staff_id: staffIds.partnerTx!, agency_id: ids.agencyTx },
    ])
    .execute();

  // Case teams: OK (supervisor, case manager, and the Texas supervisor, whose jurisdiction still keeps
  // OK's cases out of reach) and TX (the Texas supervisor, the other case manager).
  const okMembers = [
    { userId: staffIds.supervisor!, supervises: true },
    { userId: staffIds.caseManager!, supervises: false },
    { userId: staffIds.supervisorTx!, supervises: false },
    { userId: staffIds.recovery!, supervises: false },
  ];
  ids.teamOk = String((await send('admin', 'POST', '/api/v1/cases/teams', { name: 'Team OK', members: okMembers })).id);
  ids.teamOkMembers = JSON.stringify(okMembers);
  const txMembers = [
    { userId: staffIds.supervisorTx!, supervises: true },
    { userId: staffIds.caseManagerTx!, supervises: false },
  ];
  ids.teamTx = String((await send('admin', 'POST', '/api/v1/cases/teams', { name: 'Team TX', members: txMembers })).id);

  // Tips, analysed into the queue.
  const submit = async (description: string, city: string, state: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: { incident: { description }, location: { city, state }, children: [{ approximateAge: 15 }] },
    });
    if (res.statusCode !== 201) throw new Error(`tip ${res.body}`);
    return res.json<{ reference: string }>().reference;
  };
  ids.tipOk = await submit('A girl about 15 is taken to the motel by a man; his number is 405-555-0134.', 'Tulsa', 'OK');
  ids.tipTx = await submit('A boy about 15 sells at the truck stop for a man; his number is 806-555-0177.', 'Amarillo', 'TX');
  ids.tipDup = await submit('Same motel, same girl about 15, seen again on Friday night with the man.', 'Tulsa', 'OK');
  // Referred tips leave the open queue, so the referrals are of tips of their own.
  ids.tipReferredOk = await submit(
    'A girl about 16 is advertised from a house on Elm Street, with a man collecting money.',
    'Tulsa',
    'OK',
  );
  ids.tipReferredTx = await submit(
    'A boy about 16 is kept at a ranch outside town and driven to hotels at night.',
    'Amarillo',
    'TX',
  );

  // ESP: one report finished with a file (a tip in OK), one left open with a file.
  const espToken = (await createApiToken(t.db, system, { organisation: 'MatrixChat', scopes: ['esp:report'] })).token;
  const otherToken = (await createApiToken(t.db, system, { organisation: 'OtherChat', scopes: ['esp:report'] })).token;
  const bearer = { authorization: `Bearer ${espToken}` };
  const espReport = {
    incident: { type: 'online_enticement', description: 'An adult account offered a 14-year-old money to meet in Tulsa.' },
    location: { city: 'Tulsa', state: 'OK' },
    children: [{ approximateAge: 14 }],
  };
  const openEsp = async () => {
    const opened = await app.inject({ method: 'POST', url: '/api/v1/esp/reports', headers: bearer, payload: espReport });
    const reportId = opened.json<{ reportId: string }>().reportId;
    const { payload, headers } = multipartPng('file');
    const up = await app.inject({
      method: 'POST',
      url: `/api/v1/esp/reports/${reportId}/files`,
      headers: { ...bearer, ...headers },
      payload,
    });
    if (up.statusCode !== 201) throw new Error(`esp upload ${up.body}`);
    return { reportId, fileId: up.json<{ fileId: string }>().fileId };
  };
  const finished = await openEsp();
  ids.fileTip = (
    await app.inject({ method: 'POST', url: `/api/v1/esp/reports/${finished.reportId}/finish`, headers: bearer })
  ).json<{ reference: string }>().reference;
  ids.fileTipFile = finished.fileId;
  const open = await openEsp();
  ids.espOpen = open.reportId;
  ids.espOpenFile = open.fileId;
  await analysePending(analysisDepsOf({ db: t.db, keyring }));

  // Adverts, crossed: the TX advert carries tipOk's number, so its lead targets an OK tip.
  const adverts = path.join(dataDir, 'adverts.jsonl');
  await writeFile(
    adverts,
    [
      {
        id: 'matrix-ad-ok',
        site: 'ads.example',
        city: 'Tulsa',
        state: 'OK',
        posted_at: '2026-11-01T10:00:00Z',
        title: 'new in town',
        body: 'sweet company call 918-555-0142',
      },
      {
        id: 'matrix-ad-tx',
        site: 'ads.example',
        city: 'Amarillo',
        state: 'TX',
        posted_at: '2026-11-02T10:00:00Z',
        title: 'visiting',
        body: 'text four oh five 555 0134',
      },
      {
        id: 'matrix-ad-tx-own',
        site: 'ads.example',
        city: 'Lubbock',
        state: 'TX',
        posted_at: '2026-11-03T10:00:00Z',
        title: 'in town',
        body: 'call 806.555.0177 tonight',
      },
    ]
      .map((a) => JSON.stringify(a))
      .join('\n') + '\n',
  );
  await importAdverts(leadsDepsOf({ db: t.db, keyring }), {
    input: adverts,
    format: 'jsonl',
    workers: 1,
    stderr: new Writable({ write: (_c, _e, done) => done() }),
  });
  const advert = async (sourceId: string) =>
    (await t.db.selectFrom('adverts').select('id').where('source_id', '=', sourceId).executeTakeFirstOrThrow()).id;
  ids.advertOk = String(await advert('matrix-ad-ok'));
  ids.advertTx = String(await advert('matrix-ad-tx'));
  ids.networkOk = (
    await t.db
      .selectFrom('advert_links')
      .select('network_id')
      .where('advert_id', '=', ids.advertOk as never)
      .executeTakeFirstOrThrow()
  ).network_id;
  const lead = async (target: string, advertId: string) =>
    String(
      (
        await t.db
          .selectFrom('leads')
          .select('id')
          .where('target_ref', '=', target)
          .where('advert_id', '=', Number(advertId))
          .executeTakeFirstOrThrow()
      ).id,
    );
  // A lead is reached when both its advert and its target are: leadOk (TX advert, OK tip) only by the unlimited.
  ids.leadOk = await lead(ids.tipOk, ids.advertTx);
  ids.leadTx = await lead(ids.tipTx, String(await advert('matrix-ad-tx-own')));

  // Cases: OK in team OK assigned to the case manager; TX in team TX.
  const openCase = async (actor: Actor, name: string, teamId: string, assigneeId: string, state: string) =>
    String(
      (await send(actor, 'POST', '/api/v1/cases', { details: { identity: { name } }, teamId, assigneeId, state })).reference,
    );
  ids.caseOk = await openCase('supervisor', 'Okla Matrixchild', ids.teamOk, staffIds.caseManager!, 'OK');
  ids.caseTx = await openCase('supervisorTx', 'Tex Matrixchild', ids.teamTx, staffIds.caseManagerTx!, 'TX');
  // Missing from care (a placement), so both cases are in the AFCARS export of their teams.
  const episode = { leftFrom: 'placement', knownMissingAt: '2026-11-01T08:00:00Z' };
  ids.episodeOk = String((await send('caseManager', 'POST', `/api/v1/cases/${ids.caseOk}/episodes`, episode)).id);
  await send('caseManagerTx', 'POST', `/api/v1/cases/${ids.caseTx}/episodes`, episode);
  ids.taskOk = String((await send('caseManager', 'POST', `/api/v1/cases/${ids.caseOk}/tasks`, { title: 'Call the school' })).id);
  const photo = multipartPng('photo');
  const photoRes = await app.inject({
    method: 'POST',
    url: `/api/v1/cases/${ids.caseOk}/photos`,
    headers: { ...as(who.caseManager!), ...photo.headers },
    payload: photo.payload,
  });
  if (photoRes.statusCode !== 201) throw new Error(`photo ${photoRes.body}`);
  ids.photoOk = photoRes.json<{ id: string }>().id;
  await send('caseManager', 'POST', `/api/v1/cases/${ids.caseOk}/poster-request`, undefined, 204);
  await send('supervisor', 'POST', `/api/v1/cases/${ids.caseOk}/poster-approval`, {}, 200);
  ids.filterOk = String(
    (await send('caseManager', 'POST', '/api/v1/cases/saved-filters', { name: 'Mine', filter: { mine: true } })).id,
  );

  // Victim assistance plans: one on each case; the participant is invited to OK's, the other one to TX's.
  const startPlan = async (actor: Actor, caseRef: string) => {
    const plan = await send(actor, 'POST', `/api/v1/cases/${caseRef}/plan`, {});
    await send(actor, 'PUT', `/api/v1/plans/${String(plan.id)}`, { version: 1, content: planContent }, 200);
    return String(plan.id);
  };
  ids.planOk = await startPlan('supervisor', ids.caseOk);
  ids.participantPlanOk = ids.planOk;
  ids.planTx = await startPlan('supervisorTx', ids.caseTx);
  await t.db
    .insertInto('plan_participants')
    .values([
      { plan_id: ids.planOk, user_id: staffIds.participant!, participant_id: 'p-foster' },
      { plan_id: ids.planTx, user_id: staffIds.participantOther!, participant_id: 'p-foster' },
    ])
    .execute();
  const consent = {
    givenBy: 'young_person',
    recipientKind: 'health',
    shares: ['first_name'],
    givenOn: '2026-12-01',
    expiresOn: '2027-12-01',
  };
  const support = await send('supervisor', 'POST', `/api/v1/plans/${ids.planOk}/consents`, consent);
  ids.consentOk = String((support.consents as { id: string }[])[0]!.id);
  const referred = await send('supervisor', 'POST', `/api/v1/plans/${ids.planOk}/referrals`, {
    providerName: 'Matrix Clinic (demo)',
    serviceKind: 'medical',
    recipientKind: 'health',
  });
  ids.planRefOk = String((referred.referrals as { id: string }[])[0]!.id);
  const template = await send('supervisor', 'POST', '/api/v1/plan-templates', {
    name: 'Planted template',
    content: { needs: [] },
  });
  ids.templateOk = String(template.familyId);

  // A review request of public page text, with an expert's comment on its first line.
  ids.reviewOk = String(
    (
      await send('supervisor', 'POST', '/api/v1/review/requests', {
        kind: 'public_page_text',
        key: 'matrix-intro',
        title: 'Matrix introduction',
        proposed: 'Tell us what you saw.\nYou can stay anonymous.',
      })
    ).id,
  );
  const reviewed = await send('expert', 'POST', `/api/v1/review/requests/${ids.reviewOk}/comments`, {
    fromLine: 1,
    toLine: 1,
    body: 'Planted comment.',
  });
  ids.reviewCommentOk = String((reviewed.comments as { id: string }[])[0]!.id);

  // Referrals: tipOk to the OK agency, tipTx to the TX agency.
  const referral = async (tipRef: string, agencyId: string) =>
    String(
      (
        await send('supervisor', 'POST', `/api/v1/triage/tips/${tipRef}/referrals`, {
          agencyId,
          summary: 'A child at risk; please look into it.',
        })
      ).reference,
    );
  ids.refOk = await referral(ids.tipReferredOk, ids.agencyOk);
  ids.refTx = await referral(ids.tipReferredTx, ids.agencyTx);

  // Hotline drafts of the operator.
  ids.draftOk = String((await send('operator', 'POST', '/api/v1/hotline/drafts', {})).id);
  ids.draftSpare = String((await send('operator', 'POST', '/api/v1/hotline/drafts', {})).id);

  // Administration: a spare account to change, a reset a second admin asked for, a spare token, a CSV.
  ids.staffSpare = await addStaff(t.db, keyring, 'analyst', 'spare@matrix.test');
  const secondAdmin = await addStaff(t.db, keyring, 'admin', 'second-admin@matrix.test');
  ids.resetOk = (
    await t.db
      .insertInto('staff_reset_requests')
      .values({
        user_id: ids.staffSpare,
        kind: 'second_factor',
        requested_by: secondAdmin,
        expires_at: new Date(Date.now() + 3600_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  ids.tokenSpare = (await createApiToken(t.db, system, { organisation: 'SpareChat', scopes: ['esp:report'] })).id;
  ids.agencyCsv = toAgencyCsv(demoAgencies().slice(0, 2));
  // The resource directory: one Oklahoma provider, and a CSV of two others for the import.
  const providers = demoProviders({ seed: 5 }).filter((p) => p.code.startsWith('DEMO-OK-'));
  const planted = await importProviders({ db: t.db }, system, toProviderCsv(providers.slice(0, 1)));
  if (planted.kind !== 'ok') throw new Error('providers');
  ids.providerOk = (
    await t.db.selectFrom('providers').select('id').where('code', '=', planted.created[0]!).executeTakeFirstOrThrow()
  ).id;
  ids.providerCsv = toProviderCsv(providers.slice(1, 3));

  // Peer support: a family, two approved volunteers with accounts; the matrix volunteer is matched with
  // the family (consent recorded), the other is matched with a second family (the spare match to end).
  const family = (name: string) => ({
    details: { name, contacts: [{ label: 'Mother', value: '555-0199', sharedWithVolunteer: true }], noteForVolunteer: null },
    region: 'OK',
    languages: ['en'],
    experience: ['runaway'],
    preferences: [],
  });
  const volunteer = async (name: string, limit: number, account?: Actor) => {
    const id = String(
      (
        await send('supervisor', 'POST', '/api/v1/volunteers', {
          name: `Matrix ${name}`,
          languages: ['en'],
          regions: ['OK'],
          livedExperience: ['runaway'],
          preferences: [],
          familyLimit: limit,
          ...(account ? { accountEmail: `${account.toLowerCase()}@matrix.test` } : {}),
        })
      ).id,
    );
    for (const stage of ['application', 'background_check', 'training', 'interview', 'confidentiality'])
      await send('supervisor', 'POST', `/api/v1/volunteers/${id}/stages`, { stage, completedOn: '2026-01-05', validUntil: null });
    return id;
  };
  ids.familyOk = String((await send('supervisor', 'POST', '/api/v1/families', family('The Matrix family'))).id);
  const familySpare = String((await send('supervisor', 'POST', '/api/v1/families', family('The Spare family'))).id);
  const matched = await volunteer('matched', 1, 'volunteer');
  const other = await volunteer('other', 1, 'volunteerOther');
  ids.matchOk = String(
    (await send('supervisor', 'POST', `/api/v1/families/${ids.familyOk}/matches`, { volunteerId: matched })).id,
  );
  ids.peerMatchOk = ids.matchOk;
  await send('supervisor', 'POST', `/api/v1/matches/${ids.matchOk}/consent`, { consentOn: '2026-12-01' }, 200);
  ids.matchSpare = String(
    (await send('supervisor', 'POST', `/api/v1/families/${familySpare}/matches`, { volunteerId: other })).id,
  );
  // One more, with room, for the shortlist and the confirm rows.
  ids.volunteerOk = await volunteer('with room', 3);

  // Advocacy: the advocate is assigned to familyOk, which is linked to caseOk and has a contact with a follow-up.
  ids.advocacyFamilyOk = ids.familyOk;
  ids.advocateUser = staffIds.advocate!;
  await send('supervisor', 'POST', `/api/v1/families/${ids.familyOk}/advocates`, { userId: staffIds.advocate });
  ids.advocateSpare = await addStaff(t.db, keyring, 'family_advocate', 'advocate-spare@matrix.test');
  await send('supervisor', 'POST', `/api/v1/families/${ids.familyOk}/advocates`, { userId: ids.advocateSpare });
  await send('supervisor', 'POST', `/api/v1/families/${ids.familyOk}/cases`, { reference: ids.caseOk });
  ids.familyContactOk = String(
    (
      await send('advocate', 'POST', `/api/v1/advocacy/families/${ids.familyOk}/contacts`, {
        contactedOn: '2026-12-01',
        summary: 'First call.',
        followUpOn: '2026-12-08',
      })
    ).id,
  );

  // A disabled account and an expired session, each signed in while it was still good.
  await t.db.updateTable('staff_users').set({ disabled_at: new Date() }).where('id', '=', staffIds.disabled!).execute();
  await t.db
    .updateTable('staff_sessions')
    .set({ expires_at: new Date(Date.now() - 60_000) })
    .where('user_id', '=', staffIds.expired!)
    .execute();

  // A training certificate, public to anyone holding its code.
  ids.certificateOk = (
    await t.db
      .insertInto('training_certificates')
      .values({
        code: 'ABCD-2345',
        name: 'Sam Demo',
        course: 'recognise-respond',
        path: 'education',
        lang: 'en',
        pass_id: 'plant',
      })
      .returning('code')
      .executeTakeFirstOrThrow()
  ).code;
  // A registered learner, a session the trainer scheduled, and one registration (its manage link's token).
  const { cookie: learnerCookie } = await registerLearner(app, {
    name: 'Lee Learner',
    email: 'learner@matrix.test',
    organisation: 'School',
    role: 'education',
    state: 'OK',
    password: 'learner passphrase long',
  });
  if (learnerCookie === undefined) throw new Error('the planted learner was not registered');
  const startsAt = new Date(Date.now() + 5 * 86_400_000);
  const trainingSession = await send('trainer', 'POST', '/api/v1/training/sessions', {
    course: 'recognise-respond',
    audience: 'education',
    lang: 'en',
    place: 'Matrix hall',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    capacity: 2,
  });
  ids.trainingSessionOk = String(trainingSession.id);
  const registered1 = await app.inject({
    method: 'POST',
    url: `/learn/sessions/${ids.trainingSessionOk}`,
    headers: FORM,
    payload: 'name=Pat+Planted&email=pat%40matrix.test',
  });
  ids.bookingTokenOk = /\/learn\/bookings\/([^?]+)/.exec(String(registered1.headers.location))![1]!;
  const bookingRow = await t.db
    .selectFrom('training_bookings')
    .select('id')
    .where('session_id', '=', ids.trainingSessionOk)
    .executeTakeFirstOrThrow();
  ids.bookingOk = bookingRow.id;

  const headers = {} as Record<Actor, Record<string, string>>;
  headers.anonymous = {};
  headers.learner = { cookie: learnerCookie };
  for (const [actor] of STAFF) headers[actor] = as(who[actor]!);
  headers.esp = bearer;
  headers.espOther = { authorization: `Bearer ${otherToken}` };
  // A released year of public statistics (figures only; nothing behind them).
  await t.db
    .insertInto('stats_releases')
    .values({
      subject: 'tips',
      year: 2025,
      version: 1,
      rules: JSON.stringify({ k: 11, protection: 5, tables: [['state', 'category'], ['channel']] }),
      dims: JSON.stringify(['state', 'category', 'channel']),
      figures: JSON.stringify([
        { key: ['*', '*', '*'], count: 40 },
        { key: ['OK', '*', '*'], count: null, hidden: 'fewer_than_k' },
      ]),
    })
    .execute();

  return { app, keyring, registered, ids, headers, staffIds };
}
