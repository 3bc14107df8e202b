import type { MediaView } from '#src/domain/media/media-repository.ts';
import type { ArticleBody } from '#src/domain/articles/article-body.ts';
import { ArticleBodyContent } from '#src/render/body-html.tsx';
import { Breadcrumbs } from './breadcrumbs.tsx';
import type { PageLanguage } from '../page-language.ts';

/** What a static page shows: its title, body and, for a subpage, its parent in the breadcrumb. */
export type StaticPageModel = { title: string; body: ArticleBody; media: Map<number, MediaView>; parent: { name: string; path: string } | null };

/** A static page's content (inside <main>): breadcrumb, heading and body, drawn with the article body's components. */
export function StaticPageView({ model, siteOrigin, lang }: { model: StaticPageModel; siteOrigin: string; lang: PageLanguage }) {
  return (
    <div class="article-page static-page">
      <Breadcrumbs trail={model.parent ? [model.parent] : []} current={model.title} lang={lang} />
      <article class="article">
        <header class="article-header">
          <h1 class="article-title">{model.title}</h1>
        </header>
        <div class="article-body">
          <ArticleBodyContent body={model.body} media={model.media} siteOrigin={siteOrigin} translator={lang.translator} />
        </div>
      </article>
    </div>
  );
}
