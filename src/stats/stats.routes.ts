import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../database.ts';
import type { Deployment } from '../core/deployment.ts';
import { errorBody, langOf, requestContext } from '../http/index.ts';
import { authorize } from '../security/index.ts';
import { dashboardQuery, SECTION_IDS, sectionCsv, staffDashboard } from './dashboards/dashboard.ts';
import type { RollupSources } from './dashboards/rollup.ts';
import { renderStatsPage, type PublicFrame } from './stats.page.ts';
import { TOTAL } from './disclosure/frame.ts';
import { latestTipRelease, releasedTipYears, releaseRegister, TIP_DIMS, type StoredRelease } from './stats.release.ts';
import { HTCDS_NAMES, named } from './htcds.ts';

const ALL = 'all';

/** A published figure as the public reads it: `count` is null when hidden, and `hidden` says why. */
const figure = z.object({
  state: z.string().describe('USPS code, "unknown", or "all"'),
  category: z.string().describe('type of incident reported, "other" for rare ones grouped, or "all"'),
  channel: z.string().describe('how the tip came in, or "all"'),
  count: z.number().int().nullable(),
  hidden: z
    .enum(['fewer_than_k', 'withheld'])
    .nullable()
    .describe('fewer_than_k: between 1 and k − 1; withheld: hidden so that a small count cannot be worked out'),
});

const release = z
  .object({
    year: z.number().int(),
    version: z.number().int(),
    releasedAt: z.string(),
    threshold: z.number().int(),
    figures: z.array(figure),
  })
  .meta({ id: 'TipStatistics' });

type Figure = z.infer<typeof figure>;

const naming = z
  .enum(['beacon', 'htcds'])
  .default('beacon')
  .describe('htcds: field names after the Human Trafficking Case Data Standard where one corresponds (state → hte_State)');

const registered = z
  .object({
    year: z.number().int(),
    version: z.number().int(),
    releasedAt: z.string(),
    threshold: z.number().int(),
    protection: z.number().int(),
    tables: z.array(z.array(z.string())).describe('the tables published, each by its dimensions, with all their margins'),
    published: z.number().int().describe('how many figures were published'),
    suppressed: z.array(figure.omit({ count: true })).describe('every figure held back, and why'),
  })
  .meta({ id: 'StatsRelease' });

function figuresOf(stored: StoredRelease): Figure[] {
  return stored.figures.map((f) => {
    const named = Object.fromEntries(TIP_DIMS.map((dim, i) => [dim, f.key[i] === TOTAL ? ALL : (f.key[i] ?? ALL)]));
    return {
      state: named.state ?? ALL,
      category: named.category ?? ALL,
      channel: named.channel ?? ALL,
      count: f.count,
      hidden: f.hidden ?? null,
    };
  });
}

export interface StatsRouteDeps {
  db: Db;
  /** A read replica for the dashboards' figures, when the deployment has one. */
  reads?: Db | undefined;
  deployment: Deployment;
  frame: PublicFrame;
  rollupSources: RollupSources;
}

const dashboardSection = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number()]))),
  svg: z.string().describe('the chart as SVG, drawn on the server'),
});

