import { NotFound } from '#src/lib/errors.ts';
import { SLUG_PATTERN } from '#src/lib/slug.ts';

/** Throws NotFound unless `value` could be a slug: a malformed one can name no page. */
export function requireSlugParam(value: string): string {
  if (!SLUG_PATTERN.test(value)) throw new NotFound('The page');
  return value;
}

/** The list page number from ?page=: absent is 1; anything but a positive integer is a 404. */
export function parsePageParam(query: unknown): number {
  const value = (query as Record<string, unknown> | undefined)?.page;
  if (value === undefined) return 1;
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,5}$/.test(value)) throw new NotFound('That page of the list');
  return Number(value);
}

/** Articles per page of a section, tag or author list. */
export const LIST_PAGE_SIZE = 12;

/** Throws NotFound for a page past the end (page 1 of an empty list exists). */
export function checkPageInRange(page: number, total: number): number {
  const totalPages = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
  if (page > totalPages) throw new NotFound('That page of the list');
  return totalPages;
}

/** The cache key of a list page: its canonical URL path. */
export function listKey(path: string, page: number): string {
  return page === 1 ? path : `${path}?page=${page}`;
}
