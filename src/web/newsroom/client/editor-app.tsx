import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { slugify } from '#src/lib/slug.ts';
import { bodyToPlainText, countWords, readingMinutes } from '#src/render/body-text.ts';
import { can, type ArticleAction } from '#src/domain/articles/article-policy.ts';
import { hasRole } from '#src/domain/people/actor.ts';
import { api, ApiError, OfflineError } from './api-client.ts';
import { bodyOf, createBodyEditor } from './body-editor.ts';
import { figureAttrs } from './figure-node.ts';
import { rememberMedia } from './media-store.ts';
import { Toolbar } from './toolbar.tsx';
import { LinkDialog } from './link-dialog.tsx';
import { EmbedDialog } from './embed-dialog.tsx';
import { MediaPicker } from './media-picker.tsx';
import { ChipPicker } from './chip-picker.tsx';
import { LeadImageField } from './lead-image-field.tsx';
import { ConflictPanel } from './conflict-panel.tsx';
import { CorrectionsPanel } from './corrections-panel.tsx';
import { WorkflowBar } from './workflow-bar.tsx';
import { draftFromArticle, draftToPayload, emptyBody, emptyDraft, sameDraft } from './draft-fields.ts';
import { dropLocalCopy, forgetKept, keepLocalCopy, readLocalCopies } from './local-copy.ts';
import { offersFromCopies, RestoreNotice, withServerOffer, type RestoreOffer } from './restore-offer.tsx';
import { formatZonedShort } from './zoned-time.ts';
import type { ArticleDraft, ArticleJson, EditorBootData, PendingEdit } from './types.ts';

/** Seconds between autosave checks: a change is on the server at most this long after typing stops. */
export const AUTOSAVE_SECONDS = 3;
/** Seconds between presence heartbeats ("Also editing: …"); the server forgets an editor after 30. */
const PRESENCE_SECONDS = 10;

