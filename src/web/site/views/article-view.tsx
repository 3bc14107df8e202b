import type { ArticlePageModel, LinkModel } from '#src/domain/articles/article-presenter.ts';
import { ArticleBodyContent } from '#src/render/body-html.tsx';
import { FigureCaption } from '#src/render/figure-caption.tsx';
import { ResponsiveImage } from '#src/render/responsive-image.tsx';
import { Breadcrumbs } from './breadcrumbs.tsx';
import type { PageLanguage } from '../page-language.ts';

/** How wide the lead image is drawn (the article column, see .article in site.css). */
const LEAD_IMAGE_SIZES = '(min-width: 48rem) 46rem, 100vw';

/** Author links joined as the page's language lists things ("A, B and C", "А, Б и В"). */
function AuthorLinks({ links, lang }: { links: LinkModel[]; lang: PageLanguage }) {
  return (
    <>
      {lang.translator.listParts(links.length).map((part) => {
        if ('literal' in part) return part.literal;
        const link = links[part.item]!;
        return (
          <a href={link.path} rel="author">
            {link.name}
          </a>
        );
      })}
    </>
  );
}

/** The article page's content (inside <main>): every element of the seed page, in its order. */
export function ArticleView({ model, siteOrigin, lang, licencePath }: { model: ArticlePageModel; siteOrigin: string; lang: PageLanguage; /** The form asking to republish it in full. */ licencePath: string }) {
  const { t, rich } = lang.translator;
  const time = <time datetime={model.date.iso}>{model.date.text}</time>;
  return (
    <div class="article-page">
      <Breadcrumbs trail={[model.section]} current={model.title} lang={lang} />
      <article class="article">
        <header class="article-header">
          <p class="article-meta">
            <span class="dateline">{model.place ? rich('dateline.withPlace', { place: model.place, date: time }) : time}</span>
            {model.updated ? (
              <span class="updated">{rich('article.updated', { date: <time datetime={model.updated.iso}>{model.updated.text}</time> })}</span>
            ) : null}
            <span class="reading-time">{model.readingTime}</span>
          </p>
          <h1 class="article-title">{model.title}</h1>
          {model.standfirst ? <p class="standfirst">{model.standfirst}</p> : null}
          {model.authors.length > 0 ? (
            <p class="byline">{rich('article.byline', { count: model.authors.length, authors: <AuthorLinks links={model.authors} lang={lang} /> })}</p>
          ) : null}
        </header>
        {model.lead ? (
          <figure class="article-lead">
            <ResponsiveImage media={model.lead.media} alt={model.lead.alt} sizes={LEAD_IMAGE_SIZES} lazy={false} />
            <FigureCaption caption={model.lead.caption} credit={model.lead.credit} translator={lang.translator} />
          </figure>
        ) : null}
        <div class="article-body">
          <ArticleBodyContent body={model.body} media={model.media} siteOrigin={siteOrigin} translator={lang.translator} />
        </div>
        {model.corrections.length > 0 ? (
          <section class="corrections" aria-labelledby="corrections-title">
            <h2 id="corrections-title">{t('article.corrections')}</h2>
            <ul>
              {model.corrections.map((c) => (
                <li class={`correction correction-${c.kind}`}>
                  <strong>{c.label}</strong> (<time datetime={c.date.iso}>{c.date.text}</time>): {c.text}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {model.sourceAttribution ? <p class="source-attribution">{t('article.source', { source: model.sourceAttribution })}</p> : null}
        {model.tags.length > 0 ? (
          <nav class="article-tags" aria-label={t('article.tags')}>
            <ul>
              {model.tags.map((tag) => (
                <li>
                  <a href={tag.path} rel="tag">
                    {tag.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <footer class="article-footer">
          <p class="reuse-notice">
            {model.reuseNotice} <a href={licencePath}>{t('licence.ask')}</a>
          </p>
        </footer>
      </article>
    </div>
  );
}
