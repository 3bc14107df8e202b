import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { createCurationService } from '#src/domain/curation/curation-service.ts';
import { sectionsInTreeOrder } from '#src/domain/sections/section-tree.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { Conflict, Invalid } from '#src/lib/errors.ts';
import { layoutLanguageSchema } from '#src/web/api/admin/main-page-api.ts';
import { signedInActor, type SignedInActor } from '#src/web/middleware/require-role.ts';
import { idSchema } from '#src/web/route-params.ts';
import { renderMainPagePreview } from '#src/web/site/routes/home-page.tsx';
import { newsroomTranslator } from './newsroom-language.ts';
import { blockRows, fields, layoutFormValues, layoutFromForm } from './main-page-form.ts';
import { MAIN_PAGE_PATH, MainPageCurationPage, mainPagePath, type MainPageState } from './main-page-views.tsx';
import { formValues } from './views/form-field.tsx';
import { sendNewsroomPage } from './views/send-page.ts';

const languageParams = z.object({ language: layoutLanguageSchema });
const revisionParams = z.object({ language: layoutLanguageSchema, id: idSchema });
const doneQuerySchema = z.object({ done: z.enum(['saved', 'published', 'restored']).optional().catch(undefined) });

/** The notice after each kind of change (a redirect's `done`). */
const DONE_NOTICES = { saved: 'mainPage.done.saved', published: 'mainPage.done.published', restored: 'mainPage.done.restored' } as const;

/**
 * The Main Page's curation pages (editors and admins; ADR 0035): a language's layout form and
 * history, a preview of any revision as readers would get it (never cached, never indexed),
 * and publish and restore. The curation service decides by policy and checks every pin.
 */
export async function registerMainPagePages(app: FastifyInstance, context: AppContext): Promise<void> {
  const config = { minRole: 'editor' as const };
  const curation = createCurationService(context);
  const settings = createSettingsService(context);
  const api = app.withTypeProvider<ZodTypeProvider>();

  /** Renders a language's page: the form from `values` (as typed) or from the layout to edit. */
  const render = async (request: FastifyRequest, reply: FastifyReply, actor: SignedInActor, language: string, state: Partial<MainPageState>, status = 200) => {
    const [overview, { timeZone, languages, defaultLanguage }] = await Promise.all([curation.overview(actor, language), settings.forDisplay()]);
    const rows = blockRows(sectionsInTreeOrder(overview.sections).map(({ section }) => section.id));
    const values = state.values ?? layoutFormValues(overview.layout, rows, timeZone);
    const ordered = [defaultLanguage, ...languages.filter((l) => l !== defaultLanguage)];
    return sendNewsroomPage(
      reply,
      <MainPageCurationPage actor={actor} csrfToken={request.csrfToken} overview={overview} rows={rows} languages={ordered} timeZone={timeZone} state={{ values, errors: state.errors ?? {}, notice: state.notice, message: state.message }} />,
      status,
    );
  };

  app.get(MAIN_PAGE_PATH, { config }, async (request, reply) => {
    const { defaultLanguage } = await curation.languages(signedInActor(request));
    return reply.redirect(mainPagePath(defaultLanguage), 303);
  });

  api.get(`${MAIN_PAGE_PATH}/:language`, { config, schema: { hide: true, params: languageParams } }, async (request, reply) => {
    const { done } = doneQuerySchema.parse(request.query ?? {});
    const notice = done ? newsroomTranslator(request).t(DONE_NOTICES[done]) : undefined;
    return render(request, reply, signedInActor(request), request.params.language, { notice });
  });

  api.post(`${MAIN_PAGE_PATH}/:language`, { config, schema: { hide: true, params: languageParams } }, async (request, reply) => {
    const actor = signedInActor(request);
    const { language } = request.params;
    const values = formValues(request.body);
    const { t } = newsroomTranslator(request);
    const { timeZone } = await settings.forDisplay();
    const overview = await curation.overview(actor, language);
    const rows = blockRows(sectionsInTreeOrder(overview.sections).map(({ section }) => section.id));
    const publish = values.intent === 'publish';
    const base = (values.baseRevisionId ?? '').trim();
    let fieldOf = new Map<string, string>();
    try {
      const parsed = layoutFromForm(values, rows, timeZone);
      fieldOf = parsed.fieldOf;
      await curation.save(actor, language, { layout: parsed.layout, note: values[fields.note] ?? '', baseRevisionId: /^\d+$/.test(base) ? Number(base) : null, publish });
    } catch (error) {
      if (error instanceof Invalid) {
        const field = fieldOf.get(error.field) ?? (error.field.includes('.') ? undefined : error.field);
        const message = t('mainPage.notSaved');
        return render(request, reply, actor, language, field ? { values, errors: { [field]: error.message }, message } : { values, errors: {}, message: `${message} ${error.message}` }, 422);
      }
      if (error instanceof Conflict) return render(request, reply, actor, language, { values, errors: {}, message: error.message }, 409);
      throw error;
    }
    return reply.redirect(`${mainPagePath(language)}?done=${publish ? 'published' : 'saved'}`, 303);
  });

  api.get(`${MAIN_PAGE_PATH}/:language/revisions/:id/preview`, { config, schema: { hide: true, params: revisionParams } }, async (request, reply) => {
    const revision = await curation.revision(signedInActor(request), request.params.language, request.params.id);
    const html = await renderMainPagePreview(context, revision.language, revision.layout);
    return reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow').type('text/html; charset=utf-8').send(html);
  });

  for (const [action, done] of [
    ['publish', 'published'],
    ['restore', 'restored'],
  ] as const) {
    api.post(`${MAIN_PAGE_PATH}/:language/revisions/:id/${action}`, { config, schema: { hide: true, params: revisionParams } }, async (request, reply) => {
      const actor = signedInActor(request);
      const { language, id } = request.params;
      try {
        await curation[action](actor, language, id);
      } catch (error) {
        if (error instanceof Invalid || error instanceof Conflict) {
          const message = `${newsroomTranslator(request).t(action === 'publish' ? 'mainPage.notPublished' : 'mainPage.notRestored')} ${error.message}`;
          return render(request, reply, actor, language, { message }, error instanceof Conflict ? 409 : 422);
        }
        throw error;
      }
      return reply.redirect(`${mainPagePath(language)}?done=${done}`, 303);
    });
  }
}
