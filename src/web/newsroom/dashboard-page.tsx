import type { FastifyInstance } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import type { ArticleStatus } from '#src/db/schema.ts';
import type { NewsroomList, NewsroomListItem } from '#src/domain/articles/article-newsroom-list.ts';
import { NEWSROOM_PAGE_SIZE } from '#src/domain/articles/article-newsroom-list.ts';
import { createArticleService } from '#src/domain/articles/article-service.ts';
import { can } from '#src/domain/articles/article-policy.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { LANGUAGE_CODE_PATTERN } from '#src/domain/settings/language-codes.ts';
import { createArticleDesk, type DeskChoices } from '#src/domain/articles/article-calendar.ts';
import { sectionsInTreeOrder } from '#src/domain/sections/section-tree.ts';
import { signedInActor, type SignedInActor } from '#src/web/middleware/require-role.ts';
import { optionalIdFormField } from '#src/web/route-params.ts';
import { BULK_FORM_ID, BulkActionsForm, CALENDAR_PATH, deskListUrl, type DeskFilter } from './desk-views.tsx';
import { editorAssetUrls } from './island-assets.ts';
import { newsroomTranslator } from './newsroom-language.ts';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { useNewsroomT } from './views/newsroom-i18n.ts';
import { sendNewsroomPage } from './views/send-page.ts';

const STATUSES: ArticleStatus[] = ['draft', 'review', 'scheduled', 'published', 'trashed'];

/** Rows of "My drafts" at most: a writer's open work fits on one screen. */
const MY_DRAFTS_LIMIT = 100;

type Column = 'status' | 'section' | 'author' | 'updated' | 'scheduled' | 'note';

/** The row's language, and which of the site's other languages its story has or lacks. */
function LanguageCell({ item, languages }: { item: NewsroomListItem; languages: readonly string[] }) {
  const { t, languageName } = useNewsroomT();
  const others = languages.filter((code) => code !== item.language);
  const has = others.filter((code) => item.translationLanguages.includes(code));
  const lacks = others.filter((code) => !item.translationLanguages.includes(code));
  return (
    <td>
      <abbr title={languageName(item.language)}>{item.language}</abbr>
      {has.length > 0 ? <span class="nr-small db-translated"> · {t('dashboard.translated', { languages: has.join(', ') })}</span> : null}
      {lacks.length > 0 ? <span class="nr-small nr-muted db-untranslated"> · {t('dashboard.missing', { languages: lacks.join(', ') })}</span> : null}
    </td>
  );
}

