import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { forgetKept } from './local-copy.ts';
import { withServerOffer, type RestoreOffer } from './restore-offer.tsx';
import { keptCopyOffers, type LocalCopyKeeper } from './use-local-copy.ts';
import { deleteServerCopy, dropServerCopy } from './pending-edit-api.ts';
import { errorText } from './error-text.ts';
import { useIslandT } from './island-i18n.ts';
import type { EditorState } from './editor-state.ts';
import type { ArticleDraft, EditorBootData } from './types.ts';

type RestoreOffersOptions = {
  boot: EditorBootData;
  state: EditorState;
  localCopy: LocalCopyKeeper;
  autosaves: boolean;
  /** Puts restored work into the fields and the body editor. */
  load: (draft: ArticleDraft) => void;
  /** Says why a discard did not happen. */
  onError: (text: string) => void;
};

/**
 * Unsaved work offered back on opening (ADR 0011, 0015): this browser's copies and the server's pending
 * edit, newest first; the first is shown until the editor restores or discards it.
 */
export function useRestoreOffers({ boot, state, localCopy, autosaves, load, onError }: RestoreOffersOptions) {
  const { t } = useIslandT();
  const { live, setSlugTouched, setSaveState } = state;
  const [offers, setOffers] = useState<RestoreOffer[]>([]);
  const offersRef = useRef(offers);
  offersRef.current = offers;

  useEffect(() => setOffers(keptCopyOffers(boot, boot.actor.id)), []);

  const addServerOffer = useCallback((offer: Omit<RestoreOffer, 'localKey' | 'onServer'>) => {
    setOffers((shown) => withServerOffer(shown, offer, live.draft));
  }, []);
  /** After a save by the button: the server dropped this person's pending edit, the browser's copies stay offered. */
  const forgetServerCopies = useCallback(() => {
    setOffers((shown) => shown.filter((offer) => offer.localKey !== null).map((offer) => ({ ...offer, onServer: false })));
  }, []);
  const hasServerOffer = useCallback(() => offersRef.current.some((offer) => offer.onServer), []);

  const restore = () => {
    const offer = offers[0];
    if (!offer) return;
    load(offer.draft);
    // Save against the version the kept work started from: if the server moved on, that is a conflict to resolve, not an overwrite.
    if (offer.baseVersion !== null) live.version = offer.baseVersion;
    setSlugTouched(true);
    live.changeSeq += 1;
    // From now on this tab keeps the work under its own key.
    if (offer.localKey) forgetKept(offer.localKey);
    localCopy.keepLocal();
    if (offer.onServer && !autosaves) {
      // Still not live: the server keeps exactly this until Update.
      live.pendingSeq = live.changeSeq;
      setSaveState({ kind: 'kept', at: offer.keptAt });
    } else {
      setSaveState({ kind: 'dirty' });
      // An article that is no longer live saves the restored work itself (kept in this browser meanwhile).
      if (offer.onServer && live.article) dropServerCopy(live.article.id);
    }
    // Older offers are earlier states of the same work, or other tabs' copies (still kept in this browser).
    setOffers([]);
  };

  /** Forgets the first offer; answers false (and says why) when the server's copy could not be deleted. */
  const discard = async (): Promise<boolean> => {
    const offer = offers[0];
    if (!offer) return false;
    // Only a stored article has a copy on the server.
    if (offer.onServer && live.article) {
      try {
        await deleteServerCopy(live.article.id);
      } catch (error) {
        onError(t('editor.error.notDiscarded', { reason: errorText(error, t) }));
        return false;
      }
    }
    if (offer.localKey) forgetKept(offer.localKey);
    setOffers((shown) => shown.slice(1));
    return true;
  };

  return { current: offers[0] ?? null, addServerOffer, forgetServerCopies, hasServerOffer, restore, discard };
}

/** What useRestoreOffers answers. */
export type RestoreOffers = ReturnType<typeof useRestoreOffers>;
