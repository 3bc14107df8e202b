import { useCallback, useRef, useState } from 'preact/hooks';
import { slugify } from '#src/lib/slug.ts';
import { draftFromArticle, emptyBody, emptyDraft } from './draft-fields.ts';
import type { ArticleDraft, ArticleJson, EditorBootData } from './types.ts';

/** What the status line says about the work in the editor. */
export type SaveState =
  | { kind: 'clean' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  /** A live article's edit kept on the server as a pending edit: safe, but not live until Update. */
  | { kind: 'kept'; at: string }
  | { kind: 'offline' }
  | { kind: 'error'; message: string; field?: string }
  | { kind: 'conflict' };

/** A save refused with 409: the server's newer article and the work that was refused. */
export type Conflict = { message: string; theirs: ArticleJson; mine: ArticleDraft };

/**
 * The editor's latest values, read by timers and async saves without stale closures. One object for
 * the editor's lifetime, changed in place; the rendered state follows it through the setters below.
 */
export type Live = {
  draft: ArticleDraft;
  article: ArticleJson | null;
  /** The version the next save is based on (a restored copy's base, not always the article's). */
  version: number | null;
  /** Counts changes; the server has all the work when `savedSeq` caught up with it. */
  changeSeq: number;
  savedSeq: number;
  slugTouched: boolean;
  conflict: Conflict | null;
  /** The save in flight, if any. */
  saving: Promise<boolean> | null;
  /** A live article's pending edit on its way to the server (ADR 0015), and the change it holds last. */
  pendingSending: Promise<void> | null;
  pendingSeq: number;
};

/** Whether the editor holds work the server does not have yet. */
export function isDirty(live: Live): boolean {
  return live.changeSeq !== live.savedSeq;
}

/** The draft of a stored article, or the empty draft of a new one, bylined to the writer's own author profile when they have one. */
export function storedDraft(boot: EditorBootData): ArticleDraft {
  if (boot.article) return draftFromArticle(boot.article);
  const draft = emptyDraft(boot.sections[0]?.id ?? null, emptyBody(), boot.defaultLanguage);
  return boot.actor.authorId !== null ? { ...draft, authorIds: [boot.actor.authorId] } : draft;
}

/** The article, its draft and the save status, with the `live` copy that timers read. */
export function useEditorState(boot: EditorBootData) {
  const [article, setArticleState] = useState<ArticleJson | null>(boot.article);
  const [draft, setDraftState] = useState<ArticleDraft>(() => storedDraft(boot));
  // A published article's address, or a slug typed by hand, no longer follows the title.
  const [slugTouched, setSlugTouchedState] = useState(() =>
    Boolean(boot.article && (boot.article.status === 'published' || boot.article.slug !== slugify(boot.article.title))),
  );
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'clean' });
  const [conflict, setConflictState] = useState<Conflict | null>(null);
  const liveRef = useRef<Live | null>(null);
  liveRef.current ??= {
    draft,
    article,
    version: boot.article?.version ?? null,
    changeSeq: 0,
    savedSeq: 0,
    slugTouched,
    conflict,
    saving: null,
    pendingSending: null,
    pendingSeq: 0,
  };
  const live = liveRef.current;
  live.article = article;
  live.slugTouched = slugTouched;
  live.conflict = conflict;

  const setArticle = useCallback((next: ArticleJson) => {
    live.article = next;
    setArticleState(next);
  }, []);
  const setDraft = useCallback((next: ArticleDraft) => {
    live.draft = next;
    setDraftState(next);
  }, []);
  const setSlugTouched = useCallback((touched: boolean) => {
    live.slugTouched = touched;
    setSlugTouchedState(touched);
  }, []);
  const setConflict = useCallback((next: Conflict | null) => {
    live.conflict = next;
    setConflictState(next);
  }, []);
  /** Applies a change of fields and marks unsaved work. */
  const edit = useCallback((patch: Partial<ArticleDraft>) => {
    setDraft({ ...live.draft, ...patch });
    live.changeSeq += 1;
    if (!live.conflict) setSaveState({ kind: 'dirty' });
  }, []);

  return { live, article, setArticle, setArticleState, draft, setDraft, edit, slugTouched, setSlugTouched, saveState, setSaveState, conflict, setConflict };
}

/** The editor's state as the hooks share it. */
export type EditorState = ReturnType<typeof useEditorState>;
