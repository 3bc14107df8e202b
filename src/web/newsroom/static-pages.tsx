import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { pagePatchSchema, type PagePatch } from '#src/domain/pages/page-schema.ts';
import { createPageService, PageConflict, type PageFormData } from '#src/domain/pages/page-service.ts';
import type { NewsroomMessageKey } from '#src/i18n/newsroom-translator.ts';
import { Invalid } from '#src/lib/errors.ts';
import { signedInActor, type SignedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema, idSchema } from '#src/web/route-params.ts';
import { renderStaticPagePreview } from '#src/web/site/routes/static-page.tsx';
import { EDITOR_MESSAGE_PREFIXES } from './client/island-i18n.ts';
import { pageEditorAssetUrls } from './island-assets.ts';
import { newsroomTranslator } from './newsroom-language.ts';
import { PageEditPage, PageRevisionsPage, PagesListPage, pageFormValues, type PageFormState } from './static-pages-views.tsx';
import { formValues, zodFieldErrors, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { sendNewsroomPage } from './views/send-page.ts';

/** What `done` (after a redirect) says happened. */
const DONE_NOTICES: Record<string, NewsroomMessageKey> = {
  created: 'pages.done.created',
  saved: 'common.saved',
  publish: 'pages.done.publish',
  unpublish: 'pages.done.unpublish',
  trash: 'pages.done.trash',
  restore: 'pages.done.restore',
  revision: 'pages.done.restoredRevision',
};

const ACTIONS = ['publish', 'unpublish', 'trash', 'restore'] as const;

const doneQuerySchema = z.object({ done: z.string().optional().catch(undefined), status: z.string().optional().catch(undefined) });
const versionFormSchema = z.object({ version: z.coerce.number().int().positive().max(2_147_483_647) });
const revisionParamsSchema = idParamsSchema.extend({ revisionId: idSchema });

function doneNotice(request: FastifyRequest, done: string | undefined): string | undefined {
  const key = done ? DONE_NOTICES[done] : undefined;
  return key ? newsroomTranslator(request).t(key) : undefined;
}

/**
 * The posted form as a page patch: empty slug means "make one from the title" on a new page and
 * "keep it" on an existing one; an empty parent is the site root; the body comes as the document's
 * JSON text from the editor island (or unchanged from the page, without JavaScript).
 */
function parsePageForm(values: FormValues): { patch: PagePatch } | { errors: FieldErrors } {
  let body: unknown;
  if (values.body) {
    try {
      body = JSON.parse(values.body);
    } catch {
      return { errors: { body: 'The text could not be read; reload the page and try again.' } };
    }
  }
  const parsed = pagePatchSchema.safeParse({
    title: values.title ?? '',
    ...(values.slug?.trim() ? { slug: values.slug } : {}),
    language: values.language,
    parentId: values.parentId ? Number(values.parentId) : null,
    menu: values.menu ?? 'none',
    menuOrder: values.menuOrder?.trim() ? Number(values.menuOrder) : 0,
    ...(body !== undefined ? { body } : {}),
  });
  return parsed.success ? { patch: parsed.data } : { errors: zodFieldErrors(parsed.error) };
}

/** The field errors of a write the service refused (Invalid), or rethrows anything else. */
function refusal(error: unknown): FieldErrors {
  if (error instanceof Invalid) return { [error.field]: error.message };
  throw error;
}

/**
 * The newsroom's static pages (editors and admins): the list, the form of a new or existing page
 * with the article editor's body editor, its workflow buttons, its history and its preview. Every
 * write is a form post answered by a redirect (or the form again with its errors), so the pages
 * work without JavaScript but for the body's editing.
 */
export async function registerStaticPages(app: FastifyInstance, context: AppContext): Promise<void> {
  const config = { minRole: 'editor' as const };
  const pages = createPageService(context);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const assets = pageEditorAssetUrls();

  const renderForm = (request: FastifyRequest, reply: FastifyReply, actor: SignedInActor, data: PageFormData, state: PageFormState, status = 200) => {
    const translator = newsroomTranslator(request);
    let body = data.page?.body ?? { type: 'doc' as const, content: [] };
    try {
      if (state.values.body) body = JSON.parse(state.values.body);
    } catch {
      // The posted text was not JSON: the editor opens with the stored body.
    }
    const boot = { body, media: data.media, i18n: translator.islandMessages(EDITOR_MESSAGE_PREFIXES) };
    return sendNewsroomPage(
      reply,
      <PageEditPage actor={actor} csrfToken={request.csrfToken} data={data} state={state} boot={boot} scripts={[assets.script]} styles={[assets.styles]} />,
      status,
    );
  };

  app.get('/newsroom/pages', { config, schema: { hide: true } }, async (request, reply) => {
    const actor = signedInActor(request);
    const { done, status } = doneQuerySchema.parse(request.query ?? {});
    const trash = status === 'trashed';
    const list = await pages.list(actor, trash ? { status: 'trashed' } : {});
    return sendNewsroomPage(reply, <PagesListPage actor={actor} csrfToken={request.csrfToken} pages={list} trash={trash} notice={doneNotice(request, done)} />);
  });

  app.get('/newsroom/pages/new', { config, schema: { hide: true } }, async (request, reply) => {
    const actor = signedInActor(request);
    const data = await pages.formData(actor, null);
    return renderForm(request, reply, actor, data, { values: { language: data.defaultLanguage, menu: 'none', menuOrder: '0' }, errors: {} });
  });

  app.post('/newsroom/pages', { config, schema: { hide: true } }, async (request, reply) => {
    const actor = signedInActor(request);
    const values = formValues(request.body);
    const parsed = parsePageForm(values);
    const outcome = 'errors' in parsed ? parsed : await pages.create(actor, { ...parsed.patch, title: parsed.patch.title ?? '' }).then((page) => ({ page }), (error: unknown) => ({ errors: refusal(error) }));
    if ('errors' in outcome) {
      return renderForm(request, reply, actor, await pages.formData(actor, null), { values, errors: outcome.errors, message: newsroomTranslator(request).t('common.notSaved') }, 422);
    }
    return reply.redirect(`/newsroom/pages/${outcome.page.id}?done=created`, 303);
  });

  api.get('/newsroom/pages/:id', { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    const actor = signedInActor(request);
    const { done } = doneQuerySchema.parse(request.query ?? {});
    const data = await pages.formData(actor, request.params.id);
    return renderForm(request, reply, actor, data, { values: pageFormValues(data.page!), errors: {}, notice: doneNotice(request, done) });
  });

  api.post('/newsroom/pages/:id', { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    const actor = signedInActor(request);
    const { id } = request.params;
    const data = await pages.formData(actor, id);
    const values = formValues(request.body);
    const parsed = parsePageForm(values);
    const version = versionFormSchema.safeParse(values);
    let errors: FieldErrors | undefined = 'errors' in parsed ? parsed.errors : version.success ? undefined : { version: 'The form lost its version; reload the page.' };
    let message = newsroomTranslator(request).t('common.notSaved');
    if (!errors && 'patch' in parsed && version.success) {
      try {
        await pages.update(actor, id, { ...parsed.patch, version: version.data.version });
      } catch (error) {
        if (!(error instanceof PageConflict)) errors = refusal(error);
        else {
          // Keep what was typed on the form; the stored version is a reload away.
          errors = {};
          message = newsroomTranslator(request).t('pages.conflict', { version: error.current.version });
        }
      }
    }
    if (errors) return renderForm(request, reply, actor, data, { values, errors, message }, 422);
    return reply.redirect(`/newsroom/pages/${id}?done=saved`, 303);
  });

  for (const action of ACTIONS) {
    api.post(`/newsroom/pages/:id/${action}`, { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
      const actor = signedInActor(request);
      const { id } = request.params;
      const version = versionFormSchema.safeParse(formValues(request.body));
      try {
        if (!version.success) throw new Invalid('version', 'The form lost its version; reload the page.');
        await pages[action](actor, id, version.data.version);
      } catch (error) {
        if (!(error instanceof Invalid || error instanceof PageConflict)) throw error;
        const data = await pages.formData(actor, id);
        return renderForm(request, reply, actor, data, { values: pageFormValues(data.page!), errors: {}, message: error.message }, error instanceof PageConflict ? 409 : 422);
      }
      return reply.redirect(`/newsroom/pages/${id}?done=${action}`, 303);
    });
  }

  api.get('/newsroom/pages/:id/revisions', { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    const actor = signedInActor(request);
    const { id } = request.params;
    const [page, revisions] = await Promise.all([pages.get(actor, id), pages.listRevisions(actor, id)]);
    // Each revision beside the one before it (the list is newest first).
    const withDiffs = await Promise.all(
      revisions.map(async (revision, index) => {
        const previous = revisions[index + 1];
        return { ...revision, diff: previous ? await pages.diffRevisions(actor, id, previous.id, revision.id) : null };
      }),
    );
    return sendNewsroomPage(reply, <PageRevisionsPage actor={actor} csrfToken={request.csrfToken} page={page} revisions={withDiffs} />);
  });

  api.post('/newsroom/pages/:id/revisions/:revisionId/restore', { config, schema: { hide: true, params: revisionParamsSchema } }, async (request, reply) => {
    const actor = signedInActor(request);
    const { id, revisionId } = request.params;
    const version = versionFormSchema.safeParse(formValues(request.body));
    if (!version.success) throw new Invalid('version', 'The form lost its version; reload the page.');
    await pages.restoreRevision(actor, id, revisionId, version.data.version);
    return reply.redirect(`/newsroom/pages/${id}?done=revision`, 303);
  });

  api.get('/newsroom/pages/:id/preview', { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    await pages.get(signedInActor(request), request.params.id);
    const html = await renderStaticPagePreview(context, request.params.id);
    return reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow').type('text/html; charset=utf-8').send(html);
  });
}
