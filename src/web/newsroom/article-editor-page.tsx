import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { createEditorData } from '#src/domain/articles/article-editor-data.ts';
import { can } from '#src/domain/articles/article-policy.ts';
import { translateInputSchema } from '#src/domain/articles/article-schema.ts';
import { createArticleService } from '#src/domain/articles/article-service.ts';
import { createTagService } from '#src/domain/tags/tag-service.ts';
import { textField } from '#src/lib/text-input.ts';
import { signedInActor, type SignedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema } from '#src/web/route-params.ts';
import type { ArticleEditorData } from '#src/domain/articles/article-editor-data.ts';
import { EDITOR_MESSAGE_PREFIXES } from './client/island-i18n.ts';
import type { EditorBootData } from './client/types.ts';
import { editorAssetUrls } from './island-assets.ts';
import { IslandData } from './island-data.tsx';
import { newsroomTranslator } from './newsroom-language.ts';
import { useNewsroomT } from './views/newsroom-i18n.ts';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { sendNewsroomPage } from './views/send-page.ts';
import { TranslationsPanel } from './views/translations-panel.tsx';

/**
 * Who may add a new tag while writing: authors and up, as typed names (the tag policy's
 * 'find-or-create'). Contributors choose existing tags (newsrooms keep the tag list from sprawling;
 * editors curate it under Tags).
 */
const TAG_CREATOR_ROLE = 'author' as const;

function EditorPage({ data, csrfToken }: { data: EditorBootData; csrfToken: string | null }) {
  const { t } = useNewsroomT();
  const heading = data.article ? t('editorPage.edit') : t('editorPage.new');
  return (
    <>
      <div class="nr-page-head">
        <h1 id="editor-heading">{heading}</h1>
        <a href="/newsroom" class="nr-small">
          {t('editorPage.allArticles')}
        </a>
      </div>
      <div id="editor-root" class="ed-root">
        <p class="nr-muted">{t('editorPage.loading')}</p>
        <noscript>
          <p class="nr-notice nr-notice--warn">{t('editorPage.needsScript')}</p>
        </noscript>
      </div>
      {data.article ? (
        <TranslationsPanel article={data.article} languages={data.languages} csrfToken={csrfToken} canTranslate={can(data.actor, 'create')} />
      ) : null}
      <IslandData id="editor-data" data={data} />
    </>
  );
}

/** Registers the article editor pages: GET /newsroom/articles/new and /newsroom/articles/:id. */
export async function registerArticleEditorPage(app: FastifyInstance, context: AppContext): Promise<void> {
  const editorData = createEditorData(context);
  const tags = createTagService(context);
  const articles = createArticleService(context);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const assets = editorAssetUrls();
  const send = async (reply: Parameters<typeof sendNewsroomPage>[0], csrfToken: string | null, actor: SignedInActor, editor: ArticleEditorData) => {
    const translator = newsroomTranslator(reply.request);
    const { t } = translator;
    // The island gets its own messages only (never the whole catalogue), in the user's language.
    const data: EditorBootData = { ...editor, i18n: translator.islandMessages(EDITOR_MESSAGE_PREFIXES) };
    return sendNewsroomPage(
      reply,
      <NewsroomLayout
        title={data.article ? data.article.title || t('editorPage.edit') : t('editorPage.new')}
        actor={actor}
        csrfToken={csrfToken}
        active="articles"
        scripts={[assets.script]}
        styles={[assets.styles]}
      >
        <EditorPage data={data} csrfToken={csrfToken} />
      </NewsroomLayout>,
    );
  };

  // The editor's "create tag" (the same find-or-create by name the rest of the newsroom uses): answers { id, name }.
  api.post(
    '/newsroom/articles/tags',
    { config: { minRole: TAG_CREATOR_ROLE }, schema: { hide: true, body: z.object({ name: textField().trim().min(1).max(100) }) } },
    async (request, reply) => {
      const tag = await tags.findOrCreateByName(signedInActor(request), request.body.name);
      return reply.code(tag.isNew ? 201 : 200).send({ id: tag.id, name: tag.name });
    },
  );

  // "Translate into …" (a form, so it works without the editor's script): the linked draft, then its editor.
  api.post(
    '/newsroom/articles/:id/translations',
    { schema: { hide: true, params: idParamsSchema, body: translateInputSchema.loose() } },
    async (request, reply) => {
      const draft = await articles.translate(signedInActor(request), request.params.id, request.body.language);
      return reply.redirect(`/newsroom/articles/${draft.id}`, 303);
    },
  );

  api.get('/newsroom/articles/new', { schema: { hide: true } }, async (request, reply) => {
    const actor = signedInActor(request);
    return send(reply, request.csrfToken, actor, await editorData.load(actor, null));
  });

  api.get(
    '/newsroom/articles/:id',
    { schema: { hide: true, params: idParamsSchema } },
    async (request, reply) => {
      const actor = signedInActor(request);
      // The article service's read policy decides (403/404); the data says who created it, for the same policy in the browser.
      return send(reply, request.csrfToken, actor, await editorData.load(actor, request.params.id));
    },
  );
}
