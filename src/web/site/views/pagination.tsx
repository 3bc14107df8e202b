import type { PageLanguage } from '../page-language.ts';

type Props = {
  basePath: string;
  page: number;
  totalPages: number;
  lang: PageLanguage;
  /** A page's address when it is not basePath?page=n (search results keep their query). */
  hrefFor?: (page: number) => string;
  /** The links' words: "Newer/Older articles" for lists (the default), "Previous/Next" for search results. */
  labels?: { previous: string; next: string };
};

/** Previous/next links for a paged list; page 1 is the bare path (one URL per page). */
export function Pagination({ basePath, page, totalPages, lang, ...options }: Props) {
  if (totalPages <= 1) return null;
  const { t } = lang.translator;
  const hrefFor = options.hrefFor ?? ((n: number) => (n === 1 ? basePath : `${basePath}?page=${n}`));
  const labels = options.labels ?? { previous: t('pagination.newer'), next: t('pagination.older') };
  return (
    <nav class="pagination" aria-label={t('pagination.label')}>
      {page > 1 ? (
        <a href={hrefFor(page - 1)} rel="prev" class="pagination-prev">
          {labels.previous}
        </a>
      ) : null}
      <span class="pagination-status">
        {t('list.pageOf', { page, total: totalPages })}
      </span>
      {page < totalPages ? (
        <a href={hrefFor(page + 1)} rel="next" class="pagination-next">
          {labels.next}
        </a>
      ) : null}
    </nav>
  );
}