function ArticleTable({
  actor,
  items,
  columns,
  timeZone,
  caption,
  languages,
  selectable = false,
}: {
  /** Who reads the list: each row offers "Edit" only where the article policy lets them. */
  actor: SignedInActor;
  items: NewsroomListItem[];
  columns: Column[];
  timeZone: string;
  caption: string;
  /** The site's languages: each row says which its story has. */
  languages: readonly string[];
  /** A checkbox per row, posted with the bulk actions' form (BULK_FORM_ID). */
  selectable?: boolean;
}) {
  const { t, dateTime } = useNewsroomT();
  return (
    <table class="nr-table db-table">
      <caption class="nr-visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {selectable ? (
            <th scope="col">
              <span class="nr-visually-hidden">{t('dashboard.bulk.chosen')}</span>
            </th>
          ) : null}
          <th scope="col">{t('dashboard.column.title')}</th>
          <th scope="col">{t('dashboard.column.language')}</th>
          {columns.includes('status') ? <th scope="col">{t('dashboard.column.status')}</th> : null}
          {columns.includes('section') ? <th scope="col">{t('dashboard.column.section')}</th> : null}
          {columns.includes('author') ? <th scope="col">{t('dashboard.column.createdBy')}</th> : null}
          {columns.includes('scheduled') ? <th scope="col">{t('dashboard.column.publishesAt', { timeZone })}</th> : null}
          {columns.includes('note') ? <th scope="col">{t('dashboard.column.review')}</th> : null}
          {columns.includes('updated') ? <th scope="col">{t('dashboard.column.updated')}</th> : null}
          <th scope="col">{t('dashboard.column.links')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.id}>
            {selectable ? (
              <td>
                <input type="checkbox" name="articleId" value={String(a.id)} form={BULK_FORM_ID} aria-label={t('dashboard.bulk.choose', { title: a.title || t('common.untitled') })} />
              </td>
            ) : null}
            <td>
              <a href={`/newsroom/articles/${a.id}`} lang={a.language}>
                {a.title || t('common.untitled')}
              </a>
            </td>
            <LanguageCell item={a} languages={languages} />
            {columns.includes('status') ? (
              <td>
                <span class={`nr-badge nr-badge--${a.status}`}>{t(`status.${a.status}`)}</span>
              </td>
            ) : null}
            {columns.includes('section') ? <td>{a.sectionName}</td> : null}
            {columns.includes('author') ? <td>{a.createdBy?.name ?? '—'}</td> : null}
            {columns.includes('scheduled') ? <td>{a.scheduledAt ? dateTime(a.scheduledAt, timeZone) : '—'}</td> : null}
            {columns.includes('note') ? (
              <td>
                {a.review ? t('dashboard.reviewStep', { action: a.review.action, name: a.review.createdBy?.name ?? '—' }) : '—'}
                {a.review?.note ? <span class="nr-muted">: {a.review.note}</span> : null}
              </td>
            ) : null}
            {columns.includes('updated') ? <td>{dateTime(a.updatedAt, timeZone)}</td> : null}
            <td class="db-links">
              {can(actor, 'edit', { status: a.status, createdBy: a.createdBy?.id ?? null, authorIds: a.authorIds }) ? (
                <a href={`/newsroom/articles/${a.id}`} aria-label={t('dashboard.editLabel', { title: a.title })}>
                  {t('dashboard.edit')}
                </a>
              ) : (
                <a href={`/newsroom/articles/${a.id}`} aria-label={t('dashboard.readLabel', { title: a.title })}>
                  {t('dashboard.read')}
                </a>
              )}
              {a.status === 'published' ? (
                <a href={a.path} aria-label={t('dashboard.viewLabel', { title: a.title })}>
                  {t('dashboard.view')}
                </a>
              ) : (
                <a href={`/newsroom/articles/${a.id}/preview`} aria-label={t('dashboard.previewLabel', { title: a.title })}>
                  {t('dashboard.preview')}
                </a>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Section({ id, title, empty, children, count }: { id: string; title: string; empty: string; children: ComponentChildren; count: number }) {
  return (
    <section class="db-section" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span class="nr-muted nr-small">({count})</span>
      </h2>
      {count === 0 ? <p class="nr-muted">{empty}</p> : children}
    </section>
  );
}

type DashboardProps = {
  actor: SignedInActor;
  timeZone: string;
  languages: readonly string[];
  myDrafts: NewsroomListItem[];
  review: NewsroomListItem[];
  scheduled: NewsroomListItem[];
  all: NewsroomList;
  filter: DeskFilter;
  choices: DeskChoices;
  csrfToken: string | null;
};

function Dashboard({ actor, timeZone, languages, myDrafts, review, scheduled, all, filter, choices, csrfToken }: DashboardProps) {
  const { t, languageLabel } = useNewsroomT();
  // Whoever may approve reviews sees everyone's queue; the others see their own articles in review.
  const isEditor = can(actor, 'approve');
  const pages = Math.max(1, Math.ceil(all.total / NEWSROOM_PAGE_SIZE));
  // Past the count's cap the number of pages is unknown: a full page may have a next one.
  const hasNext = all.isTotalCapped ? all.items.length === NEWSROOM_PAGE_SIZE : filter.page < pages;
  const pageHref = (page: number) => `${deskListUrl(filter, page)}#all-articles`;
  return (
    <>
      <div class="nr-page-head">
        <h1>{t('dashboard.title')}</h1>
        <a href={CALENDAR_PATH}>{t('calendar.title')}</a>
        <a class="nr-button" href="/newsroom/articles/new">
          {t('dashboard.newArticle')}
        </a>
      </div>
      <Section id="my-drafts" title={t('dashboard.myDrafts')} empty={t('dashboard.myDraftsEmpty')} count={myDrafts.length}>
        <ArticleTable actor={actor} items={myDrafts} columns={['section', 'updated']} timeZone={timeZone} languages={languages} caption={t('dashboard.myDrafts')} />
      </Section>
      <Section
        id="review-queue"
        title={isEditor ? t('dashboard.waitingForReview') : t('dashboard.myInReview')}
        empty={t('dashboard.reviewEmpty')}
        count={review.length}
      >
        <ArticleTable actor={actor} items={review} columns={['section', 'author', 'note', 'updated']} timeZone={timeZone} languages={languages} caption={t('dashboard.waitingForReview')} />
      </Section>
      <Section id="scheduled" title={t('dashboard.scheduled')} empty={t('dashboard.scheduledEmpty')} count={scheduled.length}>
        <ArticleTable actor={actor} items={scheduled} columns={['section', 'scheduled', 'author']} timeZone={timeZone} languages={languages} caption={t('dashboard.scheduledCaption')} />
      </Section>
      <section class="db-section" aria-labelledby="all-articles">
        <h2 id="all-articles">
          {isEditor ? t('dashboard.allArticles') : t('dashboard.articlesYouCanSee')}{' '}
          <span class="nr-muted nr-small">({all.isTotalCapped ? t('dashboard.countCapped', { count: all.total }) : all.total})</span>
        </h2>
        <form class="db-filter nr-inline-form" method="get" action="/newsroom" role="search">
          <label for="db-status">{t('dashboard.filter.status')}</label>
          <select id="db-status" name="status">
            <option value="">{t('dashboard.filter.allButTrashed')}</option>
            {STATUSES.map((s) => (
              <option value={s} selected={filter.status === s} key={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
          <label for="db-language">{t('dashboard.filter.language')}</label>
          <select id="db-language" name="language">
            <option value="">{t('dashboard.filter.allLanguages')}</option>
            {languages.map((code) => (
              <option value={code} selected={filter.language === code} key={code}>
                {languageLabel(code)}
              </option>
            ))}
          </select>
          <label for="db-section">{t('dashboard.filter.section')}</label>
          <select id="db-section" name="section">
            <option value="">{t('dashboard.filter.allSections')}</option>
            {sectionsInTreeOrder(choices.sections).map(({ section, depth }) => (
              <option value={String(section.id)} selected={filter.sectionId === section.id} key={section.id}>
                {'— '.repeat(depth)}
                {section.name}
              </option>
            ))}
          </select>
          <label for="db-author">{t('dashboard.filter.author')}</label>
          <select id="db-author" name="author">
            <option value="">{t('dashboard.filter.allAuthors')}</option>
            {choices.authors.map((a) => (
              <option value={String(a.id)} selected={filter.authorId === a.id} key={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <label for="db-q">{t('dashboard.filter.query')}</label>
          <input id="db-q" class="nr-input" type="search" name="q" value={filter.q} maxLength={200} />
          <button type="submit" class="nr-button nr-button--quiet">
            {t('common.filter')}
          </button>
        </form>
        {all.items.length === 0 ? (
          <p class="nr-muted">{t('dashboard.noMatch')}</p>
        ) : (
          <>
            <BulkActionsForm choices={choices} csrfToken={csrfToken} back={deskListUrl(filter, filter.page)} />
            <ArticleTable actor={actor} items={all.items} columns={['status', 'section', 'author', 'updated']} timeZone={timeZone} languages={languages} caption={t('dashboard.allArticles')} selectable />
          </>
        )}
        {pages > 1 || all.isTotalCapped ? (
          <nav class="nr-pager" aria-label={t('dashboard.pagesLabel')}>
            {filter.page > 1 ? <a href={pageHref(filter.page - 1)}>{t('common.previous')}</a> : null}
            <span aria-current="page">{all.isTotalCapped ? t('common.page', { page: filter.page }) : t('common.pageOf', { page: filter.page, pages })}</span>
            {hasNext ? <a href={pageHref(filter.page + 1)}>{t('common.next')}</a> : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}

const dashboardQuery = z.object({
  status: z.enum(['draft', 'review', 'scheduled', 'published', 'trashed']).or(z.literal('')).optional(),
  /** One section's articles (with its subsections'); empty: all. */
  section: optionalIdFormField('Choose a section from the list.').optional(),
  /** One author's articles (by byline); empty: all. */
  author: optionalIdFormField('Choose an author from the list.').optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  /** One language's articles; empty: all. */
  language: z.string().regex(LANGUAGE_CODE_PATTERN).or(z.literal('')).optional(),
});

/** Registers the newsroom home `/newsroom` (drafts, review queue, scheduled, all articles) and `/newsroom/review`. */
export async function registerDashboardPage(app: FastifyInstance, context: AppContext): Promise<void> {
  const articles = createArticleService(context);
  const desk = createArticleDesk(context);
  const settingsService = createSettingsService(context);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const styles = editorAssetUrls().styles;

  api.get('/newsroom', { schema: { hide: true, querystring: dashboardQuery } }, async (request, reply) => {
    const actor = signedInActor(request);
    const status = request.query.status || undefined;
    const q = request.query.q?.trim() ?? '';
    const language = request.query.language || undefined;
    const sectionId = request.query.section ?? undefined;
    const authorId = request.query.author ?? undefined;
    const [drafts, review, scheduled, all, settings, choices] = await Promise.all([
      articles.list(actor, { status: 'draft', page: 1, pageSize: MY_DRAFTS_LIMIT }),
      articles.reviewQueue(actor),
      articles.list(actor, { status: 'scheduled', page: 1, pageSize: 100 }),
      articles.list(actor, { status, q, language, sectionId, authorId, page: request.query.page }),
      settingsService.forDisplay(),
      desk.choices(actor),
    ]);
    const { t } = newsroomTranslator(request);
    return sendNewsroomPage(
      reply,
      <NewsroomLayout title={t('dashboard.title')} actor={actor} csrfToken={request.csrfToken} active="articles" styles={[styles]}>
        <Dashboard
          actor={actor}
          timeZone={settings.timeZone}
          languages={settings.languages}
          myDrafts={drafts.items.filter((a) => a.createdBy?.id === actor.id)}
          review={review.items}
          scheduled={[...scheduled.items].sort((a, b) => (a.scheduledAt ?? '').localeCompare(b.scheduledAt ?? ''))}
          all={all}
          filter={{ status, q, language, sectionId, authorId, page: request.query.page }}
          choices={choices}
          csrfToken={request.csrfToken}
        />
      </NewsroomLayout>,
    );
  });

  api.get('/newsroom/review', { schema: { hide: true } }, async (request, reply) => {
    const actor = signedInActor(request);
    const [review, settings] = await Promise.all([articles.reviewQueue(actor), settingsService.forDisplay()]);
    const { t } = newsroomTranslator(request);
    return sendNewsroomPage(
      reply,
      <NewsroomLayout title={t('nav.review')} actor={actor} csrfToken={request.csrfToken} active="review" styles={[styles]}>
        <div class="nr-page-head">
          <h1>{t('dashboard.waitingForReview')}</h1>
        </div>
        {review.items.length === 0 ? (
          <p class="nr-muted">{t('dashboard.reviewEmpty')}</p>
        ) : (
          <ArticleTable actor={actor} items={review.items} columns={['section', 'author', 'note', 'updated']} timeZone={settings.timeZone} languages={settings.languages} caption={t('dashboard.waitingForReview')} />
        )}
      </NewsroomLayout>,
    );
  });
}
