import type { PageLanguage } from '../page-language.ts';

/** Previous/next links for a paged list; page 1 is the bare path (one URL per page). */
export function Pagination({ basePath, page, totalPages, lang }: { basePath: string; page: number; totalPages: number; lang: PageLanguage }) {
  if (totalPages <= 1) return null;
  const { t } = lang.translator;
  const hrefFor = (n: number) => (n === 1 ? basePath : `${basePath}?page=${n}`);
  return (
    <nav class="pagination" aria-label={t('pagination.label')}>
      {page > 1 ? (
        <a href={hrefFor(page - 1)} rel="prev" class="pagination-prev">
          {t('pagination.newer')}
        </a>
      ) : null}
      <span class="pagination-status">
        {t('list.pageOf', { page, total: totalPages })}
      </span>
      {page < totalPages ? (
        <a href={hrefFor(page + 1)} rel="next" class="pagination-next">
          {t('pagination.older')}
        </a>
      ) : null}
    </nav>
  );
}
