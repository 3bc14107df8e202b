import { api } from './api-client.ts';

/** The address of the signed-in person's pending edit of an article (ADR 0015). */
export const pendingEditUrl = (articleId: number) => `/api/admin/articles/${articleId}/pending-edit`;

/** Deletes this person's pending edit of the article, failing loudly (the caller says so). */
export function deleteServerCopy(articleId: number): Promise<unknown> {
  return api('DELETE', pendingEditUrl(articleId));
}

/** Deletes it in the background; a failure is left for the next offer to show. */
export function dropServerCopy(articleId: number): void {
  void deleteServerCopy(articleId).catch(() => {});
}
