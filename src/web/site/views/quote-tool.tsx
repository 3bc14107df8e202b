import { jsonForScript } from '#src/lib/script-json.ts';
import { htmlAttribute } from '#src/render/html-escape.ts';
import { trustedHtml } from '#src/render/trusted-html.ts';
import type { PageLanguage } from '../page-language.ts';

/** The id of the JSON block holding the quote tool's words. */
export const QUOTE_MESSAGES_ID = 'quote-messages';

/**
 * The readers' quote tool (public/quote.js), loaded deferred on article pages only: selecting text
 * in the article offers "Quote with link", which copies the selection with the title and canonical
 * link; a selection longer than the share others may reuse gets a note linking to the licence form.
 * Without JavaScript nothing of it appears and nothing changes: selecting and copying are never
 * blocked. The article's words (title, standfirst and body, counted as the reuse checker counts
 * them) and the share travel as data attributes; its sentences, already in the page's language,
 * as a JSON block (CSP: no inline script runs).
 */
export function QuoteTool({ wordCount, sharePercent, licenceUrl, lang }: { wordCount: number; sharePercent: number; licenceUrl: string; lang: PageLanguage }) {
  // Written as a string (ADR 0068): the bytes Preact wrote for the same two elements.
  return trustedHtml(
    `<script type="application/json"${htmlAttribute('id', QUOTE_MESSAGES_ID)}>${quoteMessagesJson(lang, sharePercent)}</script>` +
      `<script src="/assets/quote.js" defer${htmlAttribute('data-word-count', String(wordCount))}${htmlAttribute('data-reuse-share', String(sharePercent))}${htmlAttribute('data-licence-url', licenceUrl)}></script>`,
  );
}

/** The quote tool's sentences as JSON, by page language and share: the same on every article page of a language, so formatted once. */
const messagesByLanguage = new Map<string, string>();

function quoteMessagesJson(lang: PageLanguage, sharePercent: number): string {
  const key = `${lang.code}|${sharePercent}`;
  let json = messagesByLanguage.get(key);
  if (json === undefined) {
    const { t } = lang.translator;
    json = jsonForScript({
      button: t('quote.button'),
      // The selection, title and link are filled in by the script: placeholders stand for them here.
      format: t('quote.format', { text: '{text}', title: '{title}', url: '{url}' }),
      copied: t('quote.copied'),
      copyFailed: t('quote.copyFailed'),
      tooLong: t('quote.tooLong', { share: sharePercent }),
      askLicence: t('quote.askLicence'),
    });
    messagesByLanguage.set(key, json);
  }
  return json;
}
