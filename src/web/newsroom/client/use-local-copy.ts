import { useCallback, useRef } from 'preact/hooks';
import { sameDraft } from './draft-fields.ts';
import { dropLocalCopy, forgetKept, keepLocalCopy, readLocalCopies } from './local-copy.ts';
import { offersFromCopies, type RestoreOffer } from './restore-offer.tsx';
import { storedDraft, type Live } from './editor-state.ts';
import type { EditorBootData } from './types.ts';

/** Milliseconds after typing stops before the work is kept in this browser. */
const KEEP_AFTER_MS = 300;

/**
 * This tab's copy of the work in localStorage (ADR 0011): kept shortly after typing stops and whenever
 * the server did not take it, dropped once the server has the same work.
 */
export function useLocalCopy(live: Live, actorId: number) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const keepLocal = useCallback(() => {
    keepLocalCopy(live.article?.id ?? null, actorId, { draft: live.draft, baseVersion: live.version, keptAt: new Date().toISOString() });
  }, [actorId]);
  const keepSoon = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(keepLocal, KEEP_AFTER_MS);
  }, [keepLocal]);
  const dropLocal = useCallback((articleId: number | null) => dropLocalCopy(articleId, actorId), [actorId]);
  return { keepLocal, keepSoon, dropLocal };
}

/** What useLocalCopy answers. */
export type LocalCopyKeeper = ReturnType<typeof useLocalCopy>;

/** Offers of the copies this browser kept of the article; copies equal to the stored article are spent and forgotten. */
export function keptCopyOffers(boot: EditorBootData, actorId: number): RestoreOffer[] {
  const stored = storedDraft(boot);
  const kept = readLocalCopies(boot.article?.id ?? null, actorId).filter((copy) => {
    if (!sameDraft(copy.draft, stored)) return true;
    forgetKept(copy.key);
    return false;
  });
  return offersFromCopies(kept);
}
