import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { REFERENCE_LANGUAGE, type LanguageCode } from '#src/i18n/languages.ts';
import { newsroomLanguage, newsroomTranslatorFor, NEWSROOM_LANGUAGES, type NewsroomTranslator } from '#src/i18n/newsroom-translator.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language the newsroom's pages speak on this request: the user's choice, else the site's default. */
    newsroomLanguage: LanguageCode;
  }
}

/** Whether a route is one of the newsroom's (its pages and forms, not the admin API). */
function isNewsroomRoute(request: FastifyRequest): boolean {
  const url = request.routeOptions.url ?? '';
  return url === '/newsroom' || url.startsWith('/newsroom/');
}

/**
 * Decides each newsroom request's language before its handler runs: the signed-in user's choice
 * (read with the session, no extra query), or the site's default language for everyone else.
 */
export function registerNewsroomLanguage(app: FastifyInstance, context: AppContext): void {
  const settings = createSettingsService(context);
  app.decorateRequest('newsroomLanguage', REFERENCE_LANGUAGE);
  app.addHook('preHandler', async (request) => {
    if (!isNewsroomRoute(request)) return;
    const choice = request.interfaceLanguage;
    request.newsroomLanguage =
      choice && (NEWSROOM_LANGUAGES as readonly string[]).includes(choice) ? (choice as LanguageCode) : newsroomLanguage(null, (await settings.forDisplay()).defaultLanguage);
  });
}

/** The translator of a newsroom request's language (for texts a handler writes: notices, form messages). */
export function newsroomTranslator(request: FastifyRequest): NewsroomTranslator {
  return newsroomTranslatorFor(request.newsroomLanguage);
}
