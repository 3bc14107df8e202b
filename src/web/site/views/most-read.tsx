import { escapeHtml, htmlAttribute } from '#src/render/html-escape.ts';
import { trustedHtml } from '#src/render/trusted-html.ts';
import type { PageLanguage } from '../page-language.ts';

/** An article the block links to. */
export type MostReadItem = { title: string; path: string };

/**
 * "Most read": the page language's most viewed articles over the configured window, numbered.
 * The list comes from memory (recomputed on its own schedule), so the block costs a page nothing;
 * written as a string (ADR 0068): the same bytes as elements drawn by Preact, on every article page.
 */
export function MostRead({ items, lang, headingId }: { items: readonly MostReadItem[]; lang: PageLanguage; headingId: string }) {
  if (items.length === 0) return null;
  let html = `<section class="home-block most-read"${htmlAttribute('aria-labelledby', headingId)}><h2${htmlAttribute('id', headingId)} class="block-title">${escapeHtml(lang.translator.t('home.mostRead'))}</h2><ol class="most-read-list">`;
  for (const item of items) html += `<li><a${htmlAttribute('href', item.path)}>${escapeHtml(item.title)}</a></li>`;
  return trustedHtml(`${html}</ol></section>`);
}
