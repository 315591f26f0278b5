import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type RouteOptions,
} from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { renderNotFound } from '../intake/index.ts';
import { modules } from '../modules.ts';
import { adminRoutes } from './admin.routes.ts';
import { jobsRoutes } from './jobs.routes.ts';
import { sharedRateLimitStore } from '../security/index.ts';
import { authRoutes } from './auth.routes.ts';
import { registerAuthHook } from './auth.hook.ts';
import { langOf, type AppDeps } from './context.ts';
import { registerErrorHandlers } from './errors.ts';
import { passkeyRoutes } from './passkeys.routes.ts';
import { systemRoutes } from './system.routes.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIST = path.join(root, 'web', 'dist');
const USWDS_DIST = path.join(root, 'node_modules', '@uswds', 'uswds', 'dist');

export const BODY_LIMIT = 1024 * 1024;

export interface BuildOptions {
  /** Sees every route as it is registered, hidden ones too (the access matrix test lists them all). */
  onRoute?: (route: RouteOptions) => void;
}

/**
 * The one stylesheet Cytoscape (the network graph) inserts as a `<style>` element. Allowing its exact
 * hash lets that through and no other inline style; a Cytoscape that changes the text shows up as a
 * CSP error in the browser tests.
 */
const CYTOSCAPE_STYLESHEET = '.__________cytoscape_container { position: relative; }';
const styleHash = (css: string): string => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

/** Composes the server: plugins, the auth hook, then each module's routes (src/modules.ts), in this order. */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    trustProxy: trustedHops(deps.config.trustProxy),
    genReqId: () => randomUUID(),
    // Fastify's own request lines hold the raw URL; ours (below) hold only the route pattern.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  if (options.onRoute) app.addHook('onRoute', options.onRoute);

  // Request logs carry the route pattern, never the raw URL, query, headers or body.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", styleHash(CYTOSCAPE_STYLESHEET)],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  });
  // API answers carry personal data more often than not: nothing under /api/ is cached unless its route says so.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
  });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: BODY_LIMIT });
  await app.register(fastifyRateLimit, { global: false, store: sharedRateLimitStore(deps.db) });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Beacon API',
        version: '1',
        description: 'Tips in, triage and case work out. Every staff route needs a signed-in session.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'beacon_session' },
          espToken: { type: 'http', scheme: 'bearer', description: 'An API token from `npx beacon tokens create`' },
        },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    // Schemas registered with an id (`.meta({ id })`, e.g. `errorBody`) become components, referred to by `$ref`.
    transformObject: (input) => withoutUnusedComponents(jsonSchemaTransformObject(input)),
  });

  registerAuthHook(app, deps.db);
  registerErrorHandlers(app, (request) => renderNotFound({ lang: langOf(request), deployment: deps.config.deployment }));

  await app.register(fastifyStatic, { root: USWDS_DIST, prefix: '/assets/uswds/', decorateReply: false, maxAge: '1d' });
  await app.register(staticWeb);

  await app.register(systemRoutes);
  await app.register(authRoutes(deps));
  await app.register(passkeyRoutes(deps));
  await app.register(adminRoutes(deps));
  await app.register(jobsRoutes(deps));
  for (const module of modules) await module.routes?.(app, deps);
  return app;
}

type OpenApiObject = ReturnType<typeof jsonSchemaTransformObject>;

/**
 * Every registered schema comes as an input and an output component, and most are used only one way:
 * components nothing refers to (from the paths, or from a component that is used) are left out.
 */
function withoutUnusedComponents(document: OpenApiObject): OpenApiObject {
  const schemas = (document as { components?: { schemas?: Record<string, unknown> } }).components?.schemas;
  if (!schemas) return document;
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      const name = key === '$ref' && typeof value === 'string' ? value.replace('#/components/schemas/', '') : null;
      if (name !== null && !used.has(name)) {
        used.add(name);
        visit(schemas[name]);
      } else visit(value);
    }
  };
  visit((document as { paths?: unknown }).paths);
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
  return document;
}

/** A number of hops becomes "the nearest n hops", as Fastify does at run time (its types omit numbers). */
function trustedHops(trust: false | number | string[]): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/** The staff workbench: built files, and index.html for every client-side route under /app. */
async function staticWeb(app: FastifyInstance): Promise<void> {
  const built = existsSync(path.join(WEB_DIST, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/app/', wildcard: false, index: false });
  const shell = async (_req: unknown, reply: FastifyReply) => {
    if (!built) return reply.code(503).type('text/plain').send('The staff app is not built yet: run `npm run build:web`.');
    return reply.header('Cache-Control', 'no-store').sendFile('index.html', WEB_DIST);
  };
  app.get('/app', { config: { public: true }, schema: { hide: true } }, shell);
  app.get('/app/*', { config: { public: true }, schema: { hide: true } }, shell);
}
