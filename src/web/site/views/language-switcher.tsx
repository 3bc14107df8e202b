import { escapeHtml, htmlAttribute } from '#src/render/html-escape.ts';
import type { LanguageAlternate } from '../language-alternates.ts';
import type { PageLanguage } from '../page-language.ts';

/**
 * The header's language links: each names its language in that language, and leads to this page
 * in it (or that language's Main Page). `lang` marks each name's own language, so a screen reader
 * pronounces it right and the Kazakh Latin conversion leaves the others' script alone (the
 * Cyrillic Kazakh name is tagged kk-Cyrl for that reason).
 */
export function languageSwitcherHtml(alternates: readonly LanguageAlternate[], lang: PageLanguage): string {
  if (alternates.length < 2) return '';
  // Written as a string (ADR 0068): the bytes Preact wrote for these elements on every page.
  let html = `<nav class="language-switcher"${htmlAttribute('aria-label', lang.translator.t('layout.languageSwitcher'))}><ul>`;
  for (const a of alternates) {
    html += `<li><a${htmlAttribute('href', a.path)}${htmlAttribute('lang', a.code === 'kk' ? 'kk-Cyrl' : a.code)}${htmlAttribute('hreflang', a.code)}${htmlAttribute('aria-current', a.isCurrent ? 'true' : undefined)}>${escapeHtml(a.nativeName)}</a></li>`;
  }
  return `${html}</ul></nav>`;
}
