/**
 * The route × actor access matrix: what every route answers to every kind of caller.
 *
 * One row a route (Fastify path syntax). A row says which permission the route needs (`need`), the
 * planted records its URL names (`at`: path param → fixture), and whether it returns a child's data
 * (`child`: the audit coverage test calls it and expects an entry). The answer of each cell follows:
 *   - `public` routes: anyone gets `ok`;
 *   - `esp` routes: a bearer token of the esp:report scope; every other caller 401;
 *   - staff routes: no live session (anonymous, disabled, expired, bearer tokens) 401; a role
 *     without the permission 403; a record outside the actor's reach (REACH) 404; else `ok`.
 * `cells` overrides a cell; `knownHole` marks a cell whose secure answer the code does not give
 * yet (the test expects it to fail until the fix lands). `lists` names the record in reach and
 * the record out of reach of the limited actors, checked in what a list route returns.
 * `ok` means the request passed access control: any 2xx or 3xx, or a 400/409/422 about the body
 * or the record's state.
 */
import type { Permission } from '../../src/security/index.ts';

export const ACTORS = [
  'anonymous',
  'admin',
  'supervisor',
  'analyst',
  'caseManager',
  'partner',
  'operator',
  // Limited: to Texas (the planted OK records are out of reach), another agency, another case team.
  'analystTx',
  'supervisorTx',
  'partnerTx',
  'caseManagerTx',
  // Recovery specialist on team OK; outside participants invited to the OK plan and to the TX plan.
  'recovery',
  'participant',
  'participantOther',
  // A survivor expert: review requests only, never a child, case, tip or family.
  'expert',
  // Peer support volunteers: one matched (consent recorded) with familyOk, one matched with no family.
  'volunteer',
  'volunteerOther',
  // Family advocates: one assigned to familyOk, one assigned to no family.
  'advocate',
  'advocateOther',
  // A trainer (sessions and rosters) and a registered learner (public pages only; no staff route).
  'trainer',
  'learner',
  'disabled',
  'expired',
  // ESP bearer tokens: the organisation that opened the planted report, and another one.
  'esp',
  'espOther',
] as const;
export type Actor = (typeof ACTORS)[number];

export type Answer = 'ok' | 401 | 403 | 404;

/** Records planted once before the matrix runs (see plant.ts). */
export type Fixture =
  | 'tipOk'
  | 'tipTx'
  | 'tipDup'
  | 'fileTip'
  | 'fileTipFile'
  | 'caseOk'
  | 'caseTx'
  | 'episodeOk'
  | 'taskOk'
  | 'photoOk'
  | 'refOk'
  | 'refTx'
  | 'teamOk'
  | 'filterOk'
  | 'draftOk'
  | 'draftSpare'
  | 'espOpen'
  | 'espOpenFile'
  | 'advertOk'
  | 'advertTx'
  | 'networkOk'
  | 'leadOk'
  | 'leadTx'
  | 'staffSpare'
  | 'resetOk'
  | 'tokenSpare'
  | 'planOk'
  | 'planTx'
  | 'consentOk'
  | 'planRefOk'
  | 'templateOk'
  | 'participantPlanOk'
  | 'providerOk'
  | 'reviewOk'
  | 'reviewCommentOk'
  | 'certificateOk'
  | 'familyOk'
  | 'volunteerOk'
  | 'matchOk'
  | 'matchSpare'
  | 'peerMatchOk'
  | 'advocacyFamilyOk'
  | 'familyContactOk'
  | 'advocateSpare'
  | 'trainingSessionOk'
  | 'bookingOk'
  | 'bookingTokenOk';

const tipOkReach: Actor[] = ['supervisor', 'analyst'];
const tipTxReach: Actor[] = ['supervisor', 'analyst', 'supervisorTx', 'analystTx'];
const caseOkReach: Actor[] = ['supervisor', 'analyst', 'caseManager', 'recovery'];
const planOkReach: Actor[] = ['supervisor', 'recovery'];
/** Who reaches each planted record (before any permission check: a role without the permission gets 403 first). */
export const REACH: Record<Fixture, readonly Actor[] | 'anyone'> = {
  tipOk: tipOkReach,
  tipDup: tipOkReach,
  fileTip: tipOkReach,
  fileTipFile: tipOkReach,
  tipTx: tipTxReach,
  caseOk: caseOkReach,
  episodeOk: caseOkReach,
  taskOk: caseOkReach,
  photoOk: caseOkReach,
  caseTx: ['analyst', 'analystTx', 'supervisorTx', 'caseManagerTx'],
  refOk: ['supervisor', 'analyst', 'partner'],
  refTx: ['supervisor', 'analyst', 'supervisorTx', 'analystTx', 'partnerTx'],
  teamOk: 'anyone',
  filterOk: ['caseManager'],
  draftOk: ['operator'],
  draftSpare: ['operator'],
  espOpen: ['esp'],
  espOpenFile: ['esp'],
  advertOk: tipOkReach,
  networkOk: tipOkReach,
  advertTx: tipTxReach,
  // A lead is reached when both its advert and its target are (leadOk: an advert in TX sharing a number with tipOk).
  leadOk: tipOkReach,
  leadTx: tipTxReach,
  // Administration is organisation-wide: the permission alone decides.
  staffSpare: 'anyone',
  resetOk: 'anyone',
  tokenSpare: 'anyone',
  // A plan is reached through its case (in SQL); an outside participant reaches only the plan invited to.
  planOk: planOkReach,
  consentOk: planOkReach,
  planRefOk: planOkReach,
  planTx: ['supervisorTx'],
  templateOk: 'anyone',
  participantPlanOk: ['participant'],
  // The resource directory lists organisations, not children: the permission alone decides.
  providerOk: 'anyone',
  // Review requests hold material (templates, page text), not children: the permission alone decides.
  reviewOk: 'anyone',
  reviewCommentOk: 'anyone',
  certificateOk: 'anyone',
  // Families, the roster and matches are the coordinators' across the organisation: the permission
  // alone decides. A volunteer reaches only their own match in force, with the family's consent.
  familyOk: 'anyone',
  volunteerOk: 'anyone',
  matchOk: 'anyone',
  matchSpare: 'anyone',
  peerMatchOk: ['volunteer'],
  // Advocacy reaches a family by assignment (advocates) or by state (supervisors; familyOk is in OK).
  advocacyFamilyOk: ['supervisor', 'advocate'],
  familyContactOk: ['supervisor', 'advocate'],
  // An advocate account that is no actor, assigned to familyOk only to be taken off it.
  advocateSpare: 'anyone',
  // Training sessions hold professionals' registrations, not children: the permission alone decides.
  trainingSessionOk: 'anyone',
  bookingOk: 'anyone',
  bookingTokenOk: 'anyone',
};