type SaveState =
  | { kind: 'clean' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  /** A live article's edit kept on the server as a pending edit: safe, but not live until Update. */
  | { kind: 'kept'; at: string }
  | { kind: 'offline' }
  | { kind: 'error'; message: string; field?: string }
  | { kind: 'conflict' };

type Dialog = null | 'link' | 'embed' | 'figure' | 'lead';

type Conflict = { message: string; theirs: ArticleJson; mine: ArticleDraft };

/** The article editor: fields, body, autosave with a local copy, workflow buttons, conflicts. */
export function EditorApp({ boot }: { boot: EditorBootData }) {
  const actor = boot.actor;
  const [article, setArticle] = useState<ArticleJson | null>(boot.article);
  const [draft, setDraft] = useState<ArticleDraft>(() =>
    boot.article ? draftFromArticle(boot.article) : emptyDraft(boot.sections[0]?.id ?? null, emptyBody()),
  );
  const [slugTouched, setSlugTouched] = useState(() => Boolean(boot.article && (boot.article.status === 'published' || boot.article.slug !== slugify(boot.article.title))));
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'clean' });
  const [conflict, setConflict] = useState<Conflict | null>(null);
  // Kept work offered back, newest first; the first is shown until the editor chooses.
  const [offers, setOffers] = useState<RestoreOffer[]>([]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [others, setOthers] = useState<Array<{ id: number; name: string }>>([]);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [review, setReview] = useState(boot.latestReview);
  const [tags, setTags] = useState(boot.tags);
  const [, setTick] = useState(0);

  // Refs hold what timers and async saves need without stale closures.
  const draftRef = useRef(draft);
  const articleRef = useRef(article);
  const versionRef = useRef<number | null>(boot.article?.version ?? null);
  const changeSeq = useRef(0);
  const savedSeq = useRef(0);
  const saving = useRef<Promise<boolean> | null>(null);
  const conflictRef = useRef(conflict);
  const bodyHost = useRef<HTMLDivElement>(null);
  const localTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const slugTouchedRef = useRef(slugTouched);
  // Pending edits of a live article (ADR 0015): the change kept on the server last, the request in flight,
  // and whether the server was asked for an earlier one (until then, sending one could overwrite it).
  const pendingSeq = useRef(0);
  const pendingSending = useRef<Promise<void> | null>(null);
  const serverChecked = useRef(false);
  const offersRef = useRef(offers);
  offersRef.current = offers;
  conflictRef.current = conflict;
  articleRef.current = article;
  slugTouchedRef.current = slugTouched;

  // Who created the article, for the policy's "own article" test: this user, once their first save created it.
  const [createdBy, setCreatedBy] = useState<number | null>(boot.createdBy);
  const policyFacts = (a: ArticleJson | null) => (a ? { status: a.status, createdBy, authorIds: a.authorIds } : undefined);
  const allowed = (action: ArticleAction) => (action === 'create' ? can(actor, 'create') : Boolean(article) && can(actor, action, policyFacts(article)));
  const canEdit = article ? allowed('edit') : can(actor, 'create');

  const isDirty = () => changeSeq.current !== savedSeq.current;
  // A live (or scheduled) article changes for readers on every save, so half-typed edits are not
  // sent on a timer: they wait for "Update", kept in this browser meanwhile (as Ghost and WordPress do).
  const autosaves = !article || article.status === 'draft' || article.status === 'review';

  const keepLocal = useCallback(() => {
    keepLocalCopy(articleRef.current?.id ?? null, actor.id, { draft: draftRef.current, baseVersion: versionRef.current, keptAt: new Date().toISOString() });
  }, [actor.id]);

  /** Applies a change of fields: marks unsaved work and schedules the local copy. */
  const change = useCallback(
    (patch: Partial<ArticleDraft>) => {
      draftRef.current = { ...draftRef.current, ...patch };
      setDraft(draftRef.current);
      changeSeq.current += 1;
      if (!conflictRef.current) setSaveState({ kind: 'dirty' });
      if (localTimer.current) clearTimeout(localTimer.current);
      localTimer.current = setTimeout(keepLocal, 300);
    },
    [keepLocal],
  );

  const loadIntoEditor = useCallback(
    (next: ArticleDraft) => {
      draftRef.current = next;
      setDraft(next);
      editor?.commands.setContent(next.body, { emitUpdate: false });
    },
    [editor],
  );

  /** Sends the work to the server: creates the article first if it has no id yet. Answers whether it is saved. */
  const save = useCallback(
    async (autosave: boolean): Promise<boolean> => {
      if (saving.current) await saving.current;
      // A pending edit still on its way must land before the save that makes it live (and drops it).
      if (pendingSending.current) await pendingSending.current;
      if (conflictRef.current) return false;
      if (!isDirty() && articleRef.current) return true;
      const seq = changeSeq.current;
      const snapshot = draftRef.current;
      if (!snapshot.title.trim()) {
        if (!autosave) setSaveState({ kind: 'error', message: 'Give the article a title before saving.', field: 'title' });
        return false;
      }
      const run = (async () => {
        setSaveState({ kind: 'saving' });
        try {
          const current = articleRef.current;
          let saved: ArticleJson;
          if (!current) {
            saved = await api<ArticleJson>('POST', '/api/admin/articles', draftToPayload(snapshot, slugTouchedRef.current));
            dropLocalCopy(null, actor.id);
            setCreatedBy(actor.id);
            history.replaceState(null, '', `/newsroom/articles/${saved.id}`);
          } else {
            saved = await api<ArticleJson>('PUT', `/api/admin/articles/${current.id}`, {
              ...draftToPayload(snapshot, slugTouchedRef.current),
              version: versionRef.current ?? current.version,
              autosave,
            });
          }
          articleRef.current = saved;
          setArticle(saved);
          versionRef.current = saved.version;
          savedSeq.current = seq;
          pendingSeq.current = seq;
          // A save by the button makes this person's work live: the server dropped their pending edit.
          if (!autosave) setOffers((shown) => shown.filter((offer) => offer.localKey !== null).map((offer) => ({ ...offer, onServer: false })));
          // The server may normalise the slug (uniqueness): show what it stored.
          if (saved.slug !== draftRef.current.slug) {
            draftRef.current = { ...draftRef.current, slug: saved.slug };
            setDraft(draftRef.current);
          }
          if (changeSeq.current === seq) {
            dropLocalCopy(saved.id, actor.id);
            setSaveState({ kind: 'saved', at: saved.updatedAt });
          } else {
            keepLocal();
            setSaveState({ kind: 'dirty' });
          }
          return true;
        } catch (error) {
          if (error instanceof ApiError && error.status === 409 && error.body.current) {
            keepLocal();
            const conflictNow = { message: error.message, theirs: error.body.current as ArticleJson, mine: snapshot };
            conflictRef.current = conflictNow;
            setConflict(conflictNow);
            setSaveState({ kind: 'conflict' });
          } else if (error instanceof OfflineError || (error instanceof ApiError && error.status >= 502)) {
            keepLocal();
            setSaveState({ kind: 'offline' });
          } else if (error instanceof ApiError && error.status === 401) {
            keepLocal();
            setSaveState({
              kind: 'error',
              message: 'Your session has ended. Sign in again in another tab (your text stays here, kept in this browser), then press Save.',
            });
          } else {
            keepLocal();
            const apiError = error instanceof ApiError ? error : null;
            setSaveState({ kind: 'error', message: apiError?.message ?? String(error), field: apiError?.body.field });
          }
          return false;
        }
      })();
      saving.current = run;
      try {
        return await run;
      } finally {
        saving.current = null;
      }
    },
    [actor.id, keepLocal],
  );

  // Mount the body editor once.
  useEffect(() => {
    if (!bodyHost.current) return;
    const instance = createBodyEditor({
      element: bodyHost.current,
      content: draftRef.current.body,
      onChange: (ed) => change({ body: bodyOf(ed) }),
      onTransaction: () => setTick((t) => t + 1),
      onLinkShortcut: () => setDialog('link'),
    });
    // No update event: making the editor read-only is not an edit (it would start a needless autosave).
    instance.setEditable(canEdit, false);
    instance.view.dom.id = 'ed-body';
    setEditor(instance);
    return () => instance.destroy();
  }, []);

  useEffect(() => {
    editor?.setEditable(canEdit && !conflict, false);
  }, [editor, canEdit, conflict]);

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
      server = (await api<{ pendingEdit: PendingEdit | null }>('GET', `/api/admin/articles/${stored.id}/pending-edit`)).pendingEdit;
    } catch {
      return; // offline: asked again before anything is kept there
    }
    serverChecked.current = true;
    if (!server) return;
    const storedDraft = draftFromArticle(stored);
    const draft: ArticleDraft = { ...storedDraft, ...server.fields };
    if (sameDraft(draft, storedDraft)) {
      void api('DELETE', `/api/admin/articles/${stored.id}/pending-edit`).catch(() => {});
      return;
    }
    const offer = { draft, baseVersion: server.baseVersion, keptAt: server.keptAt };
    setOffers((shown) => withServerOffer(shown, offer, draftRef.current));
  }, []);

  // Offer work kept in this browser (copies equal to the stored article are spent), then the server's pending edit.
  useEffect(() => {
    rememberMedia(boot.media);
    const storedDraft = boot.article ? draftFromArticle(boot.article) : emptyDraft(boot.sections[0]?.id ?? null, emptyBody());
    const kept = readLocalCopies(boot.article?.id ?? null, actor.id).filter((copy) => {
      if (!sameDraft(copy.draft, storedDraft)) return true;
      forgetKept(copy.key);
      return false;
    });
    setOffers(offersFromCopies(kept));
    void checkServerCopy();
  }, []);

  /**
   * Keeps a live article's unsaved change on the server as this person's pending edit: not live, the
   * article and its version untouched. Skipped while the server's earlier one waits for a choice.
   */
  const keepOnServer = useCallback(() => {
    const current = articleRef.current;
    const snapshot = draftRef.current;
    if (!current || !snapshot.title.trim()) return; // the server would refuse it; this browser keeps it
    const seq = changeSeq.current;
    const payload = { ...draftToPayload(snapshot, slugTouchedRef.current), version: versionRef.current ?? current.version };
    pendingSending.current = api<PendingEdit>('PUT', `/api/admin/articles/${current.id}/pending-edit`, payload)
      .then((kept) => {
        pendingSeq.current = seq;
        if (changeSeq.current === seq && !conflictRef.current && !saving.current) setSaveState({ kind: 'kept', at: kept.keptAt });
      })
      .catch((error: unknown) => {
        if (error instanceof OfflineError || (error instanceof ApiError && error.status >= 502)) {
          setSaveState({ kind: 'offline' }); // tried again at the next check
        } else if (error instanceof ApiError && error.status === 401) {
          setSaveState({ kind: 'error', message: 'Your session has ended. Sign in again in another tab (your text stays here, kept in this browser), then press Update.' });
        } else if (error instanceof ApiError) {
          pendingSeq.current = seq; // the same change would be refused again
          // No longer live (unpublished meanwhile): the article saves directly from now on.
          if (!(error.status === 422 && error.body.field === 'status')) setSaveState({ kind: 'error', message: error.message, field: error.body.field });
        }
      })
      .finally(() => {
        pendingSending.current = null;
      });
  }, []);

  // Autosave: a few seconds after a change, with the version the edit started from.
  useEffect(() => {
    const timer = setInterval(() => {
      const due = isDirty() && !saving.current && !conflictRef.current && canEdit && autosaves;
      if (due) void save(true);
      // A live article's change goes to the server as a pending edit instead, on the same timer.
      const idle = !saving.current && !pendingSending.current && !conflictRef.current;
      const keepDue = idle && canEdit && !autosaves && isDirty() && changeSeq.current !== pendingSeq.current;
      if (keepDue && !serverChecked.current) void checkServerCopy();
      else if (keepDue && !offersRef.current.some((offer) => offer.onServer)) keepOnServer();
      // Observable without timing guesses (tests wait for it): whether this check sent a save.
      document.dispatchEvent(new CustomEvent('qalam:autosave-check', { detail: { sent: due, dirty: isDirty() } }));
    }, AUTOSAVE_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [save, canEdit, autosaves, keepOnServer, checkServerCopy]);

  // Warn before leaving with unsaved work, and keep it locally whatever happens.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!isDirty()) return;
      keepLocal();
      event.preventDefault();
      event.returnValue = '';
    };
    const onPageHide = () => isDirty() && keepLocal();
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('pagehide', onPageHide);
    const onOnline = () => isDirty() && autosaves && void save(true);
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('online', onOnline);
    };
  }, [keepLocal, save, autosaves]);

  // Ctrl/Cmd+S saves.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void save(false);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [save]);

  // Presence heartbeat: who else has this article open.
  const articleId = article?.id ?? null;
  useEffect(() => {
    if (articleId === null) return;
    let stopped = false;
    const beat = () =>
      api<{ editors: Array<{ id: number; name: string }> }>('POST', `/api/admin/articles/${articleId}/presence`)
        .then((result) => !stopped && setOthers(result.editors.filter((e) => e.id !== actor.id)))
        .catch(() => {});
    void beat();
    const timer = setInterval(beat, PRESENCE_SECONDS * 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [articleId, actor.id]);

  const pendingEditUrl = () => `/api/admin/articles/${articleRef.current?.id}/pending-edit`;

  const restoreKept = () => {
    const offer = offers[0];
    if (!offer) return;
    loadIntoEditor(offer.draft);
    // Save against the version the kept work started from: if the server moved on, that is a conflict to resolve, not an overwrite.
    if (offer.baseVersion !== null) versionRef.current = offer.baseVersion;
    setSlugTouched(true);
    slugTouchedRef.current = true;
    changeSeq.current += 1;
    // From now on this tab keeps the work under its own key.
    if (offer.localKey) forgetKept(offer.localKey);
    keepLocal();
    if (offer.onServer && !autosaves) {
      // Still not live: the server keeps exactly this until Update.
      pendingSeq.current = changeSeq.current;
      setSaveState({ kind: 'kept', at: offer.keptAt });
    } else {
      setSaveState({ kind: 'dirty' });
      // An article that is no longer live saves the restored work itself (kept in this browser meanwhile).
      if (offer.onServer) void api('DELETE', pendingEditUrl()).catch(() => {});
    }
    // Older offers are earlier states of the same work, or other tabs' copies (still kept in this browser).
    setOffers([]);
  };
  const discardKept = async () => {
    const offer = offers[0];
    if (!offer) return;
    if (offer.onServer) {
      try {
        await api('DELETE', pendingEditUrl());
      } catch (error) {
        setNotice({ kind: 'error', text: `The kept changes were not discarded: ${error instanceof Error ? error.message : 'try again'}.` });
        return;
      }
    }
    if (offer.localKey) forgetKept(offer.localKey);
    setNotice(null);
    setOffers((shown) => shown.slice(1));
  };

  const keepMine = async () => {
    if (!conflict) return;
    versionRef.current = conflict.theirs.version;
    conflictRef.current = null;
    setConflict(null);
    changeSeq.current += 1;
    await save(false);
  };
  const takeTheirs = () => {
    if (!conflict) return;
    const theirs = conflict.theirs;
    conflictRef.current = null;
    setConflict(null);
    articleRef.current = theirs;
    setArticle(theirs);
    versionRef.current = theirs.version;
    loadIntoEditor(draftFromArticle(theirs));
    savedSeq.current = changeSeq.current;
    dropLocalCopy(theirs.id, actor.id);
    // The refused text is a 'conflict' revision on the server: a pending edit of it would only be offered again.
    void api('DELETE', pendingEditUrl()).catch(() => {});
    setSaveState({ kind: 'saved', at: theirs.updatedAt });
  };

  /** Runs a workflow action (publish, submit, …) after saving pending work. */
  const runAction = async (action: string, extra: Record<string, unknown> = {}, done?: string): Promise<void> => {
    setNotice(null);
    if (canEdit && (isDirty() || !articleRef.current)) {
      const ok = await save(false);
      if (!ok) return;
    }
    const current = articleRef.current;
    if (!current) return;
    try {
      const updated = await api<ArticleJson>('POST', `/api/admin/articles/${current.id}/${action}`, { version: versionRef.current ?? current.version, ...extra });
      articleRef.current = updated;
      setArticle(updated);
      versionRef.current = updated.version;
      if (done) setNotice({ kind: 'ok', text: done });
      if (action === 'return' || action === 'submit' || action === 'approve') {
        const step = { submit: 'submitted', approve: 'approved', return: 'returned' } as const;
        setReview({ action: step[action], note: String(extra.note ?? ''), createdAt: updated.updatedAt, createdBy: { id: actor.id, name: actor.name } });
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.body.current) {
        setNotice({ kind: 'error', text: `${error.message} Reload the article to see the newer version; your text is kept in this browser.` });
        keepLocal();
      } else {
        setNotice({ kind: 'error', text: error instanceof Error ? error.message : 'That did not work.' });
      }
    }
  };

  const openPreview = async (event: MouseEvent) => {
    if (!isDirty() && articleRef.current) return; // the link opens as it is
    event.preventDefault();
    // Opened before the save so the browser counts it as the click's own window (no popup blocking).
    const win = window.open('about:blank', '_blank');
    const ok = await save(false);
    const current = articleRef.current;
    if (ok && current && win) win.location.href = `/newsroom/articles/${current.id}/preview`;
    else win?.close();
  };

  const reloadArticle = async () => {
    if (!articleRef.current) return;
    const fresh = await api<ArticleJson>('GET', `/api/admin/articles/${articleRef.current.id}`);
    setArticle((prev) => (prev ? { ...prev, corrections: fresh.corrections } : fresh));
  };

  // Live slug, word count and reading time: the same modules the server uses.
  const words = useMemo(() => countWords(bodyToPlainText(draft.body)), [draft.body]);
  const minutes = readingMinutes(words);

  const onTitle = (value: string) => change(slugTouched ? { title: value } : { title: value, slug: value.trim() ? slugify(value) : '' });

  const insertFigure = (mediaId: number) => {
    editor?.chain().focus().insertContent({ type: 'figure', attrs: figureAttrs(mediaId) }).run();
  };
  const applyLink = (href: string | null) => {
    setDialog(null);
    if (!editor) return;
    const chain = editor.chain().focus().extendMarkRange('link');
    if (href === null) chain.unsetLink().run();
    else if (editor.state.selection.empty && !editor.isActive('link')) {
      editor.chain().focus().insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
    } else {
      // The caret goes after the link (as in word processors): a selection left standing would be replaced by the next key.
      chain
        .setLink({ href })
        .command(({ tr }) => {
          tr.setSelection(TextSelection.create(tr.doc, tr.selection.to));
          return true;
        })
        .run();
    }
  };

  const fieldError = saveState.kind === 'error' ? saveState.field : undefined;
  const readOnly = !canEdit || Boolean(conflict);

  return (
    <div class="ed">
      <div class="ed-topbar">
        <div class="ed-topbar__status">
          {article ? <span class={`nr-badge nr-badge--${article.status}`}>{article.status}</span> : <span class="nr-badge nr-badge--draft">new</span>}
          <SaveStatus state={saveState} timeZone={boot.timeZone} waitsForUpdate={!autosaves} />
          {others.length > 0 ? (
            <span class="ed-presence" role="status">
              Also editing: {others.map((o) => o.name).join(', ')}
            </span>
          ) : null}
        </div>
        <WorkflowBar
          article={article}
          allowed={allowed}
          canEdit={canEdit}
          isEditorRole={hasRole(actor, 'editor')}
          timeZone={boot.timeZone}
          onSave={() => void save(false)}
          onPreview={openPreview}
          onAction={runAction}
        />
      </div>

      {notice ? (
        <p class={`nr-notice nr-notice--${notice.kind === 'ok' ? 'ok' : 'error'}`} role={notice.kind === 'ok' ? 'status' : 'alert'}>
          {notice.text}
        </p>
      ) : null}
      {saveState.kind === 'error' ? (
        <p class="nr-notice nr-notice--error" role="alert">
          Not saved: {saveState.message}
        </p>
      ) : null}
      {offers[0] ? (
        <RestoreNotice offer={offers[0]} status={article?.status ?? null} timeZone={boot.timeZone} onRestore={restoreKept} onDiscard={() => void discardKept()} />
      ) : null}
      {conflict ? (
        <ConflictPanel
          message={conflict.message}
          theirs={conflict.theirs}
          theirsDraft={draftFromArticle(conflict.theirs)}
          mine={draftRef.current}
          onKeepMine={() => void keepMine()}
          onTakeTheirs={takeTheirs}
        />
      ) : null}
      {review?.action === 'returned' && article?.status === 'draft' ? (
        <div class="nr-notice nr-notice--warn ed-returned" role="note">
          <strong>Returned by {review.createdBy?.name ?? 'an editor'}:</strong> {review.note}
        </div>
      ) : null}
      {!canEdit && article ? (
        <p class="nr-notice nr-notice--info">You can read this article but not change it in its current state ({article.status}).</p>
      ) : null}

      <div class="ed-layout">
        <div class="ed-main nr-card">
          <div class="nr-field">
            <label for="ed-title">Title</label>
            <textarea
              id="ed-title"
              class="ed-title"
              rows={2}
              maxLength={300}
              value={draft.title}
              readOnly={readOnly}
              aria-invalid={fieldError === 'title' ? 'true' : undefined}
              onInput={(e) => onTitle(e.currentTarget.value.replace(/\n/g, ' '))}
            />
          </div>
          <div class="nr-field">
            <label for="ed-standfirst">Standfirst</label>
            <textarea
              id="ed-standfirst"
              class="ed-standfirst"
              rows={2}
              maxLength={1000}
              value={draft.standfirst}
              readOnly={readOnly}
              onInput={(e) => change({ standfirst: e.currentTarget.value })}
            />
          </div>
          <div class="ed-bodyfield">
            <span class="nr-label" id="ed-body-label">
              Text
            </span>
            {editor && !readOnly ? (
              <Toolbar editor={editor} onLink={() => setDialog('link')} onImage={() => setDialog('figure')} onEmbed={() => setDialog('embed')} />
            ) : null}
            <div ref={bodyHost} class="ed-bodyhost" />
            <p class="ed-count nr-muted nr-small" aria-live="polite">
              <span id="ed-words">{words}</span> words · {minutes} min read
            </p>
          </div>
        </div>

        <aside class="ed-side" aria-label="Article settings">
          <div class="nr-card nr-form">
            <div class="nr-field">
              <label for="ed-slug">Slug</label>
              <input
                id="ed-slug"
                type="text"
                maxLength={120}
                value={draft.slug}
                readOnly={readOnly}
                aria-describedby="ed-slug-hint"
                aria-invalid={fieldError === 'slug' ? 'true' : undefined}
                onInput={(e) => {
                  setSlugTouched(true);
                  change({ slug: e.currentTarget.value });
                }}
                onBlur={(e) => {
                  const value = e.currentTarget.value;
                  if (value && slugify(value) !== value) change({ slug: slugify(value) });
                }}
              />
              <p class="nr-hint" id="ed-slug-hint">
                {article?.status === 'published'
                  ? 'Changing it moves the page; the old address redirects.'
                  : slugTouched
                    ? 'The last part of the page address.'
                    : 'Made from the title until you edit it.'}
              </p>
            </div>
            <div class="nr-field">
              <label for="ed-section">Section</label>
              <select
                id="ed-section"
                value={draft.sectionId ?? ''}
                disabled={readOnly}
                aria-invalid={fieldError === 'sectionId' ? 'true' : undefined}
                onChange={(e) => change({ sectionId: Number(e.currentTarget.value) || null })}
              >
                {draft.sectionId === null ? <option value="">Choose a section</option> : null}
                {boot.sections.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
            <ChipPicker id="ed-authors" label="Authors" options={boot.authors} selected={draft.authorIds} disabled={readOnly} onChange={(ids) => change({ authorIds: ids })} />
            <ChipPicker
              id="ed-tags"
              label="Tags"
              options={tags}
              selected={draft.tagIds}
              disabled={readOnly}
              onChange={(ids) => change({ tagIds: ids })}
              onCreate={
                boot.canCreateTags
                  ? async (name) => {
                      const tag = await api<{ id: number; name: string }>('POST', '/newsroom/articles/tags', { name });
                      setTags((known) => (known.some((t) => t.id === tag.id) ? known : [...known, tag]));
                      return tag;
                    }
                  : undefined
              }
            />
            <div class="nr-field">
              <label for="ed-location">Location</label>
              <select
                id="ed-location"
                value={draft.locationId ?? ''}
                disabled={readOnly}
                onChange={(e) => change({ locationId: Number(e.currentTarget.value) || null })}
              >
                <option value="">No dateline place</option>
                {boot.locations.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.label}
                  </option>
                ))}
              </select>
            </div>
            <LeadImageField
              mediaId={draft.leadMediaId}
              caption={draft.leadCaption}
              credit={draft.leadCredit}
              disabled={readOnly}
              onChoose={() => setDialog('lead')}
              onChange={(patch) => change(patch)}
            />
            <div class="nr-field">
              <label for="ed-source">Source attribution</label>
              <input
                id="ed-source"
                type="text"
                maxLength={500}
                value={draft.sourceAttribution}
                readOnly={readOnly}
                placeholder="Originally published by …"
                onInput={(e) => change({ sourceAttribution: e.currentTarget.value })}
              />
            </div>
            {article ? (
              <p class="nr-small">
                <a href={`/newsroom/articles/${article.id}/revisions`}>Revision history</a>
                {article.status === 'published' ? (
                  <>
                    {' · '}
                    <a href={article.path}>View on site</a>
                  </>
                ) : null}
              </p>
            ) : null}
          </div>
          {article && article.status === 'published' && allowed('correct') ? (
            <CorrectionsPanel article={article} timeZone={boot.timeZone} onAdded={() => void reloadArticle()} />
          ) : null}
        </aside>
      </div>

      {dialog === 'link' && editor ? (
        <LinkDialog initialHref={String(editor.getAttributes('link').href ?? '')} onDone={applyLink} onCancel={() => setDialog(null)} />
      ) : null}
      {dialog === 'embed' ? (
        <EmbedDialog
          onCancel={() => setDialog(null)}
          onDone={(attrs) => {
            setDialog(null);
            editor?.chain().focus().insertContent({ type: 'embed', attrs }).run();
          }}
        />
      ) : null}
      {dialog === 'figure' ? (
        <MediaPicker
          title="Insert an image"
          onCancel={() => setDialog(null)}
          onPick={(media) => {
            setDialog(null);
            insertFigure(media.id);
          }}
        />
      ) : null}
      {dialog === 'lead' ? (
        <MediaPicker
          title="Choose the lead image"
          onCancel={() => setDialog(null)}
          onPick={(media) => {
            setDialog(null);
            change({ leadMediaId: media.id, leadCaption: '', leadCredit: '' });
          }}
        />
      ) : null}
    </div>
  );
}

/** "Saved 10:28" / "Saving…" / "Offline — kept locally": one polite live region. */
function SaveStatus({ state, timeZone, waitsForUpdate }: { state: SaveState; timeZone: string; waitsForUpdate: boolean }) {
  const text = (() => {
    switch (state.kind) {
      case 'clean':
        return '';
      case 'dirty':
        return waitsForUpdate ? 'Unsaved changes (kept in this browser) — press Update to change the live article' : 'Unsaved changes';
      case 'saving':
        return 'Saving…';
      case 'saved':
        return `Saved ${formatZonedShort(state.at, timeZone).split(', ').pop()}`;
      case 'kept':
        return `Kept at ${formatZonedShort(state.at, timeZone).split(', ').pop()} (not live yet) — press Update to publish`;
      case 'offline':
        return 'Offline — kept locally';
      case 'error':
        return 'Not saved — kept locally';
      case 'conflict':
        return 'Not saved — someone else saved first';
    }
  })();
  return (
    <span class={`ed-save ed-save--${state.kind}`} id="ed-save-status" role="status" aria-live="polite">
      {text}
    </span>
  );
}
