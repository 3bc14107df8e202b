import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { FINDING_STATUSES, WATCH_POLL_STATUSES, WATCH_SOURCE_KINDS } from '#src/db/schema.ts';
import { createFindingService } from '#src/domain/monitoring/finding-service.ts';
import { FINDING_VERDICTS, findingStatusSchema, sourceInputSchema, sourcePatchSchema } from '#src/domain/monitoring/monitoring-schema.ts';
import { createWatchSourceService } from '#src/domain/monitoring/watch-source-service.ts';
import { scheduleSourcePoll } from '#src/jobs/monitoring-jobs.ts';
import { MAX_ROW_NUMBER } from '#src/lib/id-input.ts';
import { signedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema } from '#src/web/route-params.ts';

/** A watch source as the API answers it. */
const sourceSchema = z.object({
  id: z.number().int(),
  kind: z.enum(WATCH_SOURCE_KINDS),
  url: z.string(),
  name: z.string(),
  active: z.boolean(),
  pollIntervalMinutes: z.number().int(),
  nextPollAt: z.string().nullable(),
  lastPolledAt: z.string().nullable(),
  lastStatus: z.enum(WATCH_POLL_STATUSES).nullable(),
  lastError: z.string().nullable(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  /** Findings it led to. */
  findings: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const findingSummaryFields = {
  id: z.number().int(),
  source: z.object({ id: z.number().int(), name: z.string(), url: z.string() }).nullable(),
  pageUrl: z.string(),
  article: z.object({ id: z.number().int(), title: z.string() }),
  shareOfOriginal: z.number(),
  shareOfText: z.number(),
  link: z.object({ present: z.boolean(), compliant: z.boolean(), href: z.string().nullable(), reason: z.string() }),
  verdict: z.enum(FINDING_VERDICTS),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  status: z.enum(FINDING_STATUSES),
  statusChangedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  statusChangedAt: z.string().nullable(),
  note: z.string(),
};

/** A finding in a list. */
const findingSummarySchema = z.object(findingSummaryFields);

/** A finding with its evidence: the reused passages, theirs and ours, as first seen. */
const findingSchema = z.object({
  ...findingSummaryFields,
  evidence: z.object({ pageWords: z.number().int(), passages: z.array(z.object({ theirs: z.string(), ours: z.string() })) }),
});

const rowId = z.coerce.number().int().positive().max(MAX_ROW_NUMBER);

/** The findings list's filters (each optional) and page. */
export const findingsQuerySchema = z.object({
  status: z.enum(FINDING_STATUSES).optional(),
  verdict: z.enum(FINDING_VERDICTS).optional(),
  /** Only findings this watch source led to. */
  sourceId: rowId.optional(),
  /** Only copies of this article. */
  articleId: rowId.optional(),
  /** 1-based page. */
  page: z.coerce.number().int().min(1).max(100000).default(1),
});

/** The copy monitor under /api/admin/monitoring: editors (and admins) manage the watch list and the findings. */
export async function registerMonitoringApi(app: FastifyInstance, context: AppContext): Promise<void> {
  const sources = createWatchSourceService(context, { schedulePoll: scheduleSourcePoll });
  const findings = createFindingService(context);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const config = { minRole: 'editor' as const };
  const tags = ['monitoring'];

  api.get('/api/admin/monitoring/sources', { config, schema: { tags, summary: 'The watch list: feeds, sitemaps and pages polled for copies', response: { 200: z.object({ items: z.array(sourceSchema) }) } } }, async (request) => ({
    items: await sources.list(signedInActor(request)),
  }));

  api.post(
    '/api/admin/monitoring/sources',
    { config, schema: { tags, summary: 'Watch a feed, sitemap or page (an active one is polled at once)', body: sourceInputSchema, response: { 201: sourceSchema } } },
    async (request, reply) => reply.code(201).send(await sources.create(signedInActor(request), request.body)),
  );

  api.get('/api/admin/monitoring/sources/:id', { config, schema: { tags, summary: 'One watch source and how its last poll went', params: idParamsSchema, response: { 200: sourceSchema } } }, async (request) =>
    sources.get(signedInActor(request), request.params.id),
  );

  api.patch(
    '/api/admin/monitoring/sources/:id',
    { config, schema: { tags, summary: 'Change a watch source (pause, resume, interval, address)', params: idParamsSchema, body: sourcePatchSchema, response: { 200: sourceSchema } } },
    async (request) => sources.update(signedInActor(request), request.params.id, request.body),
  );

  api.delete('/api/admin/monitoring/sources/:id', { config, schema: { tags, summary: 'Stop watching a source (its findings stay)', params: idParamsSchema, response: { 204: z.null() } } }, async (request, reply) => {
    await sources.remove(signedInActor(request), request.params.id);
    return reply.code(204).send(null);
  });

  api.post('/api/admin/monitoring/sources/:id/poll', { config, schema: { tags, summary: 'Poll an active source as soon as the job runner can', params: idParamsSchema, response: { 202: sourceSchema } } }, async (request, reply) =>
    reply.code(202).send(await sources.pollNow(signedInActor(request), request.params.id)),
  );

  api.get(
    '/api/admin/monitoring/findings',
    {
      config,
      schema: {
        tags,
        summary: 'Findings, newest first, by status, verdict, source and article',
        querystring: findingsQuerySchema,
        response: { 200: z.object({ items: z.array(findingSummarySchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }) },
      },
    },
    async (request) => {
      const { page, ...filter } = request.query;
      return findings.list(signedInActor(request), filter, page);
    },
  );

  api.get('/api/admin/monitoring/findings/:id', { config, schema: { tags, summary: 'One finding with its evidence', params: idParamsSchema, response: { 200: findingSchema } } }, async (request) =>
    findings.get(signedInActor(request), request.params.id),
  );

  api.post(
    '/api/admin/monitoring/findings/:id/status',
    { config, schema: { tags, summary: 'Move a finding to a status (open, contacted, resolved, licensed, dismissed), with a note', params: idParamsSchema, body: findingStatusSchema, response: { 200: findingSchema } } },
    async (request) => findings.changeStatus(signedInActor(request), request.params.id, request.body),
  );
}
