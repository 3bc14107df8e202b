import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { figureMediaIds } from '#src/domain/articles/article-body.ts';
import { findArticleById } from '#src/domain/articles/article-repository.ts';
import { latestReviews } from '#src/domain/articles/article-review.ts';
import { createArticleService } from '#src/domain/articles/article-service.ts';
import { listLocations } from '#src/domain/locations/location-repository.ts';
import { findMediaByIds } from '#src/domain/media/media-repository.ts';
import { listAuthors } from '#src/domain/people/author-repository.ts';
import { listSections } from '#src/domain/sections/section-repository.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import { findOrCreateTagByName, listTags } from '#src/domain/tags/tag-repository.ts';
import { recordAudit } from '#src/domain/audit/audit-log.ts';
import { NotFound } from '#src/lib/errors.ts';
import { hasRole } from '#src/domain/people/actor.ts';
import { signedInActor, type SignedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema } from '#src/web/route-params.ts';
import type { ArticleJson } from '#src/domain/articles/article-json.ts';
import type { EditorBootData } from './client/types.ts';
import { editorAssetUrls } from './editor-assets.ts';
import { IslandData } from './island-data.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { sendNewsroomPage } from './views/send-page.ts';


/**
 * Who may add a new tag while writing: authors and up, as typed names. Contributors choose existing
 * tags (newsrooms keep the tag list from sprawling; editors curate it under Tags).
 */
const TAG_CREATOR_ROLE = 'author' as const;

/** Everything the editor island starts from: the article (or none), the taxonomy to choose from, its images. */
async function bootData(context: AppContext, actor: SignedInActor, article: ArticleJson | null, createdBy: number | null): Promise<EditorBootData> {
  const db = context.database.db;
  const [sections, tags, authors, locations, settings] = await Promise.all([
    listSections(db),
    listTags(db),
    listAuthors(db),
    listLocations(db),
    loadSettings(db),
  ]);
  const mediaIds = article ? [...(article.leadMediaId ? [article.leadMediaId] : []), ...figureMediaIds(article.body)] : [];
  const media = mediaIds.length ? [...(await findMediaByIds(db, mediaIds)).values()] : [];
  const review = article ? ((await latestReviews(db, [article.id])).get(article.id) ?? null) : null;
  return {
    actor,
    article,
    createdBy,
    sections: sections.map((s) => ({ id: s.id, name: s.name })),
    tags: tags.map((t) => ({ id: t.id, name: t.name })),
    authors: authors.map((a) => ({ id: a.id, name: a.name })),
    locations: locations.map((l) => ({ id: l.id, label: `${l.city}, ${l.country}` })),
    media,
    timeZone: settings.timeZone,
    publicPath: article?.status === 'published' ? article.path : null,
    canCreateTags: hasRole(actor, TAG_CREATOR_ROLE),
    latestReview: review ? { action: review.action, note: review.note, createdAt: review.createdAt, createdBy: review.createdBy } : null,
  };
}

function EditorPage({ data }: { data: EditorBootData }) {
  const heading = data.article ? 'Edit article' : 'New article';
  return (
    <>
      <div class="nr-page-head">
        <h1>{heading}</h1>
        <a href="/newsroom" class="nr-small">
          ← All articles
        </a>
      </div>
      <div id="editor-root" class="ed-root">
        <p class="nr-muted">Loading the editor…</p>
        <noscript>
          <p class="nr-notice nr-notice--warn">The editor needs JavaScript. Turn it on for this site to write and save articles.</p>
        </noscript>
      </div>
      <IslandData id="editor-data" data={data} />
    </>
  );
}

/** Registers the article editor pages: GET /newsroom/articles/new and /newsroom/articles/:id. */
export async function registerArticleEditorPage(app: FastifyInstance, context: AppContext): Promise<void> {
  const articles = createArticleService(context);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const assets = editorAssetUrls();
  const send = async (reply: Parameters<typeof sendNewsroomPage>[0], csrfToken: string | null, actor: SignedInActor, data: EditorBootData) =>
    sendNewsroomPage(
      reply,
      <NewsroomLayout
        title={data.article ? data.article.title || 'Edit article' : 'New article'}
        actor={actor}
        csrfToken={csrfToken}
        active="articles"
        scripts={[assets.script]}
        styles={[assets.styles]}
      >
        <EditorPage data={data} />
      </NewsroomLayout>,
    );

  // The editor's "create tag" (the same find-or-create by name the rest of the newsroom uses): answers { id, name }.
  api.post(
    '/newsroom/articles/tags',
    { config: { minRole: TAG_CREATOR_ROLE }, schema: { hide: true, body: z.object({ name: z.string().trim().min(1).max(100) }) } },
    async (request, reply) => {
      const actor = signedInActor(request);
      const tag = await findOrCreateTagByName(context.database.db, request.body.name);
      if (tag.isNew) {
        await recordAudit(context.database.db, { userId: actor.id, action: 'taxonomy.created', subjectType: 'tag', subjectId: tag.id, details: { name: tag.name } });
        context.events.emit('taxonomy.updated');
      }
      return reply.code(tag.isNew ? 201 : 200).send({ id: tag.id, name: tag.name });
    },
  );

  api.get('/newsroom/articles/new', { schema: { hide: true } }, async (request, reply) => {
    const actor = signedInActor(request);
    return send(reply, request.csrfToken, actor, await bootData(context, actor, null, null));
  });

  api.get(
    '/newsroom/articles/:id',
    { schema: { hide: true, params: idParamsSchema } },
    async (request, reply) => {
      const actor = signedInActor(request);
      // The service applies the read policy (403/404); the record adds who created it, for the same policy in the browser.
      const article = await articles.get(actor, request.params.id);
      const record = await findArticleById(context.database.db, article.id);
      if (!record) throw new NotFound(`Article ${request.params.id}`);
      return send(reply, request.csrfToken, actor, await bootData(context, actor, article, record.createdBy));
    },
  );
}
