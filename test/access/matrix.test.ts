import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_PREFIXES } from '../../src/http/auth.hook.ts';
import { ROLE_DEFINITIONS, type Permission, type Role } from '../../src/security/index.ts';
import { createTestDatabase, type TestDatabase } from '../harness.ts';
import { ACTORS, MATRIX, REACH, type Actor, type Answer, type Fixture, type RouteRule } from './matrix.ts';
import { multipartPng, plant, type Planting } from './plant.ts';

const ROLE_OF: Partial<Record<Actor, Role>> = {
  admin: 'admin',
  supervisor: 'supervisor',
  analyst: 'analyst',
  caseManager: 'case_manager',
  partner: 'partner',
  operator: 'operator',
  analystTx: 'analyst',
  supervisorTx: 'supervisor',
  partnerTx: 'partner',
  caseManagerTx: 'case_manager',
  recovery: 'recovery',
  participant: 'plan_participant',
  participantOther: 'plan_participant',
  expert: 'expert',
  volunteer: 'volunteer',
  volunteerOther: 'volunteer',
  advocate: 'family_advocate',
  advocateOther: 'family_advocate',
  trainer: 'trainer',
};
const ESP: readonly Actor[] = ['esp', 'espOther'];

const reaches = (actor: Actor, fixture: Fixture) => {
  const reach = REACH[fixture];
  return reach === 'anyone' || reach.includes(actor);
};
const fixturesOf = (rule: RouteRule) => Object.values(rule.at ?? {}).filter((f): f is Fixture => f !== undefined);
const inReach = (rule: RouteRule, actor: Actor): Answer => (fixturesOf(rule).every((f) => reaches(actor, f)) ? 'ok' : 404);

/** The answer a cell should give, from the row's rule (see matrix.ts). */
function expectedAnswer(rule: RouteRule, actor: Actor): Answer {
  const declared = rule.cells?.[actor];
  if (declared !== undefined) return declared;
  if (rule.need === 'public') return 'ok';
  if (rule.need === 'esp') return ESP.includes(actor) ? inReach(rule, actor) : 401;
  const role = ROLE_OF[actor];
  if (!role) return 401;
  if (rule.need === 'session' || rule.need === 'signingIn') return 'ok';
  const needs: readonly Permission[] = typeof rule.need === 'string' ? [rule.need] : rule.need;
  if (!needs.some((p) => ROLE_DEFINITIONS[role].permissions.includes(p))) return 403;
  return inReach(rule, actor);
}

function classOf(status: number): Answer | 'error' {
  if (status === 401 || status === 403 || status === 404) return status;
  // 503 is the staff app not built yet (`npm test` builds it first); any other 5xx is a crash.
  if (status >= 500 && status !== 503) return 'error';
  return 'ok';
}

/** GET rows first (nothing has changed yet), then the writes in table order, logout last. */
const ORDER = Object.keys(MATRIX).sort((a, b) => Number(!a.startsWith('GET ')) - Number(!b.startsWith('GET ')));

let t: TestDatabase;
let p: Planting;

beforeAll(async () => {
  t = await createTestDatabase();
  p = await plant(t);
}, 120_000);
afterAll(async () => {
  await p?.app.close();
  await t?.close();
});

function call(key: string, actor: Actor) {
  const rule = MATRIX[key]!;
  const [method, pattern] = key.split(' ') as [string, string];
  let url =
    rule.url ??
    pattern.replace(/:(\w+)/g, (_m, name: string) => {
      const fixture = rule.at?.[name];
      if (!fixture) throw new Error(`${key}: no fixture for :${name}`);
      return p.ids[fixture]!;
    });
  if (rule.query) url += `?${rule.query}`;
  const headers: Record<string, string> = { ...p.headers[actor] };
  let payload: string | Buffer | object | undefined;
  if (rule.upload) {
    const part = multipartPng(rule.upload);
    Object.assign(headers, part.headers);
    payload = part.payload;
  } else if (rule.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    payload = rule.form;
  } else if (rule.body) {
    payload = typeof rule.body === 'function' ? rule.body(p.ids, actor) : rule.body;
  }
  return p.app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
}

/**
 * Rows for a registered route: itself, or the wildcard row of the static prefix serving it. The
 * built staff app registers one route per file (`/app/assets/….js`, `/app/favicon.svg`): all public,
 * all the `/app/*` row, and present only once `npm run build:web` has run.
 */
function rowOf(route: string): string {
  const [method, url] = route.split(' ') as [string, string];
  if (method === 'GET' && url.startsWith('/app/') && /\.[a-z0-9]+$/i.test(url)) return 'GET /app/*';
  const prefix = PUBLIC_PREFIXES.find((pre) => url.startsWith(pre) && url !== `${pre}*`);
  return prefix && MATRIX[`${method} ${prefix}*`] ? `${method} ${prefix}*` : route;
}

describe('the matrix covers every route', () => {
  it('declares every route of the OpenAPI document and every route registered with Fastify, hidden ones too', () => {
    const doc = p.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const undeclared = [...new Set([...documented, ...p.registered].map(rowOf))].filter((r) => !MATRIX[r]).sort();
    expect(undeclared, 'routes missing from test/access/matrix.ts').toEqual([]);
    expect(documented.length).toBeGreaterThan(90);
  });

  it('declares no route that does not exist', () => {
    const known = new Set(p.registered.map(rowOf));
    expect(Object.keys(MATRIX).filter((r) => !known.has(r))).toEqual([]);
  });
});

describe("audit coverage: every route returning a child's data writes an audit entry", () => {
  const rows = ORDER.filter((key) => MATRIX[key]!.child);
  for (const key of rows) {
    const rule = MATRIX[key]!;
    const actor = ACTORS.find((a) => expectedAnswer(rule, a) === 'ok' && !ESP.includes(a) && a !== 'anonymous');
    const test = rule.auditHole ? it.fails : it;
    test(`${key} as ${actor}${rule.auditHole ? ` (known hole: ${rule.auditHole})` : ''}`, async () => {
      const count = async () =>
        Number(
          (
            await t.db
              .selectFrom('audit_entries')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const res = await call(key, actor!);
      expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(300);
      expect(await count()).toBeGreaterThan(before);
    });
  }
});

describe('the route × actor matrix', () => {
  for (const key of ORDER) {
    const rule = MATRIX[key]!;
    describe(key, () => {
      for (const actor of ACTORS) {
        const want = expectedAnswer(rule, actor);
        const hole = rule.knownHole?.[actor];
        const test = hole ? it.fails : it;
        test(`${actor} → ${want}${hole ? ` (known hole: ${hole})` : ''}`, async () => {
          const res = await call(key, actor);
          expect(classOf(res.statusCode), `${res.statusCode} ${res.body.slice(0, 300)}`).toBe(want);
          if (want === 'ok' && rule.lists) {
            for (const fixture of rule.lists) {
              expect(
                res.body.includes(markOf(fixture)),
                `${fixture} ${reaches(actor, fixture) ? 'missing from' : 'leaked into'} the answer`,
              ).toBe(reaches(actor, fixture));
            }
          }
        });
      }
    });
  }
});

/** What shows a planted record in a list answer. */
function markOf(fixture: Fixture): string {
  if (fixture === 'advertOk') return 'matrix-ad-ok';
  if (fixture === 'advertTx') return 'matrix-ad-tx';
  if (fixture === 'leadOk') return `"reference":"${p.ids.tipOk}"`;
  if (fixture === 'leadTx') return `"reference":"${p.ids.tipTx}"`;
  return p.ids[fixture]!;
}
