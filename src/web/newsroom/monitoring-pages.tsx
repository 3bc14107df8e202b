import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { FINDING_STATUSES } from '#src/db/schema.ts';
import { createFindingService } from '#src/domain/monitoring/finding-service.ts';
import { FINDING_VERDICTS, type FindingStatusInput, type SourceInput } from '#src/domain/monitoring/monitoring-schema.ts';
import { monitorUserAgent } from '#src/domain/monitoring/monitor-fetch.ts';
import { createWatchSourceService } from '#src/domain/monitoring/watch-source-service.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { scheduleSourcePoll } from '#src/jobs/monitoring-jobs.ts';
import { Invalid } from '#src/lib/errors.ts';
import { MAX_ROW_NUMBER } from '#src/lib/id-input.ts';
import { signedInActor, type SignedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema } from '#src/web/route-params.ts';
import { FindingPage, FindingsPage } from './findings-views.tsx';
import { FINDINGS_PATH, SOURCES_PATH, SourcePage, SourcesPage, sourceFormValues, type MonitorPageState } from './monitoring-views.tsx';
import { formValues, type FormValues } from './views/form-field.tsx';
import { sendNewsroomPage } from './views/send-page.ts';
import type { NewsroomMessageKey } from '#src/i18n/newsroom-translator.ts';
import { newsroomTranslator } from './newsroom-language.ts';

/** What `done` (after a redirect) says happened. */
const DONE_NOTICES = {
  created: 'monitoring.done.created',
  saved: 'monitoring.done.saved',
  polling: 'monitoring.done.polling',
  removed: 'monitoring.done.removed',
  status: 'monitoring.done.status',
} as const satisfies Record<string, NewsroomMessageKey>;

const doneSchema = z.object({ done: z.enum(Object.keys(DONE_NOTICES) as [keyof typeof DONE_NOTICES]).optional().catch(undefined) });

/** The notice of a `done` query value, in the request's newsroom language. */
function doneNotice(request: FastifyRequest, done: keyof typeof DONE_NOTICES | undefined): string | undefined {
  return done ? newsroomTranslator(request).t(DONE_NOTICES[done]) : undefined;
}

const rowId = z.coerce.number().int().positive().max(MAX_ROW_NUMBER);

/** The list's filters from the address; a value that is none of the choices is ignored, not an error page. */
const findingsQuery = z.object({
  status: z.enum(FINDING_STATUSES).optional().catch(undefined),
  verdict: z.enum(FINDING_VERDICTS).optional().catch(undefined),
  sourceId: rowId.optional().catch(undefined),
  articleId: rowId.optional().catch(undefined),
  page: z.coerce.number().int().positive().max(999_999).catch(1),
});

/** The source form as posted: the service checks the fields; empty interval means the default (new) or unchanged (edit). */
function sourceFromForm(values: FormValues): SourceInput {
  const interval = (values.pollIntervalMinutes ?? '').trim();
  return {
    url: values.url ?? '',
    // As typed: the service's schema refuses a kind that is none of the choices, naming the field.
    kind: (values.kind ?? '') as SourceInput['kind'],
    name: values.name ?? '',
    ...(interval !== '' ? { pollIntervalMinutes: interval } : {}),
    active: values.active === 'on',
  };
}