/** Staff dashboards: exact counts from the rollups, for supervisors and administrators (audited). */
export const statsStaffRoutes =
  (deps: StatsRouteDeps) =>
  async (fastify: FastifyInstance): Promise<void> => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
    app.get(
      '/api/v1/stats/dashboard',
      {
        schema: {
          tags: ['statistics'],
          summary: 'Staff dashboards: tips by month, channel, type and state; missing children by year (audited)',
          querystring: dashboardQuery,
          response: {
            200: z
              .object({
                from: z.string(),
                to: z.string(),
                state: z.string().nullable(),
                refreshedAt: z.string().nullable(),
                sections: z.array(dashboardSection),
              })
              .meta({ id: 'StatsDashboard' }),
            ...errors,
          },
        },
      },
      async (request) => {
        authorize(request.actor, 'stats.read');
        return staffDashboard(deps.db, requestContext(request), request.query, { reads: deps.reads });
      },
    );
    app.get(
      '/api/v1/stats/dashboard/:section/csv',
      {
        schema: {
          tags: ['statistics'],
          summary: 'One dashboard section as CSV (audited)',
          params: z.object({ section: z.enum(SECTION_IDS) }),
          querystring: dashboardQuery,
          response: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request.actor, 'stats.read');
        const query = { ...request.query, section: request.params.section };
        const board = await staffDashboard(deps.db, requestContext(request), query, {
          action: 'stats_dashboard.exported',
          reads: deps.reads,
        });
        const section = board.sections.find((s) => s.id === request.params.section)!;
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="beacon-${section.id}-${board.from}-${board.to}.csv"`)
          .send(stringify(sectionCsv(section)));
      },
    );
  };

/** Public, read-only: figures already released under disclosure control; nothing here touches a tip. */
export const statsPublicRoutes =
  (deps: StatsRouteDeps) =>
  async (fastify: FastifyInstance): Promise<void> => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/stats',
      {
        config: { public: true },
        schema: {
          hide: true,
          querystring: z.object({ year: z.coerce.number().int().min(1900).max(9999).optional(), lang: z.string().optional() }),
        },
      },
      async (request, reply) => {
        const years = (await releasedTipYears(deps.db)).map((r) => r.year);
        const year = request.query.year ?? years[0];
        const release = year === undefined ? undefined : await latestTipRelease(deps.db, year);
        const page = renderStatsPage({ lang: langOf(request), deployment: deps.deployment, frame: deps.frame, release, years });
        return reply
          .code(release || request.query.year === undefined ? 200 : 404)
          .type('text/html; charset=utf-8')
          .header('Cache-Control', 'no-store')
          .send(page);
      },
    );
    app.get(
      '/api/v1/stats/tips',
      {
        config: { public: true },
        schema: {
          summary: 'Years whose tip statistics have been released',
          security: [],
          response: {
            200: z.object({
              releases: z.array(z.object({ year: z.number().int(), version: z.number().int(), releasedAt: z.string() })),
            }),
          },
        },
      },
      async () => ({
        releases: (await releasedTipYears(deps.db)).map((r) => ({ ...r, releasedAt: r.releasedAt.toISOString() })),
      }),
    );
    app.get(
      '/api/v1/stats/tips/:year',
      {
        config: { public: true },
        schema: {
          summary: "A year's tip statistics by state, type and channel (the latest release); ?format=csv for a spreadsheet",
          security: [],
          params: z.object({ year: z.coerce.number().int().min(1900).max(9999) }),
          querystring: z.object({ format: z.enum(['json', 'csv']).default('json'), fields: naming }),
          response: {
            200: {
              description: 'The figures (JSON) or the same as CSV',
              content: { 'application/json': { schema: release }, 'text/csv': { schema: z.string() } },
            },
            404: errorBody,
          },
        },
      },
      async (request, reply) => {
        const stored = await latestTipRelease(deps.db, request.params.year);
        if (!stored)
          return reply
            .code(404)
            .send({ error: { code: 'not_released', message: 'No statistics have been released for that year.' } });
        const fields = request.query.fields;
        const body = {
          year: stored.year,
          version: stored.version,
          releasedAt: stored.releasedAt.toISOString(),
          threshold: stored.rules.k,
          figures: figuresOf(stored).map((f) => named(f, fields)),
        };
        if (request.query.format === 'csv') {
          const columns = (['state', 'category', 'channel', 'count', 'hidden'] as const).map((c) =>
            fields === 'htcds' ? HTCDS_NAMES[c] : c,
          );
          const csv = stringify(body.figures, { header: true, columns: [...columns] });
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="beacon-tips-${stored.year}-v${stored.version}.csv"`)
            .send(csv);
        }
        return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
      },
    );
    app.get(
      '/api/v1/stats/releases',
      {
        config: { public: true },
        schema: {
          summary: 'The register of releases: every release, its tables, how many figures it published and which it held back',
          security: [],
          querystring: z.object({ format: z.enum(['json', 'csv']).default('json'), fields: naming }),
          response: {
            200: {
              description: 'The register (JSON), or its held-back figures as CSV, one a row',
              content: {
                'application/json': { schema: z.object({ releases: z.array(registered) }) },
                'text/csv': { schema: z.string() },
              },
            },
          },
        },
      },
      async (request, reply) => {
        const fields = request.query.fields;
        const releases = (await releaseRegister(deps.db)).map((r) => {
          const figures = figuresOf(r);
          return {
            year: r.year,
            version: r.version,
            releasedAt: r.releasedAt.toISOString(),
            threshold: r.rules.k,
            protection: r.rules.protection,
            tables: r.rules.tables.map((t) => [...t]),
            published: figures.filter((f) => f.count !== null).length,
            suppressed: figures.filter((f) => f.count === null).map(({ count: _count, ...f }) => named(f, fields)),
          };
        });
        if (request.query.format === 'csv') {
          const dims = (['state', 'category', 'channel', 'hidden'] as const).map((c) =>
            fields === 'htcds' ? HTCDS_NAMES[c] : c,
          );
          const rows = releases.flatMap((r) =>
            r.suppressed.map((f) => [r.year, r.version, r.releasedAt, ...dims.map((d) => String(f[d] ?? ''))]),
          );
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', 'attachment; filename="beacon-stats-releases.csv"')
            .send(stringify([['year', 'version', 'released_at', ...dims], ...rows]));
        }
        return reply.type('application/json; charset=utf-8').send(JSON.stringify({ releases }));
      },
    );
  };
