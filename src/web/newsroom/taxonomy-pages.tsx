import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { LANGUAGE_CODE_PATTERN } from '#src/domain/settings/language-codes.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import type { TermTranslations } from '#src/domain/taxonomy/term-translation-repository.ts';
import { Invalid } from '#src/lib/errors.ts';
import { cleanText } from '#src/lib/text-input.ts';
import { signedInActor, type SignedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema } from '#src/web/route-params.ts';
import { forEachTaxonomyKind, type TaxonomyKind } from './taxonomy-kinds.tsx';
import { CsrfField, Notice, formValues, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { sendNewsroomPage } from './views/send-page.ts';
import { newsroomTranslator } from './newsroom-language.ts';
import { TermTranslationForms, translationFieldName } from './views/term-translation-forms.tsx';

type PageState = {
  values: FormValues;
  errors: FieldErrors;
  notice?: string;
  message?: string;
  /** A refused per-language form: its language, what was typed and why. */
  refused?: { language: string; values: FormValues; errors: FieldErrors };
};

/** A per-language form's route: the language in the path. */
const translationParamsSchema = idParamsSchema.extend({ language: z.string().max(20).regex(LANGUAGE_CODE_PATTERN) });

/** A per-language form: its fields are named after the language (see translationFieldName), and which button was pressed. */
const translationBodySchema = z.object({ intent: z.enum(['save', 'remove']).optional() }).loose();

/** The query of a taxonomy page: `saved=1` after a successful save. */
const savedQuerySchema = z.object({ saved: z.string().optional().catch(undefined) });

/** The field errors of a write the service refused (Invalid), or rethrows anything else. */
function refusal(error: unknown): FieldErrors {
  if (error instanceof Invalid) return { [error.field]: error.message };
  throw error;
}

function registerKind<Item extends { id: number }, Input extends Record<string, unknown>>(app: FastifyInstance, context: AppContext, kind: TaxonomyKind<Item, Input>): void {
  const base = `/newsroom/${kind.key}`;
  const config = { minRole: 'editor' as const };
  const service = kind.service(context);
  const settings = createSettingsService(context);
  const api = app.withTypeProvider<ZodTypeProvider>();

  const renderList = async (request: FastifyRequest, reply: FastifyReply, actor: SignedInActor, state: PageState, status = 200) => {
    const items = await service.list(actor);
    const { t } = newsroomTranslator(request);
    return sendNewsroomPage(
      reply,
      <NewsroomLayout title={t(`taxonomy.${kind.key}.title`)} actor={actor} csrfToken={request.csrfToken} active={kind.key}>
        <div class="nr-page-head">
          <h1>{t(`taxonomy.${kind.key}.title`)}</h1>
        </div>
        <p class="nr-muted">{t(`taxonomy.${kind.key}.intro`)}</p>
        {state.notice ? <Notice kind="ok">{state.notice}</Notice> : null}
        {state.message ? <Notice kind="error">{state.message}</Notice> : null}
        <div class="nr-card">
          <h2>{t(`taxonomy.${kind.key}.add`)}</h2>
          <form method="post" action={base} class="nr-form" novalidate>
            <CsrfField token={request.csrfToken} />
            <kind.Fields values={state.values} errors={state.errors} options={kind.formNeedsAll ? items : []} />
            <div class="nr-actions">
              <button type="submit" class="nr-button">
                {t(`taxonomy.${kind.key}.addSubmit`)}
              </button>
            </div>
          </form>
        </div>
        {items.length ? <kind.Table items={items} /> : <p class="nr-muted">{t(`taxonomy.${kind.key}.empty`)}</p>}
      </NewsroomLayout>,
      status,
    );
  };

  const renderEdit = async (request: FastifyRequest, reply: FastifyReply, actor: SignedInActor, id: number, state: PageState, status = 200) => {
    const [options, item, site] = await Promise.all([kind.formNeedsAll ? service.list(actor) : [], service.get(actor, id), settings.forDisplay()]);
    const translations: TermTranslations = item.translations;
    const { t } = newsroomTranslator(request);
    return sendNewsroomPage(
      reply,
      <NewsroomLayout title={t(`taxonomy.${kind.key}.edit`)} actor={actor} csrfToken={request.csrfToken} active={kind.key}>
        <p>
          <a href={base}>{t(`taxonomy.${kind.key}.all`)}</a>
        </p>
        <h1>{t(`taxonomy.${kind.key}.edit`)}</h1>
        {state.notice ? <Notice kind="ok">{state.notice}</Notice> : null}
        {state.message ? <Notice kind="error">{state.message}</Notice> : null}
        <div class="nr-card">
          <form method="post" action={`${base}/${id}`} class="nr-form" novalidate>
            <CsrfField token={request.csrfToken} />
            <kind.Fields values={state.values} errors={state.errors} options={options} selfId={id} />
            <div class="nr-actions">
              <button type="submit" class="nr-button">
                {t('common.saveChanges')}
              </button>
            </div>
          </form>
        </div>
        <TermTranslationForms
          kind={kind.subject}
          action={`${base}/${id}`}
          languages={site.languages.filter((language) => language !== site.defaultLanguage)}
          translations={translations}
          csrfToken={request.csrfToken}
          refused={state.refused}
        />
      </NewsroomLayout>,
      status,
    );
  };

  app.get(base, { config }, async (request, reply) => {
    const notice = savedQuerySchema.parse(request.query ?? {}).saved === '1' ? newsroomTranslator(request).t(`taxonomy.${kind.key}.saved`) : undefined;
    return renderList(request, reply, signedInActor(request), { values: {}, errors: {}, notice });
  });

  app.post(base, { config }, async (request, reply) => {
    const actor = signedInActor(request);
    const values = formValues(request.body);
    const translator = newsroomTranslator(request);
    const parsed = kind.form.parse(values, translator);
    const errors = 'errors' in parsed ? parsed.errors : await service.create(actor, parsed.input).then(() => undefined, refusal);
    if (errors) return renderList(request, reply, actor, { values, errors, message: translator.t(`taxonomy.${kind.key}.notSaved`) }, 422);
    return reply.redirect(`${base}?saved=1`, 303);
  });

  api.get(`${base}/:id`, { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    const actor = signedInActor(request);
    const { id } = request.params;
    const item = await service.get(actor, id);
    const notice = savedQuerySchema.parse(request.query ?? {}).saved === '1' ? newsroomTranslator(request).t('common.saved') : undefined;
    return renderEdit(request, reply, actor, id, { values: kind.form.values(item), errors: {}, notice });
  });

  api.post(`${base}/:id`, { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    const actor = signedInActor(request);
    const { id } = request.params;
    // A missing item is a 404 whatever the form says.
    await service.get(actor, id);
    const values = formValues(request.body);
    const translator = newsroomTranslator(request);
    const parsed = kind.form.parse(values, translator);
    const errors = 'errors' in parsed ? parsed.errors : await service.update(actor, id, parsed.input).then(() => undefined, refusal);
    if (errors) return renderEdit(request, reply, actor, id, { values, errors, message: translator.t('common.notSaved') }, 422);
    return reply.redirect(`${base}/${id}?saved=1`, 303);
  });

  // One language's name, slug and description (or its removal); the service checks them and the language.
  api.post(
    `${base}/:id/translations/:language`,
    { config, schema: { hide: true, params: translationParamsSchema, body: translationBodySchema } },
    async (request, reply) => {
      const actor = signedInActor(request);
      const { id, language } = request.params;
      const values = formValues(request.body);
      // The one text rule (ADR 0019): controls out, NFC; descriptions keep their line breaks.
      const field = (name: 'name' | 'slug' | 'description') => cleanText(values[translationFieldName(language, name)] ?? '', { multiline: name === 'description' });
      const write =
        request.body.intent === 'remove'
          ? service.removeTranslation(actor, id, language)
          : service.saveTranslation(actor, id, language, { name: field('name'), slug: field('slug'), description: field('description') });
      const errors = await write.then(() => undefined, refusal);
      if (errors) {
        // The service names its own fields (name, slug, description, language); this language's form shows them.
        const named = Object.fromEntries(Object.entries(errors).map(([key, message]) => [translationFieldName(language, key as 'name'), message]));
        const message = errors.language ?? newsroomTranslator(request).t(`taxonomy.${kind.key}.translationNotSaved`, { language });
        return renderEdit(request, reply, actor, id, { values: kind.form.values(await service.get(actor, id)), errors: {}, message, refused: { language, values, errors: named } }, 422);
      }
      return reply.redirect(`${base}/${id}?saved=1`, 303);
    },
  );
}

/** Sections, tags, authors and locations: list, add and edit (editor and above). */
export async function registerTaxonomyPages(app: FastifyInstance, context: AppContext): Promise<void> {
  forEachTaxonomyKind((kind) => registerKind(app, context, kind));
}
