import { Feed } from 'feed';
import { renderToString } from 'preact-render-to-string';
import type { ArticleCardRecord, FeedEntryDetails } from '#src/domain/articles/published-articles.ts';
import type { MediaView } from '#src/domain/media/media-repository.ts';
import { withAbsoluteUrls } from '#src/render/absolute-media.ts';
import { ArticleBodyContent } from '#src/render/body-html.tsx';
import { cleanText } from '#src/lib/text-input.ts';
import { siteUrl } from '#src/lib/site-url.ts';
import { translatorFor } from '#src/i18n/translator.ts';
import type { LanguageCode } from '#src/i18n/languages.ts';
import { authorPath } from '#src/domain/articles/public-paths.ts';
import { FEED_FORMAT_NAMES, feedPath, type FeedFormat } from '#src/domain/distribution/feed-paths.ts';

// Text stored before the input rule may carry characters XML forbids (controls, lone surrogates,
// U+FFFE/U+FFFF), and one would make the whole feed invalid; the feed package escapes markup but
// leaves these in. The one input rule removes every one of them.
const xmlText = (text: string) => cleanText(text);

/** What a feed is of: the site, or one section, tag or author's page, and its words. */
export type FeedChannel = {
  title: string;
  description: string;
  /** The path of the page the feed follows ('/', '/economy', '/tag/water', ...). */
  pagePath: string;
  /** BCP 47 code of its articles. */
  language: LanguageCode;
  /** The path prefix of the feed's language ('' for the default, '/ru', …): author links point at that language's pages. */
  languagePrefix: string;
  /** The WebSub hub that readers may subscribe through, when one is configured. */
  hubUrl?: string;
};

/** One item: the list card, its feed details and its lead image if the library still has it. */
export type FeedEntry = { card: ArticleCardRecord; details: FeedEntryDetails | undefined; lead: MediaView | undefined; link: string };

/** How items carry the article: summary only, or the full text followed by the notice that governs its reuse (the same for all, or each item's own). */
export type FeedContent = { fullText: false } | { fullText: true; notice: string | ((entry: FeedEntry) => string) };

/** The full text of an item: the body as the page shows it (`media` with absolute URLs, for readers elsewhere), then the notice that governs reuse. */
function fullTextHtml(entry: FeedEntry, media: Map<number, MediaView>, baseUrl: string, notice: string, language: LanguageCode): string {
  const origin = new URL(baseUrl).origin;
  const body = entry.details?.body
    ? renderToString(<ArticleBodyContent body={entry.details.body} media={media} siteOrigin={origin} translator={translatorFor(language)} />)
    : '';
  return `${body}${renderToString(<p><em>{notice}</em></p>)}`;
}

/**
 * A feed document in one of the three formats, written by the `feed` package. The id, not the URL,
 * identifies a story (`#article-ID`): a changed slug must not look like a new item to a reader.
 */
export function renderFeedDocument(
  format: FeedFormat,
  channel: FeedChannel,
  entries: readonly FeedEntry[],
  media: Map<number, MediaView>,
  content: FeedContent,
  baseUrl: string,
): string {
  const updated = entries.reduce<string | undefined>((newest, e) => {
    const at = e.details?.updatedAt ?? e.card.publishedAt;
    return !newest || at > newest ? at : newest;
  }, undefined);
  const feed = new Feed({
    title: xmlText(channel.title),
    description: xmlText(channel.description || channel.title),
    id: siteUrl(baseUrl, channel.pagePath),
    link: siteUrl(baseUrl, channel.pagePath),
    language: channel.language,
    generator: 'Qalam',
    feed: siteUrl(baseUrl, feedPath(channel.pagePath, format)),
    feedLinks: Object.fromEntries(FEED_FORMAT_NAMES.map((f) => [f, siteUrl(baseUrl, feedPath(channel.pagePath, f))])),
    ...(channel.hubUrl ? { hub: channel.hubUrl } : {}),
    ...(updated ? { updated: new Date(updated) } : {}),
    copyright: xmlText(channel.title),
  });
  const absoluteMedia = withAbsoluteUrls(media, baseUrl);
  for (const entry of entries) {
    const { card, details, lead } = entry;
    const caption = details?.leadCaption || lead?.caption || '';
    const credit = details?.leadCredit || lead?.credit || '';
    feed.addItem({
      title: xmlText(card.title),
      id: `${baseUrl}/#article-${card.id}`,
      guid: `${baseUrl}/#article-${card.id}`,
      link: entry.link,
      // RSS has one date, pubDate, which is the publication; Atom and JSON Feed name the last change
      // here and the publication in `published`.
      date: new Date(format === 'rss' ? card.publishedAt : (details?.updatedAt ?? card.publishedAt)),
      published: new Date(card.publishedAt),
      description: xmlText(card.standfirst),
      ...(content.fullText
        ? { content: xmlText(fullTextHtml(entry, absoluteMedia, baseUrl, typeof content.notice === 'string' ? content.notice : content.notice(entry), channel.language)) }
        : {}),
      author: (details?.authors ?? []).map((a) => ({ name: xmlText(a.name), link: siteUrl(baseUrl, `${channel.languagePrefix}${authorPath(a.slug)}`) })),
      category: [card.section, ...(details?.tags ?? [])].map((c) => ({ name: xmlText(c.name) })),
      ...(lead
        ? {
            image: {
              url: siteUrl(baseUrl, lead.url),
              type: lead.mimeType,
              title: xmlText([caption, credit].filter(Boolean).join(' — ')),
            },
          }
        : {}),
    });
  }
  if (format === 'atom') return feed.atom1();
  if (format === 'json') return jsonFeed(feed, channel);
  return feed.rss2();
}

/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) from the same items. The feed package
 * writes version 1 (an `author` object, `image` as an object where the spec wants a URL), so the
 * document is built here as an object and serialized, never concatenated.
 */
function jsonFeed(feed: Feed, channel: FeedChannel): string {
  const { options } = feed;
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: options.title,
    home_page_url: options.link,
    feed_url: options.feed,
    description: options.description,
    language: channel.language,
    ...(channel.hubUrl ? { hubs: [{ type: 'WebSub', url: channel.hubUrl }] } : {}),
    items: feed.items.map((item) => {
      const image = typeof item.image === 'string' ? item.image : item.image?.url;
      return {
        id: item.id,
        url: item.link,
        title: item.title,
        summary: item.description,
        ...(item.content ? { content_html: item.content } : {}),
        ...(image ? { image } : {}),
        date_published: (item.published ?? item.date).toISOString(),
        date_modified: item.date.toISOString(),
        authors: (item.author ?? []).map((a) => ({ name: a.name, url: a.link })),
        tags: (item.category ?? []).map((c) => c.name),
        language: channel.language,
      };
    }),
  });
}

