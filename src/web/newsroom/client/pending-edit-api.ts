import { api } from './api-client.ts';

/** The address of the signed-in person's pending edit of an article (ADR 0015). */
export const pendingEditUrl = (articleId: number | undefined) => `/api/admin/articles/${articleId}/pending-edit`;

/** Deletes this person's pending edit of the article; a failure is left for the next offer to show. */
export function dropServerCopy(articleId: number | undefined): void {
  void api('DELETE', pendingEditUrl(articleId)).catch(() => {});
}

/** Deletes this person's pending edit of the article, failing loudly (the caller says so). */
export function deleteServerCopy(articleId: number | undefined): Promise<unknown> {
  return api('DELETE', pendingEditUrl(articleId));
}
