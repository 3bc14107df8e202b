import type { FastifyInstance } from 'fastify';
import type { PublishedArticles } from '#src/domain/articles/published-articles.ts';
import { preferredLanguage } from '#src/i18n/accept-language.ts';
import { canonicalLanguageCode, languageInfo } from '#src/i18n/languages.ts';
import { pageLanguagesOf, resolvedLanguage } from '../language-routing.ts';

/**
 * GET /language-suggestion?current=ru: which of the site's languages the reader's browser prefers
 * (its Accept-Language), when that is not the page's, with a sentence in that language and the
 * address of its Main Page; 204 when there is nothing to suggest. The Main Page itself stays one
 * cached page for everyone: its script asks here on a first visit and offers the link, never
 * redirects. The answer differs per reader, so it is never stored by a cache.
 */
export function registerLanguageSuggestion(app: FastifyInstance, published: PublishedArticles): void {
  app.get<{ Querystring: { current?: unknown } }>('/language-suggestion', async (request, reply) => {
    reply.header('cache-control', 'private, no-store').header('vary', 'Accept-Language');
    const site = await published.languageSettings();
    const current = typeof request.query.current === 'string' ? canonicalLanguageCode(request.query.current) : null;
    const preferred = preferredLanguage(request.headers['accept-language'], pageLanguagesOf(site));
    if (!preferred || preferred === current) return reply.code(204).send();
    const { lang } = resolvedLanguage(preferred, site);
    return {
      language: preferred,
      name: languageInfo(preferred).nativeName,
      href: lang.path('/'),
      text: lang.translator.t('layout.suggestLanguage'),
      dismiss: lang.translator.t('layout.suggestLanguageDismiss'),
    };
  });
}
