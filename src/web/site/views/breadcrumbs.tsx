import type { LinkModel } from '#src/domain/articles/article-presenter.ts';
import { escapeHtml, htmlAttribute } from '#src/render/html-escape.ts';
import { trustedHtml } from '#src/render/trusted-html.ts';
import type { PageLanguage } from '../page-language.ts';

/**
 * "Main Page › Section › Title" as an ordered list; the Main Page comes first, the last crumb is the
 * current page. Written as a string for the article page's string writer (ADR 0068); the component
 * below places the same markup in the other pages' trees.
 */
export function breadcrumbsHtml(trail: LinkModel[], current: string, lang: PageLanguage): string {
  const { t } = lang.translator;
  const crumb = (link: LinkModel) => `<li><a${htmlAttribute('href', link.path)}>${escapeHtml(link.name)}</a></li>`;
  let html = `<nav class="breadcrumbs"${htmlAttribute('aria-label', t('breadcrumbs.label'))}><ol>` + crumb({ name: t('breadcrumbs.home'), path: lang.path('/') });
  for (const link of trail) html += crumb(link);
  return html + `<li><span aria-current="page">${escapeHtml(current)}</span></li></ol></nav>`;
}

export function Breadcrumbs({ trail, current, lang }: { trail: LinkModel[]; current: string; lang: PageLanguage }) {
  return trustedHtml(breadcrumbsHtml(trail, current, lang));
}
