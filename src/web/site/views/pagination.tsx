/** Previous/next links for a paged list; page 1 is the bare path (one URL per page). */
export function Pagination({ basePath, page, totalPages }: { basePath: string; page: number; totalPages: number }) {
  if (totalPages <= 1) return null;
  const hrefFor = (n: number) => (n === 1 ? basePath : `${basePath}?page=${n}`);
  return (
    <nav class="pagination" aria-label="Pagination">
      {page > 1 ? (
        <a href={hrefFor(page - 1)} rel="prev" class="pagination-prev">
          ← Newer articles
        </a>
      ) : null}
      <span class="pagination-status">
        Page {page} of {totalPages}
      </span>
      {page < totalPages ? (
        <a href={hrefFor(page + 1)} rel="next" class="pagination-next">
          Older articles →
        </a>
      ) : null}
    </nav>
  );
}
