import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { articlePath } from '#src/domain/articles/public-paths.ts';
import { createPublishedArticles, type PublishedListFilter } from '#src/domain/articles/published-articles.ts';
import { createLicenceService, type Syndication } from '#src/domain/licences/licence-service.ts';
import { canonicalLanguageCode } from '#src/i18n/languages.ts';
import { translatorFor } from '#src/i18n/translator.ts';
import { Invalid, Unauthenticated } from '#src/lib/errors.ts';
import { textField } from '#src/lib/text-input.ts';
import { apiKeyActor, presentsBearer } from '#src/web/middleware/api-key-auth.ts';
import { FEED_FORMATS, FEED_FORMAT_NAMES, feedPath, type FeedFormat } from '#src/domain/distribution/feed-paths.ts';
import { renderFeedDocument, type FeedEntry } from '#src/web/site/feeds/feed-document.tsx';
import { defaultPageCode } from '#src/web/site/language-routing.ts';
import { pageLanguage } from '#src/web/site/page-language.ts';
import { siteUrl } from '#src/lib/site-url.ts';

/** Where the feed lives: feed.xml (RSS 2.0), atom.xml and feed.json under it. */
export const SYNDICATION_PATH = '/api/partner/syndication';

/** Items in a syndication feed: the newest articles a partner may republish. */
export const SYNDICATION_ITEMS = 50;

const querySchema = z.object({
  /** The language of the articles (and of their terms); default: the site's default language. */
  language: textField().trim().max(20).optional(),
});

/**
 * The partner reading: an `Authorization: Bearer` API key linked to a partner. A key, not a secret
 * in the feed's URL: URLs end up in logs, proxies and Referer headers, while a key is stored
 * hashed, expires, is revoked at once and is already how servers call our APIs (ADR 0024).
 */
async function partnerActor(request: FastifyRequest, reply: FastifyReply, context: AppContext) {
  if (!presentsBearer(request.headers.authorization)) {
    reply.header('www-authenticate', 'Bearer');
    throw new Unauthenticated('This feed is read with your partner API key: send it as "Authorization: Bearer qk_…".');
  }
  return apiKeyActor(request, reply, context);
}

/**
 * GET /api/partner/syndication/feed.xml (atom.xml, feed.json)?language=kk: the full text of the
 * published articles in one language that the asking partner's live licences cover, newest first,
 * each followed by its terms (which licence, until when, the link to keep) in the article's
 * language. Written by the `feed` package like the public feeds, never cached (it is per partner).
 */
export async function registerSyndicationFeed(app: FastifyInstance, context: AppContext): Promise<void> {
  const licences = createLicenceService(context);
  const published = createPublishedArticles(context);
  const api = app.withTypeProvider<ZodTypeProvider>();

  async function render(format: FeedFormat, syndication: Syndication, language: string): Promise<string> {
    const baseUrl = context.config.baseUrl;
    const [site, chrome] = await Promise.all([published.languageSettings(), published.siteChrome(language)]);
    const code = canonicalLanguageCode(language)!;
    const lang = pageLanguage(code, defaultPageCode(site));
    const { t, shortDate } = translatorFor(code);
    const { partner, covered } = syndication;
    const filter = covered === null ? null : ({ language, ...(covered.all ? {} : { licensed: { sectionIds: covered.sectionIds, articleIds: covered.articleIds } }) } as PublishedListFilter);
    const cards = filter ? await published.list(filter, { limit: SYNDICATION_ITEMS, offset: 0 }) : [];
    const [details, media] = await Promise.all([published.feedDetails(cards, true), published.leadMedia(cards)]);
    const entries: FeedEntry[] = cards.map((card) => ({
      card,
      details: details.get(card.id),
      lead: card.leadMediaId !== null ? media.get(card.leadMediaId) : undefined,
      link: siteUrl(baseUrl, lang.path(articlePath({ sectionSlug: card.section.slug, slug: card.slug }))),
    }));
    const siteName = chrome.settings.name;
    const terms = (entry: FeedEntry): string => {
      const licence = syndication.licenceFor({ id: entry.card.id, sectionId: entry.card.section.id });
      if (!licence) return '';
      const text = t('syndication.terms', { licence: licence.id, site: siteName, partner: partner.organisation, date: shortDate(licence.expiresAt, chrome.settings.timeZone), url: entry.link });
      return licence.note ? `${text} ${t('syndication.note', { note: licence.note })}` : text;
    };
    return renderFeedDocument(
      format,
      {
        title: t('syndication.title', { site: siteName, partner: partner.organisation }),
        description: t('syndication.description', { site: siteName, partner: partner.organisation }),
        pagePath: SYNDICATION_PATH,
        language: code,
        languagePrefix: lang.pathPrefix,
      },
      entries,
      media,
      { fullText: true, notice: terms },
      baseUrl,
    );
  }

  for (const format of FEED_FORMAT_NAMES) {
    api.get(
      feedPath(SYNDICATION_PATH, format),
      { schema: { tags: ['partner'], summary: `A partner's syndication feed (${FEED_FORMATS[format].label}): the full text of what its licences cover`, querystring: querySchema } },
      async (request, reply) => {
        const actor = await partnerActor(request, reply, context);
        const syndication = await licences.syndication(actor);
        const site = await published.languageSettings();
        const language = request.query.language ?? site.defaultLanguage;
        if (!site.languages.includes(language) || !canonicalLanguageCode(language)) {
          throw new Invalid('language', `The site publishes in ${site.languages.join(', ')}; ask for one of them.`);
        }
        const body = await render(format, syndication, language);
        return reply.header('cache-control', 'private, no-store').header('vary', 'Authorization').type(FEED_FORMATS[format].contentType).send(body);
      },
    );
  }
}
