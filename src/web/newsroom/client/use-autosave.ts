import { useCallback, useEffect } from 'preact/hooks';
import { api, ApiError, OfflineError } from './api-client.ts';
import { errorText } from './error-text.ts';
import { useIslandT } from './island-i18n.ts';
import { draftFromArticle, draftToPayload } from './draft-fields.ts';
import { dropServerCopy } from './pending-edit-api.ts';
import { isDirty, type EditorState } from './editor-state.ts';
import type { LocalCopyKeeper } from './use-local-copy.ts';
import type { RestoreOffers } from './use-restore-offers.ts';
import type { ArticleDraft, ArticleJson } from './types.ts';

/** Seconds between autosave checks: a change is on the server at most this long after typing stops. */
export const AUTOSAVE_SECONDS = 3;

type AutosaveOptions = {
  state: EditorState;
  localCopy: LocalCopyKeeper;
  offers: RestoreOffers;
  actorId: number;
  canEdit: boolean;
  /** Drafts and articles in review save on the timer; live ones wait for Update (ADR 0011). */
  autosaves: boolean;
  /** Runs on every timer check, after the autosave decision (a live article's pending edit, ADR 0015). */
  onCheck: () => void;
  /** The first save created the article: this person created it. */
  onCreated: () => void;
  /** Puts an article's fields into the form and the body editor. */
  load: (draft: ArticleDraft) => void;
};

/**
 * Saving (ADR 0011): `save` sends the work with the version it started from, the timer autosaves
 * drafts, and a 409 becomes a conflict the editor resolves with `keepMine` or `takeTheirs`.
 */
export function useAutosave({ state, localCopy, offers, actorId, canEdit, autosaves, onCheck, onCreated, load }: AutosaveOptions) {
  const { t } = useIslandT();
  const { live, setArticle, setDraft, setSaveState, setConflict } = state;
  const { keepLocal, dropLocal } = localCopy;

  /** Sends the work to the server: creates the article first if it has no id yet. Answers whether it is saved. */
  const save = useCallback(
    async (autosave: boolean): Promise<boolean> => {
      if (live.saving) await live.saving;
      // A pending edit still on its way must land before the save that makes it live (and drops it).
      if (live.pendingSending) await live.pendingSending;
      if (live.conflict) return false;
      if (!isDirty(live) && live.article) return true;
      const seq = live.changeSeq;
      const snapshot = live.draft;
      if (!snapshot.title.trim()) {
        if (!autosave) setSaveState({ kind: 'error', message: t('editor.error.titleRequired'), field: 'title' });
        return false;
      }
      const run = (async () => {
        setSaveState({ kind: 'saving' });
        try {
          const saved = await send(snapshot, autosave);
          setArticle(saved);
          live.version = saved.version;
          live.savedSeq = seq;
          live.pendingSeq = seq;
          // A save by the button makes this person's work live: the server dropped their pending edit.
          if (!autosave) offers.forgetServerCopies();
          // The server may normalise the slug (uniqueness): show what it stored.
          if (saved.slug !== live.draft.slug) setDraft({ ...live.draft, slug: saved.slug });
          if (live.changeSeq === seq) {
            dropLocal(saved.id);
            setSaveState({ kind: 'saved', at: saved.updatedAt });
          } else {
            keepLocal();
            setSaveState({ kind: 'dirty' });
          }
          return true;
        } catch (error) {
          keepLocal();
          failed(error, snapshot);
          return false;
        }
      })();
      live.saving = run;
      try {
        return await run;
      } finally {
        live.saving = null;
      }
    },
    [actorId, keepLocal],
  );

  /** Creates the article (POST) or saves it against its version (PUT). */
  const send = async (snapshot: ArticleDraft, autosave: boolean): Promise<ArticleJson> => {
    const current = live.article;
    const payload = draftToPayload(snapshot, live.slugTouched);
    if (current) return api<ArticleJson>('PUT', `/api/admin/articles/${current.id}`, { ...payload, version: live.version ?? current.version, autosave });
    const created = await api<ArticleJson>('POST', '/api/admin/articles', payload);
    dropLocal(null);
    onCreated();
    history.replaceState(null, '', `/newsroom/articles/${created.id}`);
    return created;
  };

  /** Shows why a save failed; the work is already kept in this browser. */
  const failed = (error: unknown, snapshot: ArticleDraft) => {
    if (error instanceof ApiError && error.status === 409 && error.body.current) {
      setConflict({ message: errorText(error, t), theirs: error.body.current as ArticleJson, mine: snapshot });
      setSaveState({ kind: 'conflict' });
    } else if (error instanceof OfflineError || (error instanceof ApiError && error.status >= 502)) {
      setSaveState({ kind: 'offline' });
    } else if (error instanceof ApiError && error.status === 401) {
      setSaveState({ kind: 'error', message: t('editor.error.sessionEndedSave') });
    } else {
      setSaveState({ kind: 'error', message: errorText(error, t), field: error instanceof ApiError ? error.body.field : undefined });
    }
  };

  // Autosave: a few seconds after a change, with the version the edit started from.
  useEffect(() => {
    const timer = setInterval(() => {
      const due = isDirty(live) && !live.saving && !live.conflict && canEdit && autosaves;
      if (due) void save(true);
      onCheck();
      // Observable without timing guesses (tests wait for it): whether this check sent a save.
      document.dispatchEvent(new CustomEvent('qalam:autosave-check', { detail: { sent: due, dirty: isDirty(live) } }));
    }, AUTOSAVE_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [save, canEdit, autosaves, onCheck]);

  // Back online: send what waited.
  useEffect(() => {
    const onOnline = () => isDirty(live) && autosaves && void save(true);
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [save, autosaves]);

  /** Saves my version on top of theirs. */
  const keepMine = async () => {
    const conflict = live.conflict;
    if (!conflict) return;
    live.version = conflict.theirs.version;
    setConflict(null);
    live.changeSeq += 1;
    await save(false);
  };

  /** Loads their version; mine is a `conflict` revision on the server already. */
  const takeTheirs = () => {
    const theirs = live.conflict?.theirs;
    if (!theirs) return;
    setConflict(null);
    setArticle(theirs);
    live.version = theirs.version;
    load(draftFromArticle(theirs));
    live.savedSeq = live.changeSeq;
    dropLocal(theirs.id);
    // The refused text is a 'conflict' revision on the server: a pending edit of it would only be offered again.
    dropServerCopy(theirs.id);
    setSaveState({ kind: 'saved', at: theirs.updatedAt });
  };

  return { save, keepMine, takeTheirs };
}