/** The copy monitor's newsroom pages (editors and admins): findings with filters, one finding with its evidence and status, the watch list. */
export async function registerMonitoringPages(app: FastifyInstance, context: AppContext): Promise<void> {
  const config = { minRole: 'editor' as const };
  const sources = createWatchSourceService(context, { schedulePoll: scheduleSourcePoll });
  const findings = createFindingService(context);
  const settings = createSettingsService(context);
  const api = app.withTypeProvider<ZodTypeProvider>();

  app.get(FINDINGS_PATH, { config }, async (request, reply) => {
    const actor = signedInActor(request);
    const { page, ...filter } = findingsQuery.parse(request.query ?? {});
    const [list, watched, { timeZone }] = await Promise.all([findings.list(actor, filter, page), sources.list(actor), settings.forDisplay()]);
    return sendNewsroomPage(reply, <FindingsPage actor={actor} csrfToken={request.csrfToken} filter={filter} findings={list} sources={watched} timeZone={timeZone} />);
  });

  const renderFinding = async (request: FastifyRequest, reply: FastifyReply, actor: SignedInActor, id: number, state: MonitorPageState, status = 200) => {
    const [finding, { timeZone }] = await Promise.all([findings.get(actor, id), settings.forDisplay()]);
    return sendNewsroomPage(
      reply,
      <FindingPage actor={actor} csrfToken={request.csrfToken} finding={finding} articleUrl={`/newsroom/articles/${finding.article.id}`} timeZone={timeZone} state={state} />,
      status,
    );
  };

  api.get(`${FINDINGS_PATH}/:id`, { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    const { done } = doneSchema.parse(request.query ?? {});
    return renderFinding(request, reply, signedInActor(request), request.params.id, { values: {}, errors: {}, notice: doneNotice(request, done) });
  });

  api.post(`${FINDINGS_PATH}/:id/status`, { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    const actor = signedInActor(request);
    const values = formValues(request.body);
    try {
      await findings.changeStatus(actor, request.params.id, { status: (values.status ?? '') as FindingStatusInput['status'], note: values.note ?? '' });
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      return renderFinding(request, reply, actor, request.params.id, { values, errors: { [error.field]: error.message }, message: newsroomTranslator(request).t('findings.statusNotSaved') }, 422);
    }
    return reply.redirect(`${FINDINGS_PATH}/${request.params.id}?done=status`, 303);
  });

  const renderSources = async (request: FastifyRequest, reply: FastifyReply, actor: SignedInActor, state: MonitorPageState, status = 200) => {
    const [list, { timeZone }] = await Promise.all([sources.list(actor), settings.forDisplay()]);
    return sendNewsroomPage(reply, <SourcesPage actor={actor} csrfToken={request.csrfToken} sources={list} timeZone={timeZone} userAgent={monitorUserAgent(context.config.baseUrl)} state={state} />, status);
  };

  app.get(SOURCES_PATH, { config }, async (request, reply) => {
    const { done } = doneSchema.parse(request.query ?? {});
    return renderSources(request, reply, signedInActor(request), { values: { kind: 'feed', pollIntervalMinutes: '60', active: 'on' }, errors: {}, notice: doneNotice(request, done) });
  });

  app.post(SOURCES_PATH, { config }, async (request, reply) => {
    const actor = signedInActor(request);
    const values = formValues(request.body);
    let id: number;
    try {
      id = (await sources.create(actor, sourceFromForm(values))).id;
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      return renderSources(request, reply, actor, { values, errors: { [error.field]: error.message }, message: newsroomTranslator(request).t('monitoring.notAdded') }, 422);
    }
    return reply.redirect(`${SOURCES_PATH}/${id}?done=created`, 303);
  });

  const renderSource = async (request: FastifyRequest, reply: FastifyReply, actor: SignedInActor, id: number, state: Omit<MonitorPageState, 'values'> & { values?: FormValues }, status = 200) => {
    const [source, { timeZone }] = await Promise.all([sources.get(actor, id), settings.forDisplay()]);
    return sendNewsroomPage(reply, <SourcePage actor={actor} csrfToken={request.csrfToken} source={source} timeZone={timeZone} state={{ ...state, values: state.values ?? sourceFormValues(source) }} />, status);
  };

  api.get(`${SOURCES_PATH}/:id`, { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    const { done } = doneSchema.parse(request.query ?? {});
    return renderSource(request, reply, signedInActor(request), request.params.id, { errors: {}, notice: doneNotice(request, done) });
  });

  api.post(`${SOURCES_PATH}/:id`, { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    const actor = signedInActor(request);
    const values = formValues(request.body);
    try {
      await sources.update(actor, request.params.id, sourceFromForm(values));
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      return renderSource(request, reply, actor, request.params.id, { values, errors: { [error.field]: error.message }, message: newsroomTranslator(request).t('monitoring.notSaved') }, 422);
    }
    return reply.redirect(`${SOURCES_PATH}/${request.params.id}?done=saved`, 303);
  });

  api.post(`${SOURCES_PATH}/:id/poll`, { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    const actor = signedInActor(request);
    try {
      await sources.pollNow(actor, request.params.id);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      return renderSource(request, reply, actor, request.params.id, { errors: {}, message: error.message }, 422);
    }
    return reply.redirect(`${SOURCES_PATH}/${request.params.id}?done=polling`, 303);
  });

  api.post(`${SOURCES_PATH}/:id/delete`, { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    await sources.remove(signedInActor(request), request.params.id);
    return reply.redirect(`${SOURCES_PATH}?done=removed`, 303);
  });
}
