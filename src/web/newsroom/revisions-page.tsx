import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rowNumberParam } from '#src/lib/id-input.ts';
import type { AppContext } from '#src/app-context.ts';
import { createArticleService } from '#src/domain/articles/article-service.ts';
import type { FieldDiff, RevisionSummary } from '#src/domain/articles/article-revisions.ts';
import { handleOf } from '#src/domain/comments/comment-mentions.ts';
import { createCommentService, type Discussion } from '#src/domain/comments/comment-service.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { signedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema, idSchema } from '#src/web/route-params.ts';
import { editorAssetUrls } from './island-assets.ts';
import type { NewsroomMessageKey } from '#src/i18n/newsroom-translator.ts';
import { CommentsPanel } from './views/comments-panel.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { useNewsroomT } from './views/newsroom-i18n.ts';
import { sendNewsroomPage } from './views/send-page.ts';
import { newsroomTranslator } from './newsroom-language.ts';

/** What each revision kind means to a reader of the history. */
const KIND_LABELS: Record<string, NewsroomMessageKey> = {
  create: 'revisions.kind.create',
  save: 'revisions.kind.save',
  autosave: 'revisions.kind.autosave',
  publish: 'revisions.kind.publish',
  restore: 'revisions.kind.restore',
  conflict: 'revisions.kind.conflict',
};

/** Field names as the editor labels them. */
const FIELD_LABELS: Record<string, NewsroomMessageKey> = {
  title: 'revisions.field.title',
  standfirst: 'revisions.field.standfirst',
  slug: 'revisions.field.slug',
  body: 'revisions.field.body',
  leadCaption: 'revisions.field.leadCaption',
  leadCredit: 'revisions.field.leadCredit',
  sourceAttribution: 'revisions.field.sourceAttribution',
  sectionId: 'revisions.field.sectionId',
  leadMediaId: 'revisions.field.leadMediaId',
  locationId: 'revisions.field.locationId',
  tagIds: 'revisions.field.tagIds',
  authorIds: 'revisions.field.authorIds',
  language: 'revisions.field.language',
  translationOfId: 'revisions.field.translationOfId',
};

/** A label of one of the tables above, or the raw name when it has none. */
function labelOf(t: ReturnType<typeof useNewsroomT>['t'], labels: Record<string, NewsroomMessageKey>, name: string): string {
  const key = labels[name];
  return key ? t(key) : name;
}

type PageProps = {
  articleId: number;
  title: string;
  revisions: RevisionSummary[];
  from: number | null;
  to: number | null;
  diff: FieldDiff[] | null;
  timeZone: string;
  csrfToken: string | null;
  version: number;
  canRestore: boolean;
  /** The review discussion, kept with the history (read here, written beside the editor). */
  discussion: Discussion;
  viewerHandle: string;
};

