import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, requestContext, sendError } from '../../http/index.ts';
import { EVIDENCE_LEVELS, loadLexicon } from '../indicators/index.ts';
import { lexiconEntryInput } from './lexicon.ts';
import * as service from './service.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const numericId = z.object({ id: z.coerce.number().int().positive() });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const advertSummary = z.object({
  id: z.number(),
  sourceId: z.string(),
  postedAt: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  site: z.string().nullable(),
  title: z.string().nullable(),
  network: z.string().nullable(),
});
const evidenceInfo = z.object({ level: z.enum(EVIDENCE_LEVELS), meaning: z.string(), predictive: z.boolean() });
const provenance = z.object({
  kind: z
    .enum(['built_in', 'organisation'])
    .describe('built_in: from the lexicon Beacon ships, with its published sources; organisation: added by an analyst here'),
  sources: z.array(z.object({ citation: z.string(), url: z.string().nullable() })),
});
const flagOut = z.object({
  code: z.string(),
  category: z.string(),
  matched: z.string(),
  span: z.object({ start: z.number(), end: z.number() }),
  why: z.string(),
  evidence: evidenceInfo,
  provenance,
});
const markOut = z.object({
  kind: z.string(),
  value: z.string(),
  obfuscated: z.boolean(),
  span: z.object({ start: z.number(), end: z.number() }),
});
const leadTarget = z.object({ kind: z.enum(['case', 'tip']), reference: z.string() });
const advertLead = z.object({
  id: z.number(),
  target: leadTarget,
  matched: z.object({
    kind: z.string(),
    value: z.string(),
    strength: z.enum(['strong', 'weak']).describe('weak: a name alone, never enough to act on'),
    reason: z.string().nullable(),
  }),
  status: z.string(),
});
const identifierOut = z.object({ kind: z.string(), value: z.string(), key: z.string() });

