import type { AppContext } from '#src/app-context.ts';
import { listSections, type Section } from '#src/domain/sections/section-repository.ts';
import { listPages } from '#src/domain/pages/page-repository.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import { listTermTranslations } from '#src/domain/taxonomy/term-translation-repository.ts';
import type { SiteLanguages } from './published-articles.ts';
import { nowIso } from '#src/lib/clock.ts';
import {
  countPublishedBetween,
  hasPublishedSince,
  listMonthCountsBefore,
  listPublishedBetween,
  listPublishedSince,
  listTermsWithArticles,
  type SitemapArticle,
  type SitemapTerm,
} from './sitemap-repository.ts';

export type { SitemapArticle, SitemapTerm };

/** The sitemap protocol's cap on URLs in one file (sitemaps.org). */
export const SITEMAP_MAX_URLS = 50_000;
/** Google News reads articles of the last two days, at most 1,000 per sitemap. */
export const NEWS_WINDOW_MS = 48 * 3600_000;
export const NEWS_MAX_URLS = 1000;

/** The start of the news sitemap's window that ends at `now`. */
function newsSince(now: string): string {
  return new Date(Date.parse(now) - NEWS_WINDOW_MS).toISOString();
}

/** A month of articles ('2024-05') and how many articles came out in it. */
export type SitemapMonth = { month: string; count: number };

/** The first instant of a 'YYYY-MM' month and of the next one, in UTC. */
export function monthRange(month: string): { from: string; to: string } {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(year, monthNumber - 1, 1)).toISOString(), to: new Date(Date.UTC(year, monthNumber, 1)).toISOString() };
}

/**
 * What the sitemaps list, in the readers' scope (published and due, as every public read). Articles
 * are split by the month they came out in, so no file holds the archive at once and an old
 * month's file stays the same from one day to the next.
 */
export function createPublishedSitemaps(context: Pick<AppContext, 'database'>, now: () => string = nowIso) {
  const db = context.database.db;
  return {
    /**
     * The months with published articles, oldest first. Past months come from the counts kept with
     * the articles (every article published in them is due); the current month is counted from
     * its articles, since some published in it may not be due yet.
     */
    async months(): Promise<SitemapMonth[]> {
      const at = now();
      const current = at.slice(0, 7);
      const { from, to } = monthRange(current);
      const [past, count] = await Promise.all([listMonthCountsBefore(db, current), countPublishedBetween(db, from, to, at)]);
      return count > 0 ? [...past, { month: current, count }] : past;
    },

    /** File `part` (1-based) of a month's articles, `perFile` articles to a file. */
    articlesOfMonth(month: string, part: number, perFile: number): Promise<SitemapArticle[]> {
      const { from, to } = monthRange(month);
      return listPublishedBetween(db, from, to, { limit: perFile, offset: (part - 1) * perFile }, now());
    },

    /** The articles of the last 48 hours, newest first, at most 1,000, and the publication's name. */
    async news(): Promise<{ publication: string; articles: SitemapArticle[] }> {
      const at = now();
      const [settings, articles] = await Promise.all([loadSettings(db), listPublishedSince(db, newsSince(at), NEWS_MAX_URLS, at)]);
      return { publication: settings.name, articles };
    },

    /** Whether the news sitemap has an article (the index names it only then). */
    hasNews(): Promise<boolean> {
      const at = now();
      return hasPublishedSince(db, newsSince(at), at);
    },

    /** Every section (a section page exists even before its first article), with its slug in a given language. */
    /** Published static pages: their language, address below the language prefix ('about/team') and last change. */
    async staticPages(): Promise<Array<{ language: string; path: string; updatedAt: string }>> {
      const pages = await listPages(db, { status: 'published' });
      return pages.map((page) => ({ language: page.language, path: page.path, updatedAt: page.updatedAt }));
    },

    async sections(): Promise<Array<{ section: Section; slugIn: (language: string) => string }>> {
      const [sections, translations] = await Promise.all([listSections(db), listTermTranslations(db, 'section')]);
      return sections.map((section) => ({ section, slugIn: (language: string) => translations.get(section.id)?.[language]?.slug ?? section.slug }));
    },

    /** The site's languages, its default one and whether Kazakh has a Latin edition: which addresses pages have. */
    async languages(): Promise<SiteLanguages> {
      const { languages, defaultLanguage, kazakhLatin } = await loadSettings(db);
      return { languages, defaultLanguage, kazakhLatin };
    },

    /** Tags or authors with published articles. */
    terms(kind: 'tag' | 'author'): Promise<SitemapTerm[]> {
      return listTermsWithArticles(db, kind, now());
    },
  };
}

/** The sitemaps' read model over one database. */
export type PublishedSitemaps = ReturnType<typeof createPublishedSitemaps>;
