import type { ArticlePageModel, LinkModel } from '#src/domain/articles/article-presenter.ts';
import { renderToString } from 'preact-render-to-string';
import { articleBodyHtml } from '#src/render/body-html.tsx';
import { FigureCaption } from '#src/render/figure-caption.tsx';
import { escapeHtml, htmlAttribute } from '#src/render/html-escape.ts';
import { ResponsiveImage } from '#src/render/responsive-image.tsx';
import { trustedHtml } from '#src/render/trusted-html.ts';
import { breadcrumbsHtml } from './breadcrumbs.tsx';
import type { PageLanguage } from '../page-language.ts';

/** How wide the lead image is drawn (the article column, see .article in site.css). */
const LEAD_IMAGE_SIZES = '(min-width: 48rem) 46rem, 100vw';

/** A piece of markup among a rich message's parts (an element it places), told apart from its text. */
type Markup = { html: string };

/** A rich message's parts as HTML: its text escaped, the markup it places as it is. */
function richHtml(parts: Array<string | Markup>): string {
  let html = '';
  for (const part of parts) html += typeof part === 'string' ? escapeHtml(part) : part.html;
  return html;
}

function timeHtml(date: { iso: string; text: string }): string {
  return `<time${htmlAttribute('datetime', date.iso)}>${escapeHtml(date.text)}</time>`;
}

/** Author links joined as the page's language lists things ("A, B and C", "А, Б и В"). */
function authorLinksHtml(links: LinkModel[], lang: PageLanguage): string {
  let html = '';
  for (const part of lang.translator.listParts(links.length)) {
    if ('literal' in part) {
      html += escapeHtml(part.literal);
      continue;
    }
    const link = links[part.item]!;
    html += `<a${htmlAttribute('href', link.path)} rel="author">${escapeHtml(link.name)}</a>`;
  }
  return html;
}

/**
 * The article page's content (inside <main>): every element of the seed page, in its order. Written
 * as a string (ADR 0068), as the body is (body-html.tsx): the same bytes the components drew, for a
 * fraction of Preact's walk over some forty elements a page; images go through their components.
 */
export function ArticleView({ model, siteOrigin, lang, licencePath }: { model: ArticlePageModel; siteOrigin: string; lang: PageLanguage; /** The form asking to republish it in full. */ licencePath: string }) {
  const { t, rich } = lang.translator;
  const time: Markup = { html: timeHtml(model.date) };
  let html = '<div class="article-page">' + breadcrumbsHtml([model.section], model.title, lang) + '<article class="article"><header class="article-header"><p class="article-meta">';
  html += `<span class="dateline">${model.place ? richHtml(rich<Markup>('dateline.withPlace', { place: model.place, date: time })) : time.html}</span>`;
  if (model.updated) html += `<span class="updated">${richHtml(rich<Markup>('article.updated', { date: { html: timeHtml(model.updated) } }))}</span>`;
  html += `<span class="reading-time">${escapeHtml(model.readingTime)}</span></p><h1 class="article-title">${escapeHtml(model.title)}</h1>`;
  if (model.standfirst) html += `<p class="standfirst">${escapeHtml(model.standfirst)}</p>`;
  if (model.authors.length > 0) {
    html += `<p class="byline">${richHtml(rich<Markup>('article.byline', { count: model.authors.length, authors: { html: authorLinksHtml(model.authors, lang) } }))}</p>`;
  }
  html += '</header>';
  if (model.lead) {
    html +=
      '<figure class="article-lead">' +
      renderToString(
        <>
          <ResponsiveImage media={model.lead.media} alt={model.lead.alt} sizes={LEAD_IMAGE_SIZES} lazy={false} />
          <FigureCaption caption={model.lead.caption} credit={model.lead.credit} translator={lang.translator} />
        </>,
      ) +
      '</figure>';
  }
  html += `<div class="article-body">${articleBodyHtml(model.body, model.media, siteOrigin, lang.translator)}</div>`;
  if (model.corrections.length > 0) {
    html += `<section class="corrections" aria-labelledby="corrections-title"><h2 id="corrections-title">${escapeHtml(t('article.corrections'))}</h2><ul>`;
    for (const c of model.corrections) html += `<li${htmlAttribute('class', `correction correction-${c.kind}`)}><strong>${escapeHtml(c.label)}</strong> (${timeHtml(c.date)}): ${escapeHtml(c.text)}</li>`;
    html += '</ul></section>';
  }
  if (model.sourceAttribution) html += `<p class="source-attribution">${escapeHtml(t('article.source', { source: model.sourceAttribution }))}</p>`;
  if (model.tags.length > 0) {
    html += `<nav class="article-tags"${htmlAttribute('aria-label', t('article.tags'))}><ul>`;
    for (const tag of model.tags) html += `<li><a${htmlAttribute('href', tag.path)} rel="tag">${escapeHtml(tag.name)}</a></li>`;
    html += '</ul></nav>';
  }
  html += `<footer class="article-footer"><p class="reuse-notice">${escapeHtml(model.reuseNotice)} <a${htmlAttribute('href', licencePath)}>${escapeHtml(t('licence.ask'))}</a></p></footer></article></div>`;
  return trustedHtml(html);
}
