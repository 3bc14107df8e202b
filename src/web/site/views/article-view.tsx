import type { ArticlePageModel } from '#src/domain/articles/article-presenter.ts';
import { ArticleBodyContent } from '#src/render/body-html.tsx';
import { FigureCaption } from '#src/render/figure-caption.tsx';
import { ResponsiveImage } from '#src/render/responsive-image.tsx';
import { Breadcrumbs } from './breadcrumbs.tsx';

/** How wide the lead image is drawn (the article column, see .article in site.css). */
const LEAD_IMAGE_SIZES = '(min-width: 48rem) 46rem, 100vw';

function joinLinks(links: Array<{ name: string; path: string }>) {
  return links.map((link, i) => (
    <>
      {i > 0 ? (i === links.length - 1 ? ' and ' : ', ') : null}
      <a href={link.path} rel="author">
        {link.name}
      </a>
    </>
  ));
}

/** The article page's content (inside <main>): every element of the seed page, in its order. */
export function ArticleView({ model, siteOrigin }: { model: ArticlePageModel; siteOrigin: string }) {
  return (
    <div class="article-page">
      <Breadcrumbs trail={[{ name: 'Main Page', path: '/' }, model.section]} current={model.title} />
      <article class="article">
        <header class="article-header">
          <p class="article-meta">
            <span class="dateline">
              {model.place ? `${model.place} • ` : null}
              <time datetime={model.date.iso}>{model.date.text}</time>
            </span>
            <span class="reading-time">{model.readingTime}</span>
          </p>
          <h1 class="article-title">{model.title}</h1>
          {model.standfirst ? <p class="standfirst">{model.standfirst}</p> : null}
          {model.authors.length > 0 ? <p class="byline">By {joinLinks(model.authors)}</p> : null}
        </header>
        {model.lead ? (
          <figure class="article-lead">
            <ResponsiveImage media={model.lead.media} alt={model.lead.alt} sizes={LEAD_IMAGE_SIZES} lazy={false} />
            <FigureCaption caption={model.lead.caption} credit={model.lead.credit} />
          </figure>
        ) : null}
        <div class="article-body">
          <ArticleBodyContent body={model.body} media={model.media} siteOrigin={siteOrigin} />
        </div>
        {model.corrections.length > 0 ? (
          <section class="corrections" aria-labelledby="corrections-title">
            <h2 id="corrections-title">Corrections and updates</h2>
            <ul>
              {model.corrections.map((c) => (
                <li class={`correction correction-${c.kind}`}>
                  <strong>{c.label}</strong> (<time datetime={c.date.iso}>{c.date.text}</time>): {c.text}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {model.sourceAttribution ? <p class="source-attribution">Source: {model.sourceAttribution}</p> : null}
        {model.tags.length > 0 ? (
          <nav class="article-tags" aria-label="Tags">
            <ul>
              {model.tags.map((t) => (
                <li>
                  <a href={t.path} rel="tag">
                    {t.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <footer class="article-footer">
          <p class="reuse-notice">{model.reuseNotice}</p>
        </footer>
      </article>
    </div>
  );
}
