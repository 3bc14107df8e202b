import { useState } from 'preact/hooks';
import { api, ApiError } from './api-client.ts';
import { errorText } from './error-text.ts';
import { useIslandT } from './island-i18n.ts';
import { isDirty, type EditorState } from './editor-state.ts';
import type { ArticleJson, EditorBootData } from './types.ts';

/** A line above the form saying how an action went. */
export type Notice = { kind: 'ok' | 'error'; text: string };

type WorkflowOptions = {
  boot: EditorBootData;
  state: EditorState;
  canEdit: boolean;
  save: (autosave: boolean) => Promise<boolean>;
  keepLocal: () => void;
  setNotice: (notice: Notice | null) => void;
};

const REVIEW_STEP = { submit: 'submitted', approve: 'approved', return: 'returned' } as const;

/** Publish, submit, return and the rest: each saves the work first, then asks the server; plus preview and reloading corrections. */
export function useWorkflowActions({ boot, state, canEdit, save, keepLocal, setNotice }: WorkflowOptions) {
  const { t } = useIslandT();
  const { live, setArticle, setArticleState } = state;
  const actor = boot.actor;
  const [review, setReview] = useState(boot.latestReview);

  /** Runs a workflow action (publish, submit, …) after saving pending work. */
  const runAction = async (action: string, extra: Record<string, unknown> = {}, done?: string): Promise<void> => {
    setNotice(null);
    if (canEdit && (isDirty(live) || !live.article)) {
      const ok = await save(false);
      if (!ok) return;
    }
    const current = live.article;
    if (!current) return;
    try {
      const updated = await api<ArticleJson>('POST', `/api/admin/articles/${current.id}/${action}`, { version: live.version ?? current.version, ...extra });
      setArticle(updated);
      live.version = updated.version;
      if (done) setNotice({ kind: 'ok', text: done });
      // Publishing or scheduling an article in review approves it too (ADR 0034).
      const step = current.status === 'review' && (action === 'publish' || action === 'schedule') ? 'approve' : action;
      if (step === 'return' || step === 'submit' || step === 'approve') {
        setReview({ action: REVIEW_STEP[step], note: String(extra.note ?? ''), createdAt: updated.updatedAt, createdBy: { id: actor.id, name: actor.name } });
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.body.current) {
        setNotice({ kind: 'error', text: t('editor.workflow.conflict', { message: errorText(error, t) }) });
        keepLocal();
      } else {
        setNotice({ kind: 'error', text: errorText(error, t) });
      }
    }
  };

  /** Preview of unsaved work: saved first, then shown in the window the click opened. */
  const openPreview = async (event: MouseEvent) => {
    if (!isDirty(live) && live.article) return; // the link opens as it is
    event.preventDefault();
    // Opened before the save so the browser counts it as the click's own window (no popup blocking).
    const win = window.open('about:blank', '_blank');
    const ok = await save(false);
    const current = live.article;
    if (ok && current && win) win.location.href = `/newsroom/articles/${current.id}/preview`;
    else win?.close();
  };

  /** Fetches the article's corrections after one was added. */
  const reloadCorrections = async () => {
    if (!live.article) return;
    const fresh = await api<ArticleJson>('GET', `/api/admin/articles/${live.article.id}`);
    setArticleState((prev) => (prev ? { ...prev, corrections: fresh.corrections } : fresh));
  };

  return { review, runAction, openPreview, reloadCorrections };
}
