import type { ArticleDraft } from './types.ts';

/** What the browser keeps of unsaved work: the fields, the version they were based on, and when. */
export type LocalCopy = { draft: ArticleDraft; baseVersion: number | null; keptAt: string };

/** A kept copy and the storage key it lives under (to restore or discard exactly that one). */
export type KeptCopy = LocalCopy & { key: string };

const PREFIX = 'qalam:unsaved:';
const TAB_KEY = 'qalam:tab';

/**
 * This tab's id: each tab keeps its own copy, so a save in one tab never deletes the unsaved work
 * of another tab on the same article. sessionStorage survives a reload of the same tab.
 */
function tabId(): string {
  try {
    let id = sessionStorage.getItem(TAB_KEY);
    if (!id) {
      id = Math.random().toString(36).slice(2, 10);
      sessionStorage.setItem(TAB_KEY, id);
    }
    return id;
  } catch {
    return 'tab';
  }
}

function articlePrefix(articleId: number | null, userId: number): string {
  return `${PREFIX}${userId}:${articleId ?? 'new'}:`;
}

/** Keeps this tab's unsaved work in localStorage so a crash or closed tab loses nothing. */
export function keepLocalCopy(articleId: number | null, userId: number, copy: LocalCopy): boolean {
  try {
    localStorage.setItem(articlePrefix(articleId, userId) + tabId(), JSON.stringify(copy));
    return true;
  } catch {
    // Storage full or blocked (private mode): the server copy is then the only one.
    return false;
  }
}

/** Every copy kept for this article (by any tab), newest first. */
export function readLocalCopies(articleId: number | null, userId: number): KeptCopy[] {
  const prefix = articlePrefix(articleId, userId);
  const copies: KeptCopy[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith(prefix)) continue;
      try {
        copies.push({ ...(JSON.parse(localStorage.getItem(key) ?? '') as LocalCopy), key });
      } catch {
        localStorage.removeItem(key);
      }
    }
  } catch {
    return [];
  }
  return copies.sort((a, b) => b.keptAt.localeCompare(a.keptAt));
}

/** Forgets this tab's copy once the server has the same work. */
export function dropLocalCopy(articleId: number | null, userId: number): void {
  forgetKept(articlePrefix(articleId, userId) + tabId());
}

/** Forgets one kept copy by its key. */
export function forgetKept(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    /* nothing kept */
  }
}