const advertResponse = advertSummary.extend({
  url: z.string().nullable(),
  text: z.string(),
  marks: z.array(markOut),
  flags: z.array(flagOut),
  pdq: z.array(z.string()),
  identifiers: z.array(identifierOut),
  leads: z.array(advertLead),
});
const networkIdentifier = identifierOut.extend({ adverts: z.array(z.number()) });
const networkResponse = z.object({
  id: z.string(),
  requested: z.string(),
  size: z.number(),
  truncated: z.boolean(),
  /** Members outside the reader's jurisdictions: counted, never shown. */
  withheld: z.number(),
  members: z.array(advertSummary.omit({ network: true })),
  identifiers: z.array(networkIdentifier),
  hubsExcluded: z.array(networkIdentifier),
  movement: z.array(
    z.object({
      city: z.string().nullable(),
      state: z.string().nullable(),
      firstSeen: z.string(),
      lastSeen: z.string(),
      adverts: z.array(z.number()),
    }),
  ),
});
const leadResponse = z.object({
  id: z.number(),
  status: z.string(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
  target: leadTarget,
  matched: z.object({
    kind: z.string(),
    value: z.string(),
    strength: z.enum(['strong', 'weak']).describe('weak: a name alone, never enough to act on'),
    reason: z.string().nullable(),
  }),
  advert: z.object({
    id: z.number(),
    sourceId: z.string(),
    postedAt: z.string().nullable(),
    city: z.string().nullable(),
    state: z.string().nullable(),
    site: z.string().nullable(),
    network: z.string().nullable(),
  }),
});
const hubResponse = z.object({
  items: z.array(z.object({ key: z.string(), reason: z.string(), adverts: z.number().nullable(), addedAt: z.string() })),
});
const hubKey = z.string().regex(/^(tel|email|handle|pdq):\S{1,300}$/, 'a linking key such as tel:+14055550134');

const lexicon = loadLexicon();
/**
 * Why a flag matters, how strong the evidence behind it is, and where the entry came from: the
 * built-in lexicon (with its published sources) or an analyst of this organisation.
 */
function explain(f: { entry: string; evidence: string }) {
  const entry = lexicon.entries.find((e) => e.id === f.entry);
  const level = (EVIDENCE_LEVELS as readonly string[]).includes(f.evidence)
    ? (f.evidence as (typeof EVIDENCE_LEVELS)[number])
    : 'practitioner';
  const sources = (entry?.sources ?? [])
    .flatMap((id) => lexicon.sources.filter((s) => s.id === id))
    .map((s) => ({ citation: s.citation, url: s.url ?? null }));
  const why = entry
    ? (entry.note ?? `From Beacon's built-in lexicon (version ${lexicon.version}): ${lexicon.evidence[level] ?? ''}`.trim())
    : 'Added by an analyst of this organisation.';
  return {
    why,
    evidence: { level, meaning: lexicon.evidence[level] ?? '', predictive: level !== 'not-predictive' },
    provenance: { kind: entry ? ('built_in' as const) : ('organisation' as const), sources },
  };
}

const notFound = (reply: FastifyReply, what: string) =>
  sendError(reply, 404, 'not_found', `There is no ${what} with that id that you may see.`);

export function leadsRoutes(deps: service.LeadsDeps) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['leads'];

    app.get(
      '/api/v1/adverts',
      {
        schema: {
          tags,
          summary: 'Search stored adverts (audited)',
          description:
            'A phone number may be typed in any form, disguised or not: it is read by the same extractor as the adverts.',
          querystring: z.object({
            q: z.string().max(200).optional(),
            phone: z.string().max(200).optional(),
            city: z.string().max(200).optional(),
            state: z.string().max(50).optional(),
            network: z.string().max(100).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: z.object({ items: z.array(advertSummary) }), ...errors },
        },
      },
      async (request, reply) => {
        const out = await service.searchAdverts(deps, requestContext(request), request.query);
        if (out.kind === 'invalid')
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors: out.errors });
        return {
          items: out.rows.map((r) => ({
            id: r.id,
            sourceId: r.source_id,
            postedAt: iso(r.posted_at),
            city: r.city,
            state: r.state,
            site: r.site,
            title: r.title,
            network: r.network_id,
          })),
        };
      },
    );

    app.get(
      '/api/v1/adverts/:id',
      {
        schema: {
          tags,
          summary: 'One advert with its identifiers marked and its flags explained (audited)',
          params: numericId,
          response: { 200: advertResponse, ...errors },
        },
      },
      async (request, reply) => {
        const found = await service.readAdvert(deps, requestContext(request), request.params.id);
        if (!found) return notFound(reply, 'advert');
        const a = found.advert;
        return {
          id: a.id,
          sourceId: a.source_id,
          url: a.url,
          postedAt: iso(a.posted_at),
          city: a.city,
          state: a.state,
          site: a.site,
          title: a.title,
          network: a.network_id,
          text: found.text,
          pdq: a.pdq,
          marks: a.marks.map((m) => ({
            kind: m.kind,
            value: m.value,
            obfuscated: m.obfuscated,
            span: { start: m.start, end: m.end },
          })),
          flags: a.flags.map((f) => ({
            code: f.code,
            category: f.category,
            matched: f.matched,
            span: { start: f.start, end: f.end },
            ...explain(f),
          })),
          identifiers: found.identifiers.map((i) => ({ kind: i.kind, value: i.value, key: i.key })),
          leads: found.leads.map((l) => ({
            id: l.id,
            target: { kind: l.target_kind, reference: l.target_ref },
            matched: { kind: l.matched_kind, value: l.matched_value, strength: l.strength, reason: l.reason },
            status: l.status,
          })),
        };
      },
    );

    app.get(
      '/api/v1/networks/:id',
      {
        schema: {
          tags,
          summary: 'A network of linked adverts: members, shared identifiers, hubs left out, movement (audited)',
          params: z.object({ id: z.string().max(100) }),
          response: { 200: networkResponse, ...errors },
        },
      },
      async (request, reply) => {
        const n = await service.readNetwork(deps, requestContext(request), request.params.id);
        if (!n) return notFound(reply, 'network');
        return {
          ...n,
          members: n.members.map((m) => ({
            id: m.id,
            sourceId: m.source_id,
            postedAt: iso(m.posted_at),
            city: m.city,
            state: m.state,
            site: m.site,
            title: m.title,
          })),
          movement: n.movement.map((s) => ({ ...s, adverts: s.adverts.map(Number) })),
        };
      },
    );

    app.get(
      '/api/v1/leads',
      {
        schema: {
          tags,
          summary: 'Leads for analysts: adverts sharing an identifier with a missing-child case or a tip (audited)',
          querystring: z.object({
            status: z.enum(['new', 'confirmed', 'dismissed']).default('new'),
            limit: z.coerce.number().int().min(1).max(200).default(100),
          }),
          response: { 200: z.object({ items: z.array(leadResponse) }), ...errors },
        },
      },
      async (request) => {
        const rows = await service.listLeads(deps, requestContext(request), request.query.status, request.query.limit);
        return {
          items: rows.map((r) => ({
            id: r.id,
            status: r.status,
            createdAt: r.created_at.toISOString(),
            decidedAt: iso(r.decided_at),
            note: r.note,
            target: { kind: r.target_kind, reference: r.target_ref },
            matched: { kind: r.matched_kind, value: r.matched_value, strength: r.strength, reason: r.reason },
            advert: {
              id: r.advert_id,
              sourceId: r.source_id,
              postedAt: iso(r.posted_at),
              city: r.city,
              state: r.state,
              site: r.site,
              network: r.network_id,
            },
          })),
        };
      },
    );

    app.post(
      '/api/v1/leads/:id/decision',
      {
        schema: {
          tags,
          summary: 'Confirm or dismiss a lead (audited); a dismissed identifier and case or tip is never raised again',
          params: numericId,
          body: z.object({ decision: z.enum(['confirm', 'dismiss']), note: z.string().max(2000).optional() }),
          response: { 200: z.object({ status: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const out = await service.decideLead(deps, requestContext(request), request.params.id, request.body);
        if (out.kind === 'not_found') return notFound(reply, 'lead');
        return { status: out.status };
      },
    );

    const hubsOut = (rows: Awaited<ReturnType<typeof service.readHubs>>) => ({
      items: rows.map((h) => ({ key: h.key, reason: h.reason, adverts: h.adverts, addedAt: h.added_at.toISOString() })),
    });
    app.get(
      '/api/v1/hubs',
      {
        schema: {
          tags,
          summary: 'Identifiers not used for linking (hubs: found by spread or listed), and identifiers never treated as hubs',
          response: { 200: hubResponse, ...errors },
        },
      },
      async (request) => hubsOut(await service.readHubs(deps, request.actor)),
    );

    app.put(
      '/api/v1/hubs',
      {
        schema: {
          tags,
          summary: 'Replace the listed and allowed identifiers (supervisors; audited); used from the next import on',
          body: z.object({ listed: z.array(hubKey).max(10_000), allowed: z.array(hubKey).max(10_000) }),
          response: { 200: hubResponse, ...errors },
        },
      },
      async (request) => hubsOut(await service.saveHubList(deps, requestContext(request), request.body)),
    );

    app.post(
      '/api/v1/lexicon/entries',
      {
        schema: {
          tags,
          summary: 'Add an indicator to the lexicon (analysts; audited); it flags adverts imported from then on',
          body: lexiconEntryInput,
          response: { 201: z.object({ id: z.string(), code: z.string(), evidence: z.enum(EVIDENCE_LEVELS) }), ...errors },
        },
      },
      async (request, reply) => {
        const out = await service.addLexiconEntry(deps, requestContext(request), request.body);
        if (out.kind === 'invalid')
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', {
            errors: [{ path: 'match', message: out.message }],
          });
        return reply.code(201).send({ id: out.entry.id, code: out.entry.code, evidence: out.entry.evidence });
      },
    );
  };
}
