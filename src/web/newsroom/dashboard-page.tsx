import type { FastifyInstance } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import type { ArticleStatus } from '#src/db/schema.ts';
import type { NewsroomListItem } from '#src/domain/articles/article-newsroom-list.ts';
import { NEWSROOM_PAGE_SIZE } from '#src/domain/articles/article-newsroom-list.ts';
import { createArticleService } from '#src/domain/articles/article-service.ts';
import { can } from '#src/domain/articles/article-policy.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { formatDatelineDate } from '#src/lib/dateline.ts';
import { languageLabel, languageName } from '#src/lib/language-names.ts';
import { LANGUAGE_CODE_PATTERN } from '#src/domain/settings/language-codes.ts';
import { signedInActor, type SignedInActor } from '#src/web/middleware/require-role.ts';
import { editorAssetUrls } from './island-assets.ts';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { sendNewsroomPage } from './views/send-page.ts';

const STATUSES: ArticleStatus[] = ['draft', 'review', 'scheduled', 'published', 'trashed'];

/** Rows of "My drafts" at most: a writer's open work fits on one screen. */
const MY_DRAFTS_LIMIT = 100;

type Column = 'status' | 'section' | 'author' | 'updated' | 'scheduled' | 'note';

/** The row's language, and which of the site's other languages its story has or lacks. */
function LanguageCell({ item, languages }: { item: NewsroomListItem; languages: readonly string[] }) {
  const others = languages.filter((code) => code !== item.language);
  const has = others.filter((code) => item.translationLanguages.includes(code));
  const lacks = others.filter((code) => !item.translationLanguages.includes(code));
  return (
    <td>
      <abbr title={languageName(item.language)}>{item.language}</abbr>
      {has.length > 0 ? <span class="nr-small db-translated"> · translated: {has.join(', ')}</span> : null}
      {lacks.length > 0 ? <span class="nr-small nr-muted db-untranslated"> · missing: {lacks.join(', ')}</span> : null}
    </td>
  );
}

