import type { ArticleStatus } from '#src/db/schema.ts';
import type { BulkItemResult } from '#src/domain/articles/article-bulk.ts';
import type { CalendarEntry, DeskChoices } from '#src/domain/articles/article-calendar.ts';
import type { Actor } from '#src/domain/people/actor.ts';
import { sectionsInTreeOrder } from '#src/domain/sections/section-tree.ts';
import { utcToZonedLocal } from './client/zoned-time.ts';
import { CsrfField, Notice } from './views/form-field.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { useNewsroomT } from './views/newsroom-i18n.ts';

/** The id of the bulk actions' form, which the list's checkboxes belong to (`form=` attribute). */
export const BULK_FORM_ID = 'bulk-form';
/** Where bulk actions are posted. */
export const BULK_PATH = '/newsroom/articles/bulk';
/** The editorial calendar. */
export const CALENDAR_PATH = '/newsroom/calendar';

/** The filters of the desk's list, as its URL keeps them. */
export type DeskFilter = { status?: ArticleStatus; q: string; language?: string; sectionId?: number; authorId?: number; page: number };

/** The list's URL with its filters (and page): what links, the pager and the bulk form's return go to. */
export function deskListUrl(filter: DeskFilter, page: number): string {
  const params = new URLSearchParams();
  if (filter.status) params.set('status', filter.status);
  if (filter.q) params.set('q', filter.q);
  if (filter.language) params.set('language', filter.language);
  if (filter.sectionId !== undefined) params.set('section', String(filter.sectionId));
  if (filter.authorId !== undefined) params.set('author', String(filter.authorId));
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/newsroom${query ? `?${query}` : ''}`;
}

/** The bulk actions over the rows ticked in the list below it. */
export function BulkActionsForm({ choices, csrfToken, back }: { choices: DeskChoices; csrfToken: string | null; back: string }) {
  const { t } = useNewsroomT();
  return (
    <form id={BULK_FORM_ID} method="post" action={BULK_PATH} class="nr-inline-form db-bulk">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="back" value={back} />
      <label for="bulk-action">{t('dashboard.bulk.action')}</label>
      <select id="bulk-action" name="action">
        <option value="move">{t('dashboard.bulk.move')}</option>
        <option value="add-tag">{t('dashboard.bulk.addTag')}</option>
        <option value="remove-tag">{t('dashboard.bulk.removeTag')}</option>
        <option value="trash">{t('dashboard.bulk.trash')}</option>
        <option value="restore">{t('dashboard.bulk.restore')}</option>
      </select>
      <label for="bulk-section">{t('dashboard.bulk.section')}</label>
      <select id="bulk-section" name="sectionId">
        <option value="">—</option>
        {sectionsInTreeOrder(choices.sections).map(({ section, depth }) => (
          <option value={String(section.id)}>
            {'— '.repeat(depth)}
            {section.name}
          </option>
        ))}
      </select>
      <label for="bulk-tag">{t('dashboard.bulk.tag')}</label>
      <select id="bulk-tag" name="tagId">
        <option value="">—</option>
        {choices.tags.map((tag) => (
          <option value={String(tag.id)}>{tag.name}</option>
        ))}
      </select>
      <button type="submit" class="nr-button nr-button--quiet">
        {t('dashboard.bulk.apply')}
      </button>
    </form>
  );
}

/** What a bulk action did to each article, or why it was refused before touching any. */
export function BulkResultPage({ actor, csrfToken, back, results, refusal }: { actor: Actor; csrfToken: string | null; back: string; results: BulkItemResult[]; refusal?: string }) {
  const { t } = useNewsroomT();
  const changed = results.filter((r) => r.outcome === 'changed').length;
  return (
    <NewsroomLayout title={t('dashboard.bulk.resultTitle')} actor={actor} csrfToken={csrfToken} active="articles">
      <h1>{t('dashboard.bulk.resultTitle')}</h1>
      {refusal ? <Notice kind="error">{refusal}</Notice> : <Notice kind="ok">{t('dashboard.bulk.changedCount', { count: changed, total: results.length })}</Notice>}
      {results.length > 0 ? (
        <ul>
          {results.map((r) => (
            <li>
              <a href={`/newsroom/articles/${r.id}`}>{r.title || t('common.untitled')}</a>: {t(`dashboard.bulk.outcome.${r.outcome}`)}
              {r.message ? <span class="nr-muted"> ({r.message})</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href={back}>{t('dashboard.bulk.back')}</a>
      </p>
    </NewsroomLayout>
  );
}

/** A calendar's span: a week (Monday first) or one day, as dates in the site's zone. */
export type CalendarSpan = { view: 'week' | 'day'; days: string[]; previous: string; next: string; today: string };

/** A day as a heading says it ("Tuesday, 1 December"), in the newsroom's language. */
function dayLabel(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

/** The editorial calendar: scheduled and published articles by day, for a week or a day, times in the site's zone. */
export function CalendarPage({ actor, csrfToken, span, entries, timeZone }: { actor: Actor; csrfToken: string | null; span: CalendarSpan; entries: CalendarEntry[]; timeZone: string }) {
  const { t, language } = useNewsroomT();
  const href = (view: 'week' | 'day', date: string) => `${CALENDAR_PATH}?view=${view}&date=${date}`;
  const byDay = new Map<string, CalendarEntry[]>();
  for (const entry of entries) {
    const day = utcToZonedLocal(entry.at, timeZone).slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), entry]);
  }
  return (
    <NewsroomLayout title={t('calendar.title')} actor={actor} csrfToken={csrfToken} active="articles">
      <h1>{t('calendar.title')}</h1>
      <p class="nr-muted">{t('calendar.intro', { timeZone })}</p>
      <nav class="nr-filter" aria-label={t('calendar.navLabel')}>
        <a href={href(span.view, span.previous)}>{span.view === 'week' ? t('calendar.previousWeek') : t('calendar.previousDay')}</a>
        {' · '}
        <a href={href(span.view, span.today)}>{t('calendar.today')}</a>
        {' · '}
        <a href={href(span.view, span.next)}>{span.view === 'week' ? t('calendar.nextWeek') : t('calendar.nextDay')}</a>
        {' · '}
        <a href={href('week', span.days[0]!)} aria-current={span.view === 'week' ? 'page' : undefined}>
          {t('calendar.week')}
        </a>
        {' · '}
        <a href={href('day', span.view === 'day' ? span.days[0]! : span.today)} aria-current={span.view === 'day' ? 'page' : undefined}>
          {t('calendar.day')}
        </a>
      </nav>
      {span.days.map((day) => {
        const list = byDay.get(day) ?? [];
        return (
          <section class="db-section" aria-labelledby={`day-${day}`}>
            <h2 id={`day-${day}`}>
              <a href={href('day', day)}>{dayLabel(day, language.intlLocale)}</a> <span class="nr-muted nr-small">({list.length})</span>
            </h2>
            {list.length === 0 ? (
              <p class="nr-muted">{t('calendar.empty')}</p>
            ) : (
              <ul class="nr-calendar-day">
                {list.map((e) => (
                  <li>
                    <time datetime={e.at}>{utcToZonedLocal(e.at, timeZone).slice(11, 16)}</time> <span class={`nr-badge nr-badge--${e.status}`}>{t(`status.${e.status}`)}</span>{' '}
                    <a href={`/newsroom/articles/${e.id}`} lang={e.language}>
                      {e.title || t('common.untitled')}
                    </a>{' '}
                    <span class="nr-muted nr-small">
                      {e.sectionName} · {e.language}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </NewsroomLayout>
  );
}
