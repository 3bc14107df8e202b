import type { ArticleDraft } from './types.ts';

/** What the browser keeps of unsaved work: the fields, the version they were based on, and when. */
export type LocalCopy = { draft: ArticleDraft; baseVersion: number | null; keptAt: string };

const PREFIX = 'qalam:unsaved:';

function keyFor(articleId: number | null, userId: number): string {
  return `${PREFIX}${userId}:${articleId ?? 'new'}`;
}

/** Keeps unsaved work in localStorage so a crash or closed tab loses nothing. */
export function keepLocalCopy(articleId: number | null, userId: number, copy: LocalCopy): boolean {
  try {
    localStorage.setItem(keyFor(articleId, userId), JSON.stringify(copy));
    return true;
  } catch {
    // Storage full or blocked (private mode): the server copy is then the only one.
    return false;
  }
}

/** The unsaved work kept for this article, if any. */
export function readLocalCopy(articleId: number | null, userId: number): LocalCopy | null {
  try {
    const raw = localStorage.getItem(keyFor(articleId, userId));
    return raw ? (JSON.parse(raw) as LocalCopy) : null;
  } catch {
    return null;
  }
}

/** Forgets the kept copy once the server has the same work. */
export function dropLocalCopy(articleId: number | null, userId: number): void {
  try {
    localStorage.removeItem(keyFor(articleId, userId));
  } catch {
    /* nothing kept */
  }
}
