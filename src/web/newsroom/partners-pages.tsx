import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import type { PartnerInput } from '#src/domain/licences/licence-schema.ts';
import { createLicenceService } from '#src/domain/licences/licence-service.ts';
import { createPartnerService } from '#src/domain/licences/partner-service.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Invalid } from '#src/lib/errors.ts';
import { textField } from '#src/lib/text-input.ts';
import { signedInActor, type SignedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema, optionalIdFormField } from '#src/web/route-params.ts';
import { formValues, zodFieldErrors, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { sendNewsroomPage } from './views/send-page.ts';
import type { NewsroomMessageKey, NewsroomTranslator } from '#src/i18n/newsroom-translator.ts';
import { newsroomTranslator } from './newsroom-language.ts';
import { PARTNERS_PATH, type DeskPageState } from './licences-views.tsx';
import { PartnerPage, PartnersListPage, SYNDICATION_FEED_PATH, partnerFormValues } from './partners-views.tsx';
import { siteUrl } from '#src/lib/site-url.ts';

/** What `done` (after a redirect) says happened. */
const DONE_NOTICES = { created: 'partners.done.created', saved: 'common.saved' } as const satisfies Record<string, NewsroomMessageKey>;
const doneQuerySchema = z.object({ done: z.enum(['created', 'saved']).optional().catch(undefined) });

/** The notice of a `done` query value, in the request's newsroom language. */
function doneNotice(request: FastifyRequest, done: keyof typeof DONE_NOTICES | undefined): string | undefined {
  return done ? newsroomTranslator(request).t(DONE_NOTICES[done]) : undefined;
}

/** The partner form as posted: domains one per line (or separated by commas or spaces); the feed key only from admins. Its message in the page's language. */
function partnerForm(t: NewsroomTranslator['t']) {
  return z.object({
    organisation: textField().catch(''),
    contactName: textField().catch(''),
    contactEmail: textField().catch(''),
    domains: z
      .string()
      .catch('')
      .transform((text) => text.split(/[\s,]+/).filter((part) => part !== '')),
    apiKeyId: optionalIdFormField(t('partners.error.apiKey')).optional(),
  });
}

/** The form's values as the service takes them, or the fields at fault; a form without the key field (an editor's) never changes the feed key. */
function parsePartnerForm(values: FormValues, hasKeyField: boolean, t: NewsroomTranslator['t']): { input: PartnerInput } | { errors: FieldErrors } {
  const parsed = partnerForm(t).safeParse({ ...values, apiKeyId: hasKeyField ? (values.apiKeyId ?? '') : undefined });
  if (!parsed.success) return { errors: zodFieldErrors(parsed.error) };
  const { apiKeyId, ...rest } = parsed.data;
  return { input: { ...rest, ...(apiKeyId !== undefined ? { apiKeyId } : {}) } };
}

/** The field errors of a write the service refused (Invalid), or rethrows anything else. */
function refusal(error: unknown): FieldErrors {
  if (error instanceof Invalid) return { [error.field]: error.message };
  throw error;
}

/** The partner pages (editors and admins; the feed key field is for admins): the list with an add form, and each partner's page. */
export async function registerPartnersPages(app: FastifyInstance, context: AppContext): Promise<void> {
  const config = { minRole: 'editor' as const };
  const partners = createPartnerService(context);
  const licences = createLicenceService(context);
  const settings = createSettingsService(context);
  const api = app.withTypeProvider<ZodTypeProvider>();

  const renderList = async (request: FastifyRequest, reply: FastifyReply, actor: SignedInActor, state: DeskPageState, status = 200) => {
    const [list, keyList] = await Promise.all([partners.list(actor), partners.keyChoices(actor)]);
    return sendNewsroomPage(reply, <PartnersListPage actor={actor} csrfToken={request.csrfToken} partners={list} keys={keyList} state={state} />, status);
  };

  const renderPartner = async (request: FastifyRequest, reply: FastifyReply, actor: SignedInActor, id: number, state: (values: FormValues) => DeskPageState, status = 200) => {
    const partner = await partners.get(actor, id);
    const [list, keyList, { timeZone }] = await Promise.all([licences.listLicences(actor, id), partners.keyChoices(actor), settings.forDisplay()]);
    const feedUrl = siteUrl(context.config.baseUrl, SYNDICATION_FEED_PATH);
    return sendNewsroomPage(
      reply,
      <PartnerPage
        actor={actor}
        csrfToken={request.csrfToken}
        partner={partner}
        licences={list}
        keys={keyList}
        feedUrl={feedUrl}
        timeZone={timeZone}
        now={nowIso()}
        state={state(partnerFormValues(partner))}
      />,
      status,
    );
  };

  app.get(PARTNERS_PATH, { config }, async (request, reply) => {
    const { done } = doneQuerySchema.parse(request.query ?? {});
    return renderList(request, reply, signedInActor(request), { values: {}, errors: {}, notice: doneNotice(request, done) });
  });

  app.post(PARTNERS_PATH, { config }, async (request, reply) => {
    const actor = signedInActor(request);
    const values = formValues(request.body);
    const { t } = newsroomTranslator(request);
    const parsed = parsePartnerForm(values, (await partners.keyChoices(actor)) !== null, t);
    const outcome = 'errors' in parsed ? parsed : await partners.create(actor, parsed.input).then((partner) => ({ partner }), (error: unknown) => ({ errors: refusal(error) }));
    if ('errors' in outcome) return renderList(request, reply, actor, { values, errors: outcome.errors, message: t('partners.notAdded') }, 422);
    return reply.redirect(`${PARTNERS_PATH}/${outcome.partner.id}?done=created`, 303);
  });

  api.get(`${PARTNERS_PATH}/:id`, { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    const { done } = doneQuerySchema.parse(request.query ?? {});
    return renderPartner(request, reply, signedInActor(request), request.params.id, (values) => ({ values, errors: {}, notice: doneNotice(request, done) }));
  });

  api.post(`${PARTNERS_PATH}/:id`, { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    const actor = signedInActor(request);
    const { id } = request.params;
    // A missing partner is a 404 whatever the form says.
    await partners.get(actor, id);
    const values = formValues(request.body);
    const { t } = newsroomTranslator(request);
    const parsed = parsePartnerForm(values, (await partners.keyChoices(actor)) !== null, t);
    const errors = 'errors' in parsed ? parsed.errors : await partners.update(actor, id, parsed.input).then(() => undefined, refusal);
    if (errors) return renderPartner(request, reply, actor, id, () => ({ values, errors, message: t('common.notSaved') }), 422);
    return reply.redirect(`${PARTNERS_PATH}/${id}?done=saved`, 303);
  });
}