/** What was planted: each fixture's URL value, plus `agencyOk`, `teamOkMembers` (JSON), `agencyCsv` and `providerCsv` for bodies. */
export type Planted = Record<string, string>;
export type Body = Record<string, unknown> | ((ids: Planted, actor: Actor) => Record<string, unknown>);

export interface RouteRule {
  need: 'public' | 'esp' | 'signingIn' | 'session' | Permission | readonly Permission[];
  at?: Partial<Record<string, Fixture>>;
  child?: true;
  lists?: readonly [Fixture, Fixture];
  query?: string;
  /** The URL to call when the path has a wildcard. */
  url?: string;
  body?: Body;
  /** Send the body as multipart with one small PNG in this field. */
  upload?: string;
  form?: string;
  cells?: Partial<Record<Actor, Answer>>;
  knownHole?: Partial<Record<Actor, string>>;
  /** Audit coverage: the finding when the route does not write an entry yet. */
  auditHole?: string;
}

const tip = {
  incident: { description: 'A girl about 15 is brought to the truck stop by an older man every weekend night.' },
  location: { city: 'Tulsa', state: 'OK' },
  children: [{ approximateAge: 15 }],
};
/** The OK plan's content as planted (plant.ts): a foster parent who owns one action. */
export const planContent = {
  participants: [
    { id: 'p-young', kind: 'young_person', name: 'Okla', tookPart: true },
    { id: 'p-guardian', kind: 'guardian', name: 'Guardian', tookPart: false, notPartReason: 'Parental rights ended.' },
    { id: 'p-foster', kind: 'foster_parent', name: 'Foster Parent', tookPart: true },
  ],
  youngPersonWords: 'I want to go back to school.',
  needs: [
    {
      id: 'n-med',
      domain: 'medical_dental',
      description: 'Dental pain not treated for months.',
      goals: [
        {
          id: 'g-dentist',
          description: 'Teeth treated',
          measure: 'Treatment finished',
          targetOn: '2027-03-01',
          actions: [
            {
              id: 'a-foster',
              description: 'Take her to the dentist',
              owner: { kind: 'foster_parent', participantId: 'p-foster' },
              dueOn: '2027-01-15',
            },
            { id: 'a-staff', description: 'Find a dentist', owner: { kind: 'recovery_specialist' }, dueOn: '2027-01-05' },
          ],
        },
      ],
    },
  ],
  sharing: { goals: true, youngPersonWords: false },
};
const consentBody = {
  givenBy: 'young_person',
  recipientKind: 'health',
  shares: ['first_name', 'needs'],
  givenOn: '2026-12-01',
  expiresOn: '2027-12-01',
};
const templateBody = {
  name: 'Matrix template',
  content: {
    needs: [
      {
        domain: 'education',
        description: 'Back to school',
        goals: [
          {
            description: 'Enrolled',
            measure: 'Attends',
            targetInDays: 60,
            actions: [{ description: 'Call the school', ownerKind: 'recovery_specialist', dueInDays: 7 }],
          },
        ],
      },
    ],
  },
};
const caseDetails = { details: { identity: { name: 'Matrix Testchild' } } };
const refer = (ids: Planted) => ({ agencyId: ids.agencyOk, summary: 'A child seen at the truck stop; please look into it.' });
const STALE = 999;
const every = (answer: Answer) => Object.fromEntries(ACTORS.map((a) => [a, answer])) as Record<Actor, Answer>;
const everyStaffOk: Partial<Record<Actor, Answer>> = {
  admin: 'ok',
  supervisor: 'ok',
  analyst: 'ok',
  caseManager: 'ok',
  partner: 'ok',
  operator: 'ok',
  analystTx: 'ok',
  supervisorTx: 'ok',
  partnerTx: 'ok',
  caseManagerTx: 'ok',
  recovery: 'ok',
  participant: 'ok',
  participantOther: 'ok',
  expert: 'ok',
  volunteer: 'ok',
  volunteerOther: 'ok',
  advocate: 'ok',
  advocateOther: 'ok',
  trainer: 'ok',
};
const everyStaff = (answer: Answer): Partial<Record<Actor, Answer>> =>
  Object.fromEntries(Object.keys(everyStaffOk).map((a) => [a, answer]));

