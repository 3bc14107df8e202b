import type { FastifyRequest } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import { presentArticleCards, type ArticleCardModel } from '#src/domain/articles/article-presenter.ts';
import { sectionPath } from '#src/domain/articles/public-paths.ts';
import { createPublishedArticles } from '#src/domain/articles/published-articles.ts';
import { DEFAULT_SETTINGS } from '#src/domain/settings/settings-repository.ts';
import { renderDocument } from '#src/render/html-document.ts';
import { loadSiteChrome } from '../site-chrome.ts';
import { SiteLayout, type SiteChrome } from '../views/site-layout.tsx';
import { ErrorView } from '../views/error-view.tsx';

/** How many latest articles a 404 page suggests. */
const SUGGESTED_COUNT = 5;

/** The HTML error page for people; a 404 also lists sections and the latest articles. */
export function renderSiteErrorPage(context: AppContext) {
  const published = createPublishedArticles(context);
  return async (_request: FastifyRequest, status: number, message: string): Promise<string> => {
    let chrome: SiteChrome = { settings: DEFAULT_SETTINGS, sections: [], logo: null };
    let latest: ArticleCardModel[] = [];
    // Only a 404 reads the database: a 5xx may be the database failing, and the page must still render.
    if (status === 404) {
      try {
        const language = await published.defaultLanguage();
        chrome = (await loadSiteChrome(published, language)).chrome;
        const records = await published.list({ language }, { limit: SUGGESTED_COUNT, offset: 0 });
        latest = presentArticleCards(records, new Map(), chrome.settings);
      } catch (error) {
        context.logger.warn({ err: error }, 'the 404 page could not load its suggestions');
      }
    }
    const sections = chrome.sections.filter((s) => s.parentId === null).map((s) => ({ name: s.name, path: sectionPath(s.slug) }));
    return renderDocument(
      <SiteLayout chrome={chrome} title={status === 404 ? 'Page not found' : `Error ${status}`} robots="noindex">
        <ErrorView status={status} message={message} sections={sections} latest={latest} />
      </SiteLayout>,
    );
  };
}