function DiffView({ diff, revisions, from, to }: { diff: FieldDiff[]; revisions: RevisionSummary[]; from: number; to: number }) {
  const { t, rich } = useNewsroomT();
  const version = (id: number) => String(revisions.find((r) => r.id === id)?.version ?? '?');
  return (
    <section class="nr-card rv-diff" aria-labelledby="rv-diff-title">
      <h2 id="rv-diff-title">{t('revisions.changesFromTo', { from: version(from), to: version(to) })}</h2>
      <p class="nr-small nr-muted">
        {rich('revisions.legend', {
          removed: <del class="rv-del">{t('revisions.removedWords')}</del>,
          added: <ins class="rv-ins">{t('revisions.addedWords')}</ins>,
        })}
      </p>
      {diff.length === 0 ? (
        <p>{t('revisions.same')}</p>
      ) : (
        <dl class="rv-fields">
          {diff.map((field) => (
            <div class="rv-field" key={field.field}>
              <dt>{labelOf(t, FIELD_LABELS, field.field)}</dt>
              <dd class="rv-text">
                {field.changes.map((change, i) =>
                  change.added ? (
                    <ins class="rv-ins" key={i}>
                      {change.value}
                    </ins>
                  ) : change.removed ? (
                    <del class="rv-del" key={i}>
                      {change.value}
                    </del>
                  ) : (
                    <span key={i}>{change.value}</span>
                  ),
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function RevisionsPage(props: PageProps) {
  const { t, dateTime } = useNewsroomT();
  const { articleId, revisions, timeZone } = props;
  // Default comparison: the newest against the one before it.
  const to = props.to ?? revisions[0]?.id ?? null;
  const from = props.from ?? revisions[1]?.id ?? null;
  return (
    <>
      <div class="nr-page-head">
        <h1>{t('revisions.heading', { title: props.title })}</h1>
        <a class="nr-small" href={`/newsroom/articles/${articleId}`}>
          {t('revisions.back')}
        </a>
      </div>
      {props.diff && props.from !== null && props.to !== null ? <DiffView diff={props.diff} revisions={revisions} from={props.from} to={props.to} /> : null}
      <form method="get" action={`/newsroom/articles/${articleId}/revisions`} class="rv-compare">
        <table class="nr-table">
          <caption class="nr-visually-hidden">{t('revisions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('revisions.column.from')}</th>
              <th scope="col">{t('revisions.column.to')}</th>
              <th scope="col">{t('revisions.column.version')}</th>
              <th scope="col">{t('revisions.column.what')}</th>
              <th scope="col">{t('revisions.column.who')}</th>
              <th scope="col">{t('revisions.column.when', { timeZone })}</th>
              {props.canRestore ? <th scope="col">{t('revisions.column.restore')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => (
              <tr key={r.id}>
                <td>
                  <input type="radio" name="from" value={r.id} checked={r.id === from} aria-label={t('revisions.compareFrom', { version: String(r.version) })} />
                </td>
                <td>
                  <input type="radio" name="to" value={r.id} checked={r.id === to} aria-label={t('revisions.compareTo', { version: String(r.version) })} />
                </td>
                <td class="nr-num">{r.version}</td>
                <td>{labelOf(t, KIND_LABELS, r.kind)}</td>
                <td>{r.createdBy?.name ?? t('revisions.system')}</td>
                <td>{dateTime(r.createdAt, timeZone)}</td>
                {props.canRestore ? (
                  <td>
                    <button
                      type="submit"
                      class="nr-button nr-button--quiet nr-button--small"
                      form={`rv-restore-${r.id}`}
                      aria-label={t('revisions.restoreVersion', { version: String(r.version) })}
                    >
                      {t('revisions.restore')}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
        <div class="nr-actions rv-actions">
          <button type="submit" class="nr-button" disabled={revisions.length < 2}>
            {t('revisions.compare')}
          </button>
        </div>
      </form>
      {props.canRestore
        ? revisions.map((r) => (
            // One small POST form per revision (outside the GET form, so the token never lands in a URL).
            <form id={`rv-restore-${r.id}`} key={r.id} method="post" action={`/newsroom/articles/${articleId}/revisions/${r.id}/restore`} hidden>
              <input type="hidden" name="_csrf" value={props.csrfToken ?? ''} />
              <input type="hidden" name="version" value={String(props.version)} />
            </form>
          ))
        : null}
      <CommentsPanel
        articleId={articleId}
        discussion={props.discussion}
        timeZone={timeZone}
        viewerHandle={props.viewerHandle}
        csrfToken={props.csrfToken}
        draft={null}
        canWrite={false}
      />
    </>
  );
}

/** Registers the revision history page and its restore action (plain forms: no script needed). */
export async function registerRevisionsPage(app: FastifyInstance, context: AppContext): Promise<void> {
  const articles = createArticleService(context);
  const settingsService = createSettingsService(context);
  const comments = createCommentService(context);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const styles = editorAssetUrls().styles;

  api.get(
    '/newsroom/articles/:id/revisions',
    {
      schema: {
        hide: true,
        params: idParamsSchema,
        querystring: z.object({ from: idSchema.optional(), to: idSchema.optional() }),
      },
    },
    async (request, reply) => {
      const actor = signedInActor(request);
      const id = request.params.id;
      const [article, revisions, settings, discussion] = await Promise.all([
        articles.get(actor, id),
        articles.listRevisions(actor, id),
        settingsService.forDisplay(),
        comments.discussion(actor, id),
      ]);
      const { from, to } = request.query;
      const diff = from !== undefined && to !== undefined ? await articles.diffRevisions(actor, id, from, to, { names: true }) : null;
      const { t } = newsroomTranslator(request);
      return sendNewsroomPage(
        reply,
        <NewsroomLayout title={t('revisions.title', { title: article.title })} actor={actor} csrfToken={request.csrfToken} active="articles" styles={[styles]}>
          <RevisionsPage
            articleId={id}
            title={article.title}
            revisions={revisions}
            from={from ?? null}
            to={to ?? null}
            diff={diff}
            timeZone={settings.timeZone}
            csrfToken={request.csrfToken}
            version={article.version}
            canRestore={article.status !== 'trashed'}
            discussion={discussion}
            viewerHandle={handleOf(actor.email)}
          />
        </NewsroomLayout>,
      );
    },
  );

  api.post(
    '/newsroom/articles/:id/revisions/:revisionId/restore',
    {
      schema: {
        hide: true,
        params: idParamsSchema.extend({ revisionId: idSchema }),
        body: z.object({ version: rowNumberParam() }).loose(),
      },
    },
    async (request, reply) => {
      const actor = signedInActor(request);
      // The version the page showed: if someone saved since, the service answers 409 rather than overwrite.
      await articles.restoreRevision(actor, request.params.id, request.params.revisionId, request.body.version);
      return reply.redirect(`/newsroom/articles/${request.params.id}`, 303);
    },
  );
}