export const MATRIX: Record<string, RouteRule> = {
  // ---- public pages and system
  'GET /': { need: 'public' },
  'GET /report': { need: 'public' },
  'POST /report': { need: 'public', form: 'step=what' },
  'GET /learn': { need: 'public' },
  'GET /stats': { need: 'public' },
  'GET /learn/courses': { need: 'public' },
  'GET /learn/courses/:course/:path': { need: 'public', url: '/learn/courses/recognise-respond/education' },
  'GET /learn/courses/:course/:path/modules/:module': {
    need: 'public',
    url: '/learn/courses/recognise-respond/education/modules/what-it-is',
  },
  'GET /learn/courses/:course/:path/case': { need: 'public', url: '/learn/courses/recognise-respond/education/case' },
  'POST /learn/courses/:course/:path/case': {
    need: 'public',
    url: '/learn/courses/recognise-respond/education/case',
    form: 'choice=a',
  },
  'GET /learn/courses/:course/:path/quiz': { need: 'public', url: '/learn/courses/recognise-respond/education/quiz' },
  'POST /learn/courses/:course/:path/quiz': {
    need: 'public',
    url: '/learn/courses/recognise-respond/education/quiz',
    form: 'q=value',
  },
  'POST /learn/courses/:course/:path/certificate': {
    need: 'public',
    url: '/learn/courses/recognise-respond/education/certificate',
    form: 'pass=x',
  },
  'GET /learn/certificates/:code': { need: 'public', at: { code: 'certificateOk' } },
  'GET /learn/certificates/:code/certificate.pdf': { need: 'public', at: { code: 'certificateOk' } },
  'GET /learn/certificates/:code/credential.jwt': { need: 'public', at: { code: 'certificateOk' } },
  'GET /verify/:code': { need: 'public', at: { code: 'certificateOk' } },
  'GET /.well-known/jwks.json': { need: 'public' },
  'GET /api/v1/training/issuer': { need: 'public' },
  'GET /api/v1/training/status/1': { need: 'public' },
  'GET /api/v1/training/completions': { need: 'training.report' },
  'GET /learn/account': { need: 'public' },
  'GET /learn/account/register': { need: 'public' },
  'POST /learn/account/register': { need: 'public', form: 'name=X&email=bad' },
  'GET /learn/account/sign-in': { need: 'public' },
  'POST /learn/account/sign-in': { need: 'public', form: 'email=learner%40matrix.test&password=learner+passphrase+long' },
  'POST /learn/account/sign-out': { need: 'public' },
  'GET /learn/sessions': { need: 'public' },
  'GET /learn/sessions/:id': { need: 'public', at: { id: 'trainingSessionOk' } },
  'POST /learn/sessions/:id': { need: 'public', at: { id: 'trainingSessionOk' }, form: 'name=&email=' },
  'GET /learn/bookings/:token': { need: 'public', at: { token: 'bookingTokenOk' } },
  'POST /learn/bookings/:token/cancel': { need: 'public', at: { token: 'bookingTokenOk' } },
  'GET /api/v1/training/sessions': { need: 'training.schedule' },
  'POST /api/v1/training/sessions': {
    need: 'training.schedule',
    body: {
      course: 'recognise-respond',
      audience: 'education',
      lang: 'en',
      place: 'Matrix annex',
      startsAt: '2031-01-01T15:00:00Z',
      endsAt: '2031-01-01T17:00:00Z',
      capacity: 5,
    },
  },
  'GET /api/v1/training/sessions/:id': { need: 'training.schedule', at: { id: 'trainingSessionOk' } },
  'POST /api/v1/training/sessions/:id/bookings/:booking/cancel': {
    need: 'training.schedule',
    at: { id: 'trainingSessionOk', booking: 'bookingOk' },
  },
  'POST /api/v1/training/sessions/:id/attendance': {
    need: 'training.schedule',
    at: { id: 'trainingSessionOk' },
    body: (ids) => ({ marks: [{ booking: ids.bookingOk, mark: 'attended' }] }),
  },
  'GET /assets/public.css': { need: 'public' },
  'GET /assets/uswds/*': { need: 'public', url: '/assets/uswds/css/uswds.min.css' },
  'GET /app': { need: 'public' },
  'GET /app/*': { need: 'public', url: '/app/cases' },
  'GET /api/v1/health': { need: 'public' },
  'GET /api/v1/openapi.json': { need: 'public' },
  'GET /api/v1/stats/tips': { need: 'public' },
  'GET /api/v1/stats/tips/:year': { need: 'public', url: '/api/v1/stats/tips/2025' },
  'GET /api/v1/stats/releases': { need: 'public' },
  'GET /api/v1/stats/dashboard': { need: 'stats.read' },
  'GET /api/v1/stats/dashboard/:section/csv': { need: 'stats.read', url: '/api/v1/stats/dashboard/tips_by_state/csv' },
  // ---- signing in
  // A wrong password or code is refused alike, whoever asks.
  // One unknown email per caller: five failures in a row on one email answer 429 (the throttle), whoever asks.
  'POST /api/v1/auth/login': {
    need: 'public',
    body: (_ids, actor) => ({ email: `nobody-${actor}@example.test`, password: 'not the password' }),
    cells: every(401),
  },
  'GET /api/v1/auth/session': { need: 'session', cells: { ...everyStaffOk } },
  'POST /api/v1/auth/totp/enrol': { need: 'signingIn' },
  'POST /api/v1/auth/totp/enrol/confirm': { need: 'signingIn', body: { code: '000000' } },
  'POST /api/v1/auth/totp': { need: 'signingIn', body: { code: '000000' }, cells: every(401) },
  'GET /api/v1/auth/second-factors': { need: 'signingIn' },
  'POST /api/v1/auth/passkey/options': { need: 'signingIn' },
  'POST /api/v1/auth/passkey': { need: 'signingIn', body: {} },
  'GET /api/v1/passkeys': { need: 'session', cells: { ...everyStaffOk } },
  'POST /api/v1/passkeys/options': { need: 'signingIn' },
  'POST /api/v1/passkeys': { need: 'signingIn', body: {} },
  // Nobody holds this passkey: every signed-in caller gets the same 404 as for another user's key.
  'DELETE /api/v1/passkeys/:id': {
    need: 'session',
    url: '/api/v1/passkeys/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
    cells: everyStaff(404),
  },
  'POST /api/v1/auth/setup': { need: 'public', body: { token: 'not-a-set-up-token', password: 'long enough password here' } },
  // ---- tips
  'POST /api/v1/reports': { need: 'public', body: tip },
  'GET /api/v1/reports': { need: 'report.list', child: true, lists: ['tipOk', 'tipTx'] },
  'GET /api/v1/reports/:reference': { need: 'report.read', at: { reference: 'tipOk' }, child: true },
  'GET /api/v1/reports/export.csv': { need: 'report.export_bulk', child: true, lists: ['tipOk', 'tipTx'] },
  'GET /api/v1/reports/:reference/export': {
    need: 'report.export',
    at: { reference: 'tipOk' },
    query: 'format=json',
    child: true,
  },
  'GET /api/v1/reports/:reference/files': { need: 'report.read', at: { reference: 'fileTip' }, child: true },
  'GET /api/v1/reports/:reference/files/:fileId/content': {
    need: 'file.view',
    at: { reference: 'fileTip', fileId: 'fileTipFile' },
    child: true,
  },
  // ---- ESP API
  'POST /api/v1/esp/reports': { need: 'esp', body: tip },
  'POST /api/v1/esp/reports/:id/files': { need: 'esp', at: { id: 'espOpen' }, upload: 'file' },
  'PUT /api/v1/esp/reports/:id/files/:fileId': {
    need: 'esp',
    at: { id: 'espOpen', fileId: 'espOpenFile' },
    body: { description: 'A screenshot' },
  },
  'POST /api/v1/esp/reports/:id/finish': { need: 'esp', at: { id: 'espOpen' } },
  'POST /api/v1/esp/reports/:id/retract': { need: 'esp', at: { id: 'espOpen' } },
  'POST /api/v1/esp/batch': { need: 'esp', body: { reports: [tip] } },
  // ---- hotline
  'POST /api/v1/hotline/drafts': { need: 'draft.write', body: {} },
  'GET /api/v1/hotline/drafts': { need: 'draft.write', child: true },
  'GET /api/v1/hotline/drafts/:id': { need: 'draft.write', at: { id: 'draftOk' }, child: true },
  'PUT /api/v1/hotline/drafts/:id': { need: 'draft.write', at: { id: 'draftOk' }, body: { version: STALE, report: {} } },
  'POST /api/v1/hotline/drafts/:id/submit': { need: 'draft.submit', at: { id: 'draftOk' }, body: { version: STALE } },
  'POST /api/v1/hotline/drafts/:id/discard': { need: 'draft.write', at: { id: 'draftSpare' } },
  // ---- cases
  'GET /api/v1/cases/indicators': { need: 'session' },
  'GET /api/v1/cases/teams': { need: ['case.read', 'case.team_manage'] },
  'POST /api/v1/cases/teams': { need: 'case.team_manage', body: { name: 'Matrix team', members: [] } },
  'PUT /api/v1/cases/teams/:id': {
    need: 'case.team_manage',
    at: { id: 'teamOk' },
    body: (ids) => ({ name: 'Team OK', members: JSON.parse(ids.teamOkMembers!) as unknown[] }),
  },
  'GET /api/v1/cases/dashboard': { need: 'case.read', child: true },
  'POST /api/v1/cases/language-suggestions': { need: 'case.update', body: { text: 'She is a child.' } },
  'GET /api/v1/cases': { need: 'case.read', child: true, lists: ['caseOk', 'caseTx'] },
  'POST /api/v1/cases': { need: 'case.create', body: caseDetails },
  'GET /api/v1/staff/directory': { need: 'case.read' },
  // A saved filter may hold a child's name (a name search).
  'GET /api/v1/cases/saved-filters': { need: 'case.read', child: true },
  'POST /api/v1/cases/saved-filters': { need: 'case.read', body: { name: 'Open ones', filter: { status: 'open' } } },
  'DELETE /api/v1/cases/saved-filters/:id': { need: 'case.read', at: { id: 'filterOk' } },
  'GET /api/v1/cases/:reference': { need: 'case.read', at: { reference: 'caseOk' }, child: true },
  'PATCH /api/v1/cases/:reference': { need: 'case.update', at: { reference: 'caseOk' }, body: { version: STALE } },
  'POST /api/v1/cases/:reference/close-request': {
    need: 'case.update',
    at: { reference: 'caseOk' },
    body: { version: STALE, reason: 'recovered' },
  },
  'POST /api/v1/cases/:reference/close-approve': {
    need: 'case.close_approve',
    at: { reference: 'caseOk' },
    body: { version: STALE },
  },
  'POST /api/v1/cases/:reference/close-reject': {
    need: 'case.close_approve',
    at: { reference: 'caseOk' },
    body: { version: STALE },
  },
  'GET /api/v1/cases/:reference/episodes': { need: 'case.read', at: { reference: 'caseOk' }, child: true },
  'POST /api/v1/cases/:reference/episodes': {
    need: 'case.update',
    at: { reference: 'caseOk' },
    body: { leftFrom: 'home', knownMissingAt: '2026-10-01T00:00:00Z' },
  },
  'PUT /api/v1/cases/:reference/episodes/:id': {
    need: 'case.update',
    at: { reference: 'caseOk', id: 'episodeOk' },
    body: { version: STALE, leftFrom: 'home', knownMissingAt: '2026-01-01T00:00:00Z' },
  },
  'POST /api/v1/cases/:reference/episodes/:id/review': {
    need: 'case.close_approve',
    at: { reference: 'caseOk', id: 'episodeOk' },
  },
  'GET /api/v1/cases/:reference/observations': { need: 'case.read', at: { reference: 'caseOk' }, child: true },
  'POST /api/v1/cases/:reference/observations': {
    need: 'case.update',
    at: { reference: 'caseOk' },
    body: { observedAt: '2026-11-02T00:00:00Z', observer: 'Matrix', source: 'school', indicator: 'neglect' },
  },
  'GET /api/v1/cases/:reference/tasks': { need: 'case.read', at: { reference: 'caseOk' }, child: true },
  'POST /api/v1/cases/:reference/tasks': { need: 'case.update', at: { reference: 'caseOk' }, body: { title: 'Call the school' } },
  'PATCH /api/v1/cases/:reference/tasks/:id': {
    need: 'case.update',
    at: { reference: 'caseOk', id: 'taskOk' },
    body: { version: STALE },
  },
  'GET /api/v1/cases/:reference/links': { need: 'case.read', at: { reference: 'caseOk' }, child: true },
  // The case manager reaches the case but not the tip it links.
  'POST /api/v1/cases/:reference/links': {
    need: 'case.link',
    at: { reference: 'caseOk' },
    body: (ids) => ({ kind: 'tip', reference: ids.tipOk, reason: 'Same child' }),
    cells: { caseManager: 404 },
  },
  'GET /api/v1/cases/:reference/notes': { need: 'case.read', at: { reference: 'caseOk' }, child: true },
  'POST /api/v1/cases/:reference/notes': {
    need: 'case.update',
    at: { reference: 'caseOk' },
    body: { text: 'Spoke to the school.' },
  },
  'GET /api/v1/cases/:reference/timeline': { need: 'case.read', at: { reference: 'caseOk' }, child: true },
  'POST /api/v1/cases/:reference/photos': { need: 'case.update', at: { reference: 'caseOk' }, upload: 'photo' },
  'GET /api/v1/cases/:reference/photos': { need: 'case.read', at: { reference: 'caseOk' }, child: true },
  'GET /api/v1/cases/:reference/photos/:photoId': {
    need: 'case.read',
    at: { reference: 'caseOk', photoId: 'photoOk' },
    child: true,
  },
  'POST /api/v1/cases/:reference/poster-approval': {
    need: 'case.poster_approve',
    at: { reference: 'caseOk' },
    body: { version: STALE },
  },
  'GET /api/v1/cases/:reference/poster': { need: 'case.poster', at: { reference: 'caseOk' }, child: true },
  'POST /api/v1/cases/:reference/poster-request': { need: 'case.poster', at: { reference: 'caseOk' } },
  'GET /api/v1/cases/:reference/poster.pdf': { need: 'case.poster', at: { reference: 'caseOk' }, child: true },
  'GET /api/v1/cases/afcars.csv': { need: 'case.export', child: true, lists: ['caseOk', 'caseTx'] },
  'GET /api/v1/cases/:reference/afcars': { need: 'case.export', at: { reference: 'caseOk' }, child: true },
  // ---- triage and referrals
  'GET /api/v1/triage/queue': { need: 'tip.triage', child: true, lists: ['tipOk', 'tipTx'] },
  'GET /api/v1/triage/tips/:reference': { need: 'tip.triage', at: { reference: 'tipOk' }, child: true },
  'POST /api/v1/triage/tips/:reference/actions': {
    need: 'tip.triage',
    at: { reference: 'tipOk' },
    body: { action: 'start_review' },
  },
  'POST /api/v1/triage/tips/:reference/notes': {
    need: 'tip.triage',
    at: { reference: 'tipOk' },
    body: { text: 'Called the reporter back.' },
  },
  'POST /api/v1/triage/tips/:reference/merge': {
    need: 'tip.triage',
    at: { reference: 'tipOk' },
    body: (ids) => ({ duplicate: ids.tipDup }),
  },
  'DELETE /api/v1/triage/tips/:reference/merge': { need: 'tip.triage', at: { reference: 'tipDup' } },
  'POST /api/v1/triage/bulk-close': { need: 'tip.triage', body: { references: ['BCN-2000-999999'], reason: 'spam' } },
  'GET /api/v1/triage/rules': { need: 'tip.triage' },
  'PUT /api/v1/triage/rules': { need: 'triage.rules', body: { sla: {}, rules: [] } },
  // The proposals tell where the tip's child is.
  'GET /api/v1/triage/tips/:reference/agencies': { need: 'referral.send', at: { reference: 'tipOk' }, child: true },
  'POST /api/v1/triage/tips/:reference/referrals': { need: 'referral.send', at: { reference: 'tipOk' }, body: refer },
  'GET /api/v1/referrals': { need: ['referral.track', 'referral.receive'], child: true, lists: ['refOk', 'refTx'] },
  'GET /api/v1/referrals/:reference': { need: ['referral.track', 'referral.receive'], at: { reference: 'refOk' }, child: true },
  'GET /api/v1/referrals/:reference/package': {
    need: ['referral.track', 'referral.receive'],
    at: { reference: 'refOk' },
    query: 'format=json',
    child: true,
  },
  // refOk's agency is on Beacon: a hand-off outside Beacon is refused (409), after access control.
  'POST /api/v1/referrals/:reference/passed-on': {
    need: 'referral.send',
    at: { reference: 'refOk' },
    body: { method: 'phone', at: '2026-11-30T10:00:00.000Z', toRole: 'duty_officer' },
  },
  'POST /api/v1/referrals/:reference/acknowledge': { need: 'referral.receive', at: { reference: 'refOk' } },
  'POST /api/v1/referrals/:reference/outcome': {
    need: 'referral.receive',
    at: { reference: 'refOk' },
    body: { outcome: 'child_located' },
  },
  'GET /api/v1/agencies': { need: 'agency.read' },
  'GET /api/v1/agencies/propose': { need: 'agency.read', query: 'state=OK&city=Tulsa' },
  // ---- leads
  'GET /api/v1/adverts': { need: 'advert.read', child: true, lists: ['advertOk', 'advertTx'] },
  'GET /api/v1/adverts/:id': { need: 'advert.read', at: { id: 'advertOk' }, child: true },
  'GET /api/v1/networks/:id': { need: 'advert.read', at: { id: 'networkOk' }, child: true },
  'GET /api/v1/leads': { need: 'lead.review', child: true, lists: ['leadOk', 'leadTx'] },
  'POST /api/v1/leads/:id/decision': { need: 'lead.review', at: { id: 'leadOk' }, body: { decision: 'confirm' } },
  'GET /api/v1/hubs': { need: 'advert.read' },
  'PUT /api/v1/hubs': { need: 'hub.edit', body: { listed: [], allowed: [] } },
  'POST /api/v1/lexicon/entries': {
    need: 'lexicon.edit',
    body: { code: 'matrix-test', kind: 'phrase', match: 'matrix phrase', category: 'test' },
  },
  // ---- resource directory
  'GET /api/v1/providers': { need: 'directory.read', query: 'zip=74103' },
  'GET /api/v1/providers/:id': { need: 'directory.read', at: { id: 'providerOk' } },
  'POST /api/v1/providers/import': { need: 'directory.manage', body: (ids) => ({ csv: ids.providerCsv }) },
  'POST /api/v1/providers/:id/verified': { need: 'directory.manage', at: { id: 'providerOk' } },
  // ---- administration (staff accounts, resets, sign-ins, ESP tokens, the agency directory)
  'GET /api/v1/admin/staff': { need: 'staff.manage' },
  'POST /api/v1/admin/staff': {
    need: 'staff.manage',
    body: (_ids, actor) => ({ email: `invited-${actor.toLowerCase()}@matrix.test`, role: 'analyst' }),
  },
  'PATCH /api/v1/admin/staff/:id': { need: 'staff.manage', at: { id: 'staffSpare' }, body: { jurisdictions: ['OK'] } },
  'POST /api/v1/admin/staff/:id/disable': { need: 'staff.manage', at: { id: 'staffSpare' } },
  'POST /api/v1/admin/staff/:id/enable': { need: 'staff.manage', at: { id: 'staffSpare' } },
  'POST /api/v1/admin/staff/:id/reset-requests': { need: 'staff.manage', at: { id: 'staffSpare' }, body: { kind: 'password' } },
  'GET /api/v1/admin/reset-requests': { need: 'staff.manage' },
  // resetOk was asked for by a second admin, so the matrix admin may approve it; cancelling it afterwards is a 409.
  'POST /api/v1/admin/reset-requests/:id/approve': { need: 'staff.manage', at: { id: 'resetOk' } },
  'POST /api/v1/admin/reset-requests/:id/cancel': { need: 'staff.manage', at: { id: 'resetOk' } },
  'GET /api/v1/admin/sign-ins': { need: 'staff.manage' },
  'GET /api/v1/admin/tokens': { need: 'token.manage' },
  'POST /api/v1/admin/tokens': { need: 'token.manage', body: { organisation: 'MatrixOrg', label: 'matrix' } },
  'POST /api/v1/admin/tokens/:id/revoke': { need: 'token.manage', at: { id: 'tokenSpare' } },
  // No failed job is planted: an admin's retry of an unknown id is a 409 about the record's state.
  'GET /api/v1/admin/jobs/failed': { need: 'jobs.manage' },
  'POST /api/v1/admin/jobs/failed/retry': { need: 'jobs.manage', body: { id: '00000000-0000-4000-8000-000000000000' } },
  'POST /api/v1/agencies/import': { need: 'agency.manage', body: (ids) => ({ csv: ids.agencyCsv, dryRun: true }) },
  // ---- recovery: victim assistance plans (reach through the case, in SQL; participants through their invitation)
  'GET /api/v1/cases/:reference/plan': { need: 'plan.read', at: { reference: 'caseOk' }, child: true },
  'POST /api/v1/cases/:reference/plan': { need: 'plan.write', at: { reference: 'caseOk' }, body: {} },
  'PUT /api/v1/plans/:id': { need: 'plan.write', at: { id: 'planOk' }, body: { version: STALE, content: planContent } },
  'POST /api/v1/plans/:id/submit': { need: 'plan.write', at: { id: 'planOk' } },
  'POST /api/v1/plans/:id/approve': { need: 'plan.approve', at: { id: 'planOk' } },
  'POST /api/v1/plans/:id/review': { need: 'plan.approve', at: { id: 'planOk' } },
  'GET /api/v1/plans/:id/versions': { need: 'plan.read', at: { id: 'planOk' }, child: true },
  'GET /api/v1/plans/:id/compare': { need: 'plan.read', at: { id: 'planOk' }, query: 'from=1&to=2', child: true },
  'POST /api/v1/plans/:id/progress': {
    need: 'plan.write',
    at: { id: 'planOk' },
    body: { actionId: 'a-foster', note: 'Called the school.' },
  },
  'POST /api/v1/plans/:id/invitations': {
    need: 'plan.write',
    at: { id: 'planOk' },
    body: (_ids, actor) => ({ participantId: 'p-foster', email: `foster-${actor.toLowerCase()}@matrix.test` }),
  },
  'GET /api/v1/plans/:id/support': { need: 'plan.read', at: { id: 'planOk' }, child: true },
  'POST /api/v1/plans/:id/consents': { need: 'plan.write', at: { id: 'planOk' }, body: consentBody },
  'POST /api/v1/plans/:id/consents/:consentId/revoke': { need: 'plan.write', at: { id: 'planOk', consentId: 'consentOk' } },
  'POST /api/v1/plans/:id/services': {
    need: 'plan.write',
    at: { id: 'planOk' },
    body: { kind: 'medical', providerName: 'Matrix Clinic (demo)', provided: 'pending' },
  },
  'POST /api/v1/plans/:id/referrals': {
    need: 'plan.write',
    at: { id: 'planOk' },
    body: {
      providerName: 'Matrix Clinic (demo)',
      serviceKind: 'medical',
      recipientKind: 'health',
      needDomains: ['medical_dental'],
    },
  },
  'POST /api/v1/plans/:id/referrals/:referralId/events': {
    need: 'plan.write',
    at: { id: 'planOk', referralId: 'planRefOk' },
    body: { kind: 'accept' },
  },
  'GET /api/v1/plans/:id/referrals/:referralId/form': {
    need: 'plan.write',
    at: { id: 'planOk', referralId: 'planRefOk' },
    child: true,
  },
  'GET /api/v1/plan-templates': { need: 'plan.read' },
  'POST /api/v1/plan-templates': { need: 'plan.template', body: templateBody },
  'PUT /api/v1/plan-templates/:familyId': { need: 'plan.template', at: { familyId: 'templateOk' }, body: templateBody },
  'GET /api/v1/my/plans': { need: 'plan.participate' },
  'GET /api/v1/my/plans/:id': { need: 'plan.participate', at: { id: 'participantPlanOk' }, child: true },
  'POST /api/v1/my/plans/:id/progress': {
    need: 'plan.participate',
    at: { id: 'participantPlanOk' },
    body: { actionId: 'a-foster', note: 'Went with her to the dentist.' },
  },
  // ---- survivor expert review of materials (experts reach review requests only)
  'GET /api/v1/review/materials': { need: ['review.request', 'review.configure'] },
  'PUT /api/v1/review/settings/:kind': {
    need: 'review.configure',
    url: '/api/v1/review/settings/training_module',
    body: { required: true },
  },
  'GET /api/v1/review/requests': { need: ['review.comment', 'review.request'], lists: ['reviewOk', 'reviewOk'] },
  'POST /api/v1/review/requests': {
    need: 'review.request',
    body: { kind: 'public_page_text', key: 'matrix-page', title: 'Matrix page', proposed: 'One line.\nTwo lines.' },
  },
  'GET /api/v1/review/requests/:id': { need: ['review.comment', 'review.request'], at: { id: 'reviewOk' } },
  'POST /api/v1/review/requests/:id/comments': {
    need: 'review.comment',
    at: { id: 'reviewOk' },
    body: { fromLine: 1, toLine: 1, body: 'Please say who this is for.' },
  },
  'POST /api/v1/review/requests/:id/recommendation': {
    need: 'review.comment',
    at: { id: 'reviewOk' },
    body: { recommendation: 'approve' },
  },
  'POST /api/v1/review/requests/:id/comments/:commentId/answer': {
    need: 'review.answer',
    at: { id: 'reviewOk', commentId: 'reviewCommentOk' },
    body: { answer: 'Done in the next draft.' },
  },
  'POST /api/v1/review/requests/:id/publish': { need: 'review.request', at: { id: 'reviewOk' } },
  'GET /api/v1/review/consultations': { need: 'review.comment' },
  'POST /api/v1/review/consultations': {
    need: 'review.comment',
    body: { workedOn: '2026-12-01', minutes: 30, what: 'Template review' },
  },
  'GET /api/v1/review/consultations/totals': { need: 'review.time_read' },
  // ---- family: peer support volunteers (coordinators: supervisors; volunteers: their own matches only)
  'GET /api/v1/volunteers': { need: 'volunteer.coordinate' },
  'POST /api/v1/volunteers': {
    need: 'volunteer.coordinate',
    body: { name: 'Matrix Volunteer', languages: ['en'], regions: ['OK'], livedExperience: [], preferences: [], familyLimit: 1 },
  },
  'POST /api/v1/volunteers/:id/stages': {
    need: 'volunteer.coordinate',
    at: { id: 'volunteerOk' },
    body: { stage: 'background_check', completedOn: '2026-12-01', validUntil: '2028-12-01' },
  },
  'GET /api/v1/families': { need: 'volunteer.coordinate', child: true },
  'POST /api/v1/families': {
    need: 'family.manage',
    body: {
      details: { name: 'The Matrix family', contacts: [], noteForVolunteer: null },
      region: 'OK',
      languages: ['en'],
      experience: [],
      preferences: [],
    },
  },
  'GET /api/v1/families/:id/shortlist': { need: 'volunteer.coordinate', at: { id: 'familyOk' } },
  'POST /api/v1/families/:id/matches': {
    need: 'volunteer.coordinate',
    at: { id: 'familyOk' },
    body: (ids) => ({ volunteerId: ids.volunteerOk }),
  },
  'POST /api/v1/matches/:id/consent': { need: 'volunteer.coordinate', at: { id: 'matchOk' }, body: { consentOn: '2026-12-01' } },
  'POST /api/v1/matches/:id/check-ins': {
    need: 'volunteer.coordinate',
    at: { id: 'matchOk' },
    body: { checkedOn: '2026-12-01', concernRaised: false },
  },
  'POST /api/v1/matches/:id/end': {
    need: 'volunteer.coordinate',
    at: { id: 'matchSpare' },
    body: { endedOn: '2026-12-07', reason: 'goals_met' },
  },
  'GET /api/v1/my/families': { need: 'peer.support', child: true, lists: ['peerMatchOk', 'peerMatchOk'] },
  'POST /api/v1/my/families/:id/calls': {
    need: 'peer.support',
    at: { id: 'peerMatchOk' },
    body: { calledOn: '2026-12-01', minutes: 20, topics: ['the search'], followUpNeeded: false },
  },
  // ---- family: advocacy (the advocate's families; of their cases only reference, status, first name)
  'GET /api/v1/advocacy/families': { need: 'family.advocate', child: true, lists: ['advocacyFamilyOk', 'advocacyFamilyOk'] },
  'GET /api/v1/advocacy/families/:id': { need: 'family.advocate', at: { id: 'advocacyFamilyOk' }, child: true },
  'PUT /api/v1/advocacy/families/:id/plan': {
    need: 'family.advocate',
    at: { id: 'advocacyFamilyOk' },
    body: { needs: [{ kind: 'travel', note: 'Travel to the hearing.' }], resources: [] },
  },
  'POST /api/v1/advocacy/families/:id/contacts': {
    need: 'family.advocate',
    at: { id: 'advocacyFamilyOk' },
    body: { contactedOn: '2026-12-01', summary: 'Called the family.', followUpOn: null },
  },
  'POST /api/v1/advocacy/families/:id/contacts/:contactId/done': {
    need: 'family.advocate',
    at: { id: 'advocacyFamilyOk', contactId: 'familyContactOk' },
  },
  'POST /api/v1/advocacy/families/:id/media-requests': {
    need: 'family.advocate',
    at: { id: 'advocacyFamilyOk' },
    body: (ids) => ({
      caseReference: ids.caseOk,
      requestedOn: '2026-12-01',
      outlet: 'Matrix Daily (demo)',
      asked: 'A comment on the search',
      answeredBy: null,
      agreedWithFamily: null,
    }),
  },
  'POST /api/v1/families/:id/cases': {
    need: 'family.manage',
    at: { id: 'familyOk' },
    body: (ids) => ({ reference: ids.caseOk }),
  },
  'POST /api/v1/families/:id/advocates': {
    need: 'family.manage',
    at: { id: 'familyOk' },
    body: (ids) => ({ userId: ids.advocateUser }),
  },
  'GET /api/v1/families/:id/advocates': { need: 'family.manage', at: { id: 'familyOk' } },
  'DELETE /api/v1/families/:id/advocates/:userId': {
    need: 'family.manage',
    at: { id: 'familyOk', userId: 'advocateSpare' },
  },
  // Last: it ends the session it is sent with.
  'POST /api/v1/auth/logout': { need: 'signingIn' },
};
