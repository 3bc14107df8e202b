import type { ArticleCardModel } from '#src/domain/articles/article-presenter.ts';
import { ArticleList } from './article-list.tsx';
import { Breadcrumbs } from './breadcrumbs.tsx';
import { Pagination } from './pagination.tsx';
import type { PageLanguage } from '../page-language.ts';

type Props = { heading: string; kind: string; intro: string; cards: ArticleCardModel[]; page: number; totalPages: number; basePath: string; lang: PageLanguage };

/** A section, tag or author page: heading, intro, cards, pagination. */
export function ListPageView({ heading, kind, intro, cards, page, totalPages, basePath, lang }: Props) {
  const { t } = lang.translator;
  return (
    <>
      <Breadcrumbs trail={[]} current={heading} lang={lang} />
      <header class="list-header">
        <p class="list-kind">{kind}</p>
        <h1>{heading}</h1>
        {intro ? <p class="list-intro">{intro}</p> : null}
        {totalPages > 1 ? <p class="list-page">{t('list.pageOf', { page, total: totalPages })}</p> : null}
      </header>
      {cards.length > 0 ? <ArticleList cards={cards} level={2} /> : <p class="list-empty">{t('list.empty')}</p>}
      <Pagination basePath={basePath} page={page} totalPages={totalPages} lang={lang} />
    </>
  );
}