function ArticleTable({
  items,
  columns,
  timeZone,
  caption,
  languages,
}: {
  items: NewsroomListItem[];
  columns: Column[];
  timeZone: string;
  caption: string;
  /** The site's languages: each row says which its story has. */
  languages: readonly string[];
}) {
  return (
    <table class="nr-table db-table">
      <caption class="nr-visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Language</th>
          {columns.includes('status') ? <th scope="col">Status</th> : null}
          {columns.includes('section') ? <th scope="col">Section</th> : null}
          {columns.includes('author') ? <th scope="col">Created by</th> : null}
          {columns.includes('scheduled') ? <th scope="col">Publishes at ({timeZone})</th> : null}
          {columns.includes('note') ? <th scope="col">Review</th> : null}
          {columns.includes('updated') ? <th scope="col">Updated</th> : null}
          <th scope="col">Links</th>
        </tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.id}>
            <td>
              <a href={`/newsroom/articles/${a.id}`} lang={a.language}>
                {a.title || '(untitled)'}
              </a>
            </td>
            <LanguageCell item={a} languages={languages} />
            {columns.includes('status') ? (
              <td>
                <span class={`nr-badge nr-badge--${a.status}`}>{a.status}</span>
              </td>
            ) : null}
            {columns.includes('section') ? <td>{a.sectionName}</td> : null}
            {columns.includes('author') ? <td>{a.createdBy?.name ?? '—'}</td> : null}
            {columns.includes('scheduled') ? <td>{a.scheduledAt ? formatDatelineDate(a.scheduledAt, timeZone) : '—'}</td> : null}
            {columns.includes('note') ? (
              <td>
                {a.review ? `${a.review.action === 'submitted' ? 'Submitted' : a.review.action} by ${a.review.createdBy?.name ?? '—'}` : '—'}
                {a.review?.note ? <span class="nr-muted">: {a.review.note}</span> : null}
              </td>
            ) : null}
            {columns.includes('updated') ? <td>{formatDatelineDate(a.updatedAt, timeZone)}</td> : null}
            <td class="db-links">
              <a href={`/newsroom/articles/${a.id}`} aria-label={`Edit “${a.title}”`}>
                Edit
              </a>
              {a.status === 'published' ? (
                <a href={a.path} aria-label={`View “${a.title}” on the site`}>
                  View
                </a>
              ) : (
                <a href={`/newsroom/articles/${a.id}/preview`} aria-label={`Preview “${a.title}”`}>
                  Preview
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
  all: { items: NewsroomListItem[]; total: number };
  filter: { status?: ArticleStatus; q: string; page: number; language?: string };
};

function Dashboard({ actor, timeZone, languages, myDrafts, review, scheduled, all, filter }: DashboardProps) {
  // Whoever may approve reviews sees everyone's queue; the others see their own articles in review.
  const isEditor = can(actor, 'approve');
  const pages = Math.max(1, Math.ceil(all.total / NEWSROOM_PAGE_SIZE));
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    if (filter.status) params.set('status', filter.status);
    if (filter.q) params.set('q', filter.q);
    if (filter.language) params.set('language', filter.language);
    if (page > 1) params.set('page', String(page));
    const query = params.toString();
    return `/newsroom${query ? `?${query}` : ''}#all-articles`;
  };
  return (
    <>
      <div class="nr-page-head">
        <h1>Articles</h1>
        <a class="nr-button" href="/newsroom/articles/new">
          New article
        </a>
      </div>
      <Section id="my-drafts" title="My drafts" empty="You have no drafts. Start one with “New article”." count={myDrafts.length}>
        <ArticleTable items={myDrafts} columns={['section', 'updated']} timeZone={timeZone} languages={languages} caption="My drafts" />
      </Section>
      <Section
        id="review-queue"
        title={isEditor ? 'Waiting for review' : 'My articles in review'}
        empty="Nothing is waiting for review."
        count={review.length}
      >
        <ArticleTable items={review} columns={['section', 'author', 'note', 'updated']} timeZone={timeZone} languages={languages} caption="Waiting for review" />
      </Section>
      <Section id="scheduled" title="Scheduled" empty="Nothing is scheduled." count={scheduled.length}>
        <ArticleTable items={scheduled} columns={['section', 'scheduled', 'author']} timeZone={timeZone} languages={languages} caption="Scheduled articles" />
      </Section>
      <section class="db-section" aria-labelledby="all-articles">
        <h2 id="all-articles">
          {isEditor ? 'All articles' : 'Articles you can see'} <span class="nr-muted nr-small">({all.total})</span>
        </h2>
        <form class="db-filter nr-inline-form" method="get" action="/newsroom" role="search">
          <label for="db-status">Status</label>
          <select id="db-status" name="status">
            <option value="">All but trashed</option>
            {STATUSES.map((s) => (
              <option value={s} selected={filter.status === s} key={s}>
                {s}
              </option>
            ))}
          </select>
          <label for="db-language">Language</label>
          <select id="db-language" name="language">
            <option value="">All languages</option>
            {languages.map((code) => (
              <option value={code} selected={filter.language === code} key={code}>
                {languageLabel(code)}
              </option>
            ))}
          </select>
          <label for="db-q">Title or standfirst contains</label>
          <input id="db-q" class="nr-input" type="search" name="q" value={filter.q} maxLength={200} />
          <button type="submit" class="nr-button nr-button--quiet">
            Filter
          </button>
        </form>
        {all.items.length === 0 ? (
          <p class="nr-muted">No articles match.</p>
        ) : (
          <ArticleTable items={all.items} columns={['status', 'section', 'author', 'updated']} timeZone={timeZone} languages={languages} caption="All articles" />
        )}
        {pages > 1 ? (
          <nav class="nr-pager" aria-label="Pages of articles">
            {filter.page > 1 ? <a href={pageHref(filter.page - 1)}>Previous</a> : null}
            <span aria-current="page">
              Page {filter.page} of {pages}
            </span>
            {filter.page < pages ? <a href={pageHref(filter.page + 1)}>Next</a> : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}

const dashboardQuery = z.object({
  status: z.enum(['draft', 'review', 'scheduled', 'published', 'trashed']).or(z.literal('')).optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  /** One language's articles; empty: all. */
  language: z.string().regex(LANGUAGE_CODE_PATTERN).or(z.literal('')).optional(),
});

/** Registers the newsroom home `/newsroom` (drafts, review queue, scheduled, all articles) and `/newsroom/review`. */
export async function registerDashboardPage(app: FastifyInstance, context: AppContext): Promise<void> {
  const articles = createArticleService(context);
  const settingsService = createSettingsService(context);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const styles = editorAssetUrls().styles;

  api.get('/newsroom', { schema: { hide: true, querystring: dashboardQuery } }, async (request, reply) => {
    const actor = signedInActor(request);
    const status = request.query.status || undefined;
    const q = request.query.q?.trim() ?? '';
    const language = request.query.language || undefined;
    const [drafts, review, scheduled, all, settings] = await Promise.all([
      articles.list(actor, { status: 'draft', page: 1, pageSize: MY_DRAFTS_LIMIT }),
      articles.reviewQueue(actor),
      articles.list(actor, { status: 'scheduled', page: 1, pageSize: 100 }),
      articles.list(actor, { status, q, language, page: request.query.page }),
      settingsService.forDisplay(),
    ]);
    return sendNewsroomPage(
      reply,
      <NewsroomLayout title="Articles" actor={actor} csrfToken={request.csrfToken} active="articles" styles={[styles]}>
        <Dashboard
          actor={actor}
          timeZone={settings.timeZone}
          languages={settings.languages}
          myDrafts={drafts.items.filter((a) => a.createdBy?.id === actor.id)}
          review={review.items}
          scheduled={[...scheduled.items].sort((a, b) => (a.scheduledAt ?? '').localeCompare(b.scheduledAt ?? ''))}
          all={all}
          filter={{ status, q, language, page: request.query.page }}
        />
      </NewsroomLayout>,
    );
  });

  api.get('/newsroom/review', { schema: { hide: true } }, async (request, reply) => {
    const actor = signedInActor(request);
    const [review, settings] = await Promise.all([articles.reviewQueue(actor), settingsService.forDisplay()]);
    return sendNewsroomPage(
      reply,
      <NewsroomLayout title="Review" actor={actor} csrfToken={request.csrfToken} active="review" styles={[styles]}>
        <div class="nr-page-head">
          <h1>Waiting for review</h1>
        </div>
        {review.items.length === 0 ? (
          <p class="nr-muted">Nothing is waiting for review.</p>
        ) : (
          <ArticleTable items={review.items} columns={['section', 'author', 'note', 'updated']} timeZone={settings.timeZone} languages={settings.languages} caption="Waiting for review" />
        )}
      </NewsroomLayout>,
    );
  });
}
