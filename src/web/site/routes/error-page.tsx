import type { FastifyRequest } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import { presentArticleCards, type ArticleCardModel } from '#src/domain/articles/article-presenter.ts';
import { sectionPath } from '#src/domain/articles/public-paths.ts';
import { createPublishedArticles } from '#src/domain/articles/published-articles.ts';
import { DEFAULT_SETTINGS } from '#src/domain/settings/settings-repository.ts';
import { renderDocument } from '#src/render/html-document.ts';
import { loadSiteChrome } from '../site-chrome.ts';
import { SiteLayout, type SiteChrome } from '../views/site-layout.tsx';
import { defaultPageLanguage } from '../page-language.ts';
import { languageOfUrl } from '../language-routing.ts';
import { kazakhLatinHtml } from '#src/i18n/kazakh-latin-html.ts';
import { ErrorView, errorTitle } from '../views/error-view.tsx';

/** How many latest articles a 404 page suggests. */
const SUGGESTED_COUNT = 5;

/** The HTML error page for people; a 404 also lists sections and the latest articles. */
export function renderSiteErrorPage(context: AppContext) {
  const published = createPublishedArticles(context);
  return async (request: FastifyRequest, status: number, message: string): Promise<string> => {
    let lang = defaultPageLanguage();
    let chrome: SiteChrome = { settings: DEFAULT_SETTINGS, sections: [], logo: null, menus: { header: [], footer: [] } };
    let latest: ArticleCardModel[] = [];
    // Only a 404 reads the database: a 5xx may be the database failing, and the page must still render.
    if (status === 404) {
      try {
        // A 404 under /ru/ is told in Russian, with Russian suggestions; under an unknown prefix, in the default language.
        const resolved = languageOfUrl(request.url, await published.languageSettings());
        lang = resolved.lang;
        chrome = (await loadSiteChrome(published, resolved.content)).chrome;
        const records = await published.list({ language: resolved.content }, { limit: SUGGESTED_COUNT, offset: 0 });
        latest = presentArticleCards(records, new Map(), chrome.settings, lang);
      } catch (error) {
        context.logger.warn({ err: error }, 'the 404 page could not load its suggestions');
      }
    }
    const sections = chrome.sections.filter((s) => s.parentId === null).map((s) => ({ name: s.name, path: lang.path(sectionPath(s.slug)) }));
    const html = renderDocument(
      <SiteLayout chrome={chrome} lang={lang} title={status === 404 ? errorTitle(status, lang) : lang.translator.t('error.label', { status })} robots="noindex">
        <ErrorView status={status} message={message} reference={request.id} sections={sections} latest={latest} lang={lang} />
      </SiteLayout>,
    );
    return lang.code === 'kk-Latn' ? kazakhLatinHtml(html) : html;
  };
}
