import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { createEditorData } from '#src/domain/articles/article-editor-data.ts';
import { can } from '#src/domain/articles/article-policy.ts';
import { translateInputSchema } from '#src/domain/articles/article-schema.ts';
import { createArticleService } from '#src/domain/articles/article-service.ts';
import { handleOf } from '#src/domain/comments/comment-mentions.ts';
import { commentInputSchema } from '#src/domain/comments/comment-schema.ts';
import { createCommentService, type Discussion } from '#src/domain/comments/comment-service.ts';
import { createTagService } from '#src/domain/tags/tag-service.ts';
import { Invalid } from '#src/lib/errors.ts';
import { textField } from '#src/lib/text-input.ts';
import { signedInActor, type SignedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema, idSchema } from '#src/web/route-params.ts';
import type { ArticleEditorData } from '#src/domain/articles/article-editor-data.ts';
import { EDITOR_MESSAGE_PREFIXES } from './client/island-i18n.ts';
import type { EditorBootData } from './client/types.ts';
import { editorAssetUrls } from './island-assets.ts';
import { IslandData } from './island-data.tsx';
import { newsroomTranslator } from './newsroom-language.ts';
import { useNewsroomT } from './views/newsroom-i18n.ts';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { sendNewsroomPage } from './views/send-page.ts';
import { CommentsPanel, type CommentDraft } from './views/comments-panel.tsx';
import { TranslationsPanel } from './views/translations-panel.tsx';

/**
 * Who may add a new tag while writing: authors and up, as typed names (the tag policy's
 * 'find-or-create'). Contributors choose existing tags (newsrooms keep the tag list from sprawling;
 * editors curate it under Tags).
 */
const TAG_CREATOR_ROLE = 'author' as const;

/** Which comment form was posted: a new thread, a reply in a thread, or an edit of one's own comment. */
type CommentForm = { kind: 'new' } | { kind: 'reply' | 'edit'; commentId: number };

/** The review discussion beside an existing article, and a refused comment to show again. */
type CommentsState = { discussion: Discussion; draft: CommentDraft | null };

function EditorPage({ data, csrfToken, comments }: { data: EditorBootData; csrfToken: string | null; comments: CommentsState | null }) {
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
      {data.article && comments ? (
        <CommentsPanel
          articleId={data.article.id}
          discussion={comments.discussion}
          timeZone={data.timeZone}
          viewerHandle={handleOf(data.actor.email)}
          csrfToken={csrfToken}
          draft={comments.draft}
          canWrite
        />
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
  const comments = createCommentService(context);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const assets = editorAssetUrls();
  const send = async (
    reply: Parameters<typeof sendNewsroomPage>[0],
    csrfToken: string | null,
    actor: SignedInActor,
    editor: ArticleEditorData,
    draft: CommentDraft | null = null,
  ) => {
    const translator = newsroomTranslator(reply.request);
    const { t } = translator;
    // The island gets its own messages only (never the whole catalogue), in the user's language.
    const data: EditorBootData = { ...editor, i18n: translator.islandMessages(EDITOR_MESSAGE_PREFIXES) };
    const discussion = editor.article ? await comments.discussion(actor, editor.article.id) : null;
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
        <EditorPage data={data} csrfToken={csrfToken} comments={discussion ? { discussion, draft } : null} />
      </NewsroomLayout>,
      draft ? 422 : 200,
    );
  };

  /**
   * Comment, reply, edit (plain form posts): stored, then back to the comment; refused (too long, a
   * mention of a disabled or unknown colleague), the editor page again with the text and the reason.
   */
  const postComment = async (request: FastifyRequest, reply: FastifyReply, articleId: number, form: CommentForm) => {
    const actor = signedInActor(request);
    const parsed = commentInputSchema.safeParse(request.body);
    try {
      if (!parsed.success) throw new Invalid('body', parsed.error.issues[0]?.message ?? 'Write the comment first.');
      const comment =
        form.kind === 'edit'
          ? await comments.edit(actor, articleId, form.commentId, parsed.data)
          : await comments.add(actor, articleId, parsed.data, form.kind === 'reply' ? form.commentId : undefined);
      return reply.redirect(`/newsroom/articles/${articleId}#comment-${comment.id}`, 303);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      const typed = typeof (request.body as { body?: unknown } | undefined)?.body === 'string' ? (request.body as { body: string }).body : '';
      const key = form.kind === 'new' ? 'new' : `${form.kind}-${form.commentId}`;
      return send(reply, request.csrfToken, actor, await editorData.load(actor, articleId), { form: key, body: typed, error: error.message });
    }
  };
  const commentParams = idParamsSchema.extend({ commentId: idSchema });

  api.post('/newsroom/articles/:id/comments', { schema: { hide: true, params: idParamsSchema } }, async (request, reply) =>
    postComment(request, reply, request.params.id, { kind: 'new' }),
  );
  api.post('/newsroom/articles/:id/comments/:commentId/replies', { schema: { hide: true, params: commentParams } }, async (request, reply) =>
    postComment(request, reply, request.params.id, { kind: 'reply', commentId: request.params.commentId }),
  );
  api.post('/newsroom/articles/:id/comments/:commentId/edit', { schema: { hide: true, params: commentParams } }, async (request, reply) =>
    postComment(request, reply, request.params.id, { kind: 'edit', commentId: request.params.commentId }),
  );
  for (const [step, resolved] of [
    ['resolve', true],
    ['reopen', false],
  ] as const) {
    api.post(`/newsroom/articles/:id/comments/:commentId/${step}`, { schema: { hide: true, params: commentParams } }, async (request, reply) => {
      const thread = await comments.resolve(signedInActor(request), request.params.id, request.params.commentId, resolved);
      return reply.redirect(`/newsroom/articles/${request.params.id}#comment-${thread.id}`, 303);
    });
  }
  api.post('/newsroom/articles/:id/comments/:commentId/withdraw', { schema: { hide: true, params: commentParams } }, async (request, reply) => {
    await comments.remove(signedInActor(request), request.params.id, request.params.commentId);
    return reply.redirect(`/newsroom/articles/${request.params.id}#comments`, 303);
  });

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
