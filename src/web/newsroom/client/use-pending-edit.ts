import { useCallback, useEffect, useRef } from 'preact/hooks';
import { api, ApiError, OfflineError } from './api-client.ts';
import { errorText } from './error-text.ts';
import { useIslandT } from './island-i18n.ts';
import { dropServerCopy, pendingEditUrl } from './pending-edit-api.ts';
import { draftFromArticle, draftToPayload, sameDraft } from './draft-fields.ts';
import { isDirty, type EditorState } from './editor-state.ts';
import type { RestoreOffers } from './use-restore-offers.ts';
import type { ArticleDraft, EditorBootData, PendingEdit } from './types.ts';

type PendingEditOptions = {
  boot: EditorBootData;
  state: EditorState;
  offers: RestoreOffers;
  canEdit: boolean;
  autosaves: boolean;
};

/**
 * The server-kept edit of a live article (ADR 0015): asked for on opening and offered back, and on
 * the autosave timer the unsaved change of a published or scheduled article is kept there, not live.
 */
export function usePendingEdit({ boot, state, offers, canEdit, autosaves }: PendingEditOptions) {
  const { t } = useIslandT();
  const { live, setSaveState } = state;
  // Whether the server was asked for an earlier pending edit: until then, sending one could overwrite it.
  const serverChecked = useRef(false);

  /**
   * Asks the server for this person's pending edit of the article and adds it to the offers; one equal
   * to the stored article is spent and deleted. Until this has succeeded nothing is sent to the server
   * as a pending edit, which could overwrite it.
   */
  const checkServerCopy = useCallback(async () => {
    const stored = boot.article;
    if (!stored || !canEdit) {
      serverChecked.current = true;
      return;
    }
    let server: PendingEdit | null;
    try {
      server = (await api<{ pendingEdit: PendingEdit | null }>('GET', pendingEditUrl(stored.id))).pendingEdit;
    } catch {
      return; // offline: asked again before anything is kept there
    }
    serverChecked.current = true;
    if (!server) return;
    const storedDraft = draftFromArticle(stored);
    const draft: ArticleDraft = { ...storedDraft, ...server.fields };
    if (sameDraft(draft, storedDraft)) return dropServerCopy(stored.id);
    offers.addServerOffer({ draft, baseVersion: server.baseVersion, keptAt: server.keptAt });
  }, []);

  useEffect(() => void checkServerCopy(), []);

  /**
   * Keeps a live article's unsaved change on the server as this person's pending edit: not live, the
   * article and its version untouched. Skipped while the server's earlier one waits for a choice.
   */
  const keepOnServer = useCallback(() => {
    const current = live.article;
    const snapshot = live.draft;
    if (!current || !snapshot.title.trim()) return; // the server would refuse it; this browser keeps it
    const seq = live.changeSeq;
    const payload = { ...draftToPayload(snapshot, live.slugTouched), version: live.version ?? current.version };
    live.pendingSending = api<PendingEdit>('PUT', pendingEditUrl(current.id), payload)
      .then((kept) => {
        live.pendingSeq = seq;
        if (live.changeSeq === seq && !live.conflict && !live.saving) setSaveState({ kind: 'kept', at: kept.keptAt });
      })
      .catch((error: unknown) => {
        if (error instanceof OfflineError || (error instanceof ApiError && error.status >= 502)) {
          setSaveState({ kind: 'offline' }); // tried again at the next check
        } else if (error instanceof ApiError && error.status === 401) {
          setSaveState({ kind: 'error', message: t('editor.error.sessionEndedUpdate') });
        } else if (error instanceof ApiError) {
          live.pendingSeq = seq; // the same change would be refused again
          // No longer live (unpublished meanwhile): the article saves directly from now on.
          if (!(error.status === 422 && error.body.field === 'status')) setSaveState({ kind: 'error', message: errorText(error, t), field: error.body.field });
        }
      })
      .finally(() => {
        live.pendingSending = null;
      });
  }, []);

  /** On the autosave timer: a live article's change goes to the server as a pending edit, once the server was asked for its own. */
  const keepIfDue = useCallback(() => {
    const idle = !live.saving && !live.pendingSending && !live.conflict;
    const due = idle && canEdit && !autosaves && isDirty(live) && live.changeSeq !== live.pendingSeq;
    if (due && !serverChecked.current) void checkServerCopy();
    else if (due && !offers.hasServerOffer()) keepOnServer();
  }, [canEdit, autosaves, keepOnServer, checkServerCopy]);

  return { keepIfDue };
}
