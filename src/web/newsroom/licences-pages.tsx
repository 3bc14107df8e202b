import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { LICENCE_REQUEST_STATUSES, type LicenceScope } from '#src/db/schema.ts';
import { createLicenceService } from '#src/domain/licences/licence-service.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Conflict, Invalid } from '#src/lib/errors.ts';
import { textField } from '#src/lib/text-input.ts';
import { signedInActor, type SignedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema } from '#src/web/route-params.ts';
import { endOfDay, utcToZonedLocal } from './client/zoned-time.ts';
import { formValues, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { sendNewsroomPage } from './views/send-page.ts';
import type { NewsroomMessageKey } from '#src/i18n/newsroom-translator.ts';
import { newsroomTranslator } from './newsroom-language.ts';
import { LICENCES_PATH, LicencesPage, REQUESTS_PATH, RequestPage, RequestsQueuePage, type DeskPageState } from './licences-views.tsx';

/** What `done` (after a redirect) says happened. */
const DONE_NOTICES = {
  approved: 'licences.done.approved',
  denied: 'licences.done.denied',
  revoked: 'licences.done.revoked',
} as const satisfies Record<string, NewsroomMessageKey>;

/** The notice of a `done` query value, in the request's newsroom language. */
function doneNotice(request: FastifyRequest, done: keyof typeof DONE_NOTICES | undefined): string | undefined {
  return done ? newsroomTranslator(request).t(DONE_NOTICES[done]) : undefined;
}

const queueQuerySchema = z.object({
  status: z.enum(LICENCE_REQUEST_STATUSES).catch('pending'),
  page: z.coerce.number().int().positive().max(999_999).catch(1),
  done: z.enum(['denied']).optional().catch(undefined),
});

const doneQuerySchema = z.object({ done: z.enum(['approved', 'revoked']).optional().catch(undefined) });

/** The approve form as typed: the service checks scope and note; the date is read here in the site's zone. */
const approveForm = z.object({ scope: textField().catch(''), expiresOn: textField().trim().catch(''), note: z.string().catch('') });
const denyForm = z.object({ note: z.string().catch('') });

/** The form field that shows a refusal of the service's field. */
const FORM_FIELD_OF: Record<string, string> = { expiresAt: 'expiresOn', note: 'approveNote', sectionId: 'scope' };

/** A year from now in the site's zone, as a date input wants it: the usual length of a syndication deal. */
function aYearFrom(now: string, timeZone: string): string {
  const date = new Date(now);
  date.setUTCFullYear(date.getUTCFullYear() + 1);
  return utcToZonedLocal(date.toISOString(), timeZone).slice(0, 10);
}

/** The rights desk's licence pages (editors and admins): the requests queue, one request with approve and deny, and the licences with revoke. */
export async function registerLicencesPages(app: FastifyInstance, context: AppContext): Promise<void> {
  const config = { minRole: 'editor' as const };
  const licences = createLicenceService(context);
  const settings = createSettingsService(context);
  const api = app.withTypeProvider<ZodTypeProvider>();

  const renderRequest = async (request: FastifyRequest, reply: FastifyReply, actor: SignedInActor, id: number, state: DeskPageState, status = 200) => {
    const [licenceRequest, partner, { timeZone }] = await Promise.all([licences.getRequest(actor, id), licences.partnerFor(actor, id), settings.forDisplay()]);
    const values: FormValues = { expiresOn: aYearFrom(nowIso(), timeZone), ...state.values };
    return sendNewsroomPage(reply, <RequestPage actor={actor} csrfToken={request.csrfToken} request={licenceRequest} partner={partner} timeZone={timeZone} state={{ ...state, values }} />, status);
  };

  app.get(REQUESTS_PATH, { config }, async (request, reply) => {
    const actor = signedInActor(request);
    const query = queueQuerySchema.parse(request.query ?? {});
    const [requests, { timeZone }] = await Promise.all([licences.listRequests(actor, query.status, query.page), settings.forDisplay()]);
    const notice = doneNotice(request, query.done);
    return sendNewsroomPage(reply, <RequestsQueuePage actor={actor} csrfToken={request.csrfToken} status={query.status} requests={requests} timeZone={timeZone} notice={notice} />);
  });

  api.get(`${REQUESTS_PATH}/:id`, { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) =>
    renderRequest(request, reply, signedInActor(request), request.params.id, { values: {}, errors: {} }),
  );

  api.post(`${REQUESTS_PATH}/:id/approve`, { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    const actor = signedInActor(request);
    const { id } = request.params;
    const typed = formValues(request.body);
    const form = approveForm.parse(typed);
    const values = { scope: form.scope, expiresOn: form.expiresOn, approveNote: form.note };
    const { t } = newsroomTranslator(request);
    const refuse = (errors: FieldErrors, message = t('licences.notApproved')) => renderRequest(request, reply, actor, id, { values, errors, message }, 422);
    const { timeZone } = await settings.forDisplay();
    const expiresAt = endOfDay(form.expiresOn, timeZone);
    if (expiresAt === null) return refuse({ expiresOn: t('licences.error.expiresOn') });
    try {
      await licences.approve(actor, id, { scope: form.scope as LicenceScope, expiresAt, note: form.note });
    } catch (error) {
      if (error instanceof Invalid) {
        const field = FORM_FIELD_OF[error.field] ?? error.field;
        return refuse({ [field]: error.message });
      }
      if (error instanceof Conflict) return renderRequest(request, reply, actor, id, { values: {}, errors: {}, message: error.message }, 409);
      throw error;
    }
    return reply.redirect(`${LICENCES_PATH}?done=approved`, 303);
  });

  api.post(`${REQUESTS_PATH}/:id/deny`, { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    const actor = signedInActor(request);
    const { id } = request.params;
    const { note } = denyForm.parse(formValues(request.body));
    try {
      await licences.deny(actor, id, { note });
    } catch (error) {
      if (error instanceof Invalid) return renderRequest(request, reply, actor, id, { values: { denyNote: note }, errors: { denyNote: error.message }, message: newsroomTranslator(request).t('licences.notDenied') }, 422);
      if (error instanceof Conflict) return renderRequest(request, reply, actor, id, { values: {}, errors: {}, message: error.message }, 409);
      throw error;
    }
    return reply.redirect(`${REQUESTS_PATH}?done=denied`, 303);
  });

  app.get(LICENCES_PATH, { config }, async (request, reply) => {
    const actor = signedInActor(request);
    const { done } = doneQuerySchema.parse(request.query ?? {});
    const [list, { timeZone }] = await Promise.all([licences.listLicences(actor), settings.forDisplay()]);
    return sendNewsroomPage(
      reply,
      <LicencesPage actor={actor} csrfToken={request.csrfToken} licences={list} timeZone={timeZone} now={nowIso()} notice={doneNotice(request, done)} />,
    );
  });

  api.post(`${LICENCES_PATH}/:id/revoke`, { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    await licences.revoke(signedInActor(request), request.params.id);
    return reply.redirect(`${LICENCES_PATH}?done=revoked`, 303);
  });
}
