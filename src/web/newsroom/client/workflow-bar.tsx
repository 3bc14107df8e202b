import { useState } from 'preact/hooks';
import type { ArticleAction } from '#src/domain/articles/article-policy.ts';
import { useIslandT } from './island-i18n.ts';
import { TextField } from './text-field.tsx';
import { utcToZonedLocal, zonedLocalToUtc } from './zoned-time.ts';
import type { ArticleJson } from './types.ts';
import { ARTICLE_LIMITS } from '#src/domain/articles/article-fields.ts';

type WorkflowBarProps = {
  article: ArticleJson | null;
  /** The article policy's answer for the signed-in user (the server checks again). */
  allowed: (action: ArticleAction) => boolean;
  canEdit: boolean;
  isEditorRole: boolean;
  timeZone: string;
  onSave: () => void;
  onPreview: (event: MouseEvent) => void;
  onAction: (action: string, extra?: Record<string, unknown>, done?: string) => Promise<void>;
};

/** Save, Preview and the workflow buttons the user's role allows in the article's state. */
export function WorkflowBar({ article, allowed, canEdit, isEditorRole, timeZone, onSave, onPreview, onAction }: WorkflowBarProps) {
  const { t } = useIslandT();
  const [panel, setPanel] = useState<null | 'schedule' | 'return'>(null);
  const [when, setWhen] = useState(() => (article?.scheduledAt ? utcToZonedLocal(article.scheduledAt, timeZone) : ''));
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const status = article?.status ?? 'draft';
  const live = status !== 'trashed';
  const isLive = status === 'published' || status === 'scheduled';
  // In review, publishing or scheduling is the editor's approval (ADR 0034): the buttons say so.
  const approving = status === 'review' && isEditorRole && allowed('approve');
  const show = {
    publish: live && status !== 'published' && !approving && allowed('publish'),
    schedule: live && status !== 'published' && allowed('schedule'),
    unpublish: (status === 'published' || status === 'scheduled') && allowed('unpublish'),
    // Writers who cannot publish hand the article to an editor.
    submit: status === 'draft' && allowed('submit') && !allowed('publish'),
    approve: approving,
    return: status === 'review' && isEditorRole && allowed('return'),
    trash: Boolean(article) && live && allowed('trash'),
    restore: status === 'trashed' && allowed('restore'),
  };

  const act = (action: string, done: string) => () => void onAction(action, {}, done);
  const toggle = (which: 'schedule' | 'return') => setPanel(panel === which ? null : which);

  const schedule = async (event: Event) => {
    event.preventDefault();
    const at = zonedLocalToUtc(when, timeZone);
    if (!at) return setError(t('editor.workflow.chooseDateTime'));
    if (new Date(at).getTime() <= Date.now()) return setError(t('editor.workflow.chooseFuture'));
    setError('');
    // Said as the line under the buttons says it (to the minute), so the two never disagree.
    const said = { when: utcToZonedLocal(at, timeZone).replace('T', ' '), timeZone };
    await onAction('schedule', { scheduledAt: at }, approving ? t('editor.workflow.approvedScheduled', said) : t('editor.workflow.scheduledFor', said));
    setPanel(null);
  };
  const sendBack = async (event: Event) => {
    event.preventDefault();
    if (!note.trim()) return setError(t('editor.workflow.noteRequired'));
    setError('');
    await onAction('return', { note: note.trim() }, t('editor.workflow.returned'));
    setPanel(null);
    setNote('');
  };

  return (
    <div class="ed-workflow">
      <div class="nr-actions" role="group" aria-label={t('editor.workflow.label')}>
        {canEdit ? (
          // On a live article "Update" is the main action (it changes what readers see); on a draft, publishing is.
          <button type="button" class={isLive ? 'nr-button' : 'nr-button nr-button--quiet'} aria-keyshortcuts="Control+S" onClick={onSave}>
            {isLive ? t('editor.workflow.update') : t('common.save')}
          </button>
        ) : null}
        {article ? (
          <a class="nr-button nr-button--quiet" href={`/newsroom/articles/${article.id}/preview`} target="_blank" rel="noopener" onClick={onPreview}>
            {t('editor.workflow.preview')}
          </a>
        ) : null}
        {show.submit ? <ActionButton label={t('editor.workflow.submit')} onClick={act('submit', t('editor.workflow.submitted'))} /> : null}
        {show.approve ? <ActionButton label={t('editor.workflow.approvePublish')} onClick={act('approve', t('editor.workflow.approvedPublished'))} /> : null}
        {show.return ? <PanelToggle label={t('editor.workflow.return')} open={panel === 'return'} onClick={() => toggle('return')} /> : null}
        {show.publish ? <ActionButton label={t('editor.workflow.publish')} onClick={act('publish', t('editor.workflow.published'))} /> : null}
        {show.schedule ? (
          <PanelToggle label={approving ? t('editor.workflow.approveSchedule') : t('editor.workflow.schedule')} open={panel === 'schedule'} onClick={() => toggle('schedule')} />
        ) : null}
        {show.unpublish ? <ActionButton quiet label={t('editor.workflow.unpublish')} onClick={act('unpublish', t('editor.workflow.unpublished'))} /> : null}
        {show.trash ? <ActionButton danger label={t('editor.workflow.trash')} onClick={act('trash', t('editor.workflow.trashed'))} /> : null}
        {show.restore ? <ActionButton label={t('editor.workflow.restore')} onClick={act('restore', t('editor.workflow.restored'))} /> : null}
      </div>
      {panel === 'schedule' ? (
        <form class="nr-inline-form ed-schedule" onSubmit={schedule}>
          <label for="ed-schedule-at">{t('editor.workflow.publishAt', { timeZone })}</label>
          <input id="ed-schedule-at" type="datetime-local" value={when} required onInput={(e) => setWhen(e.currentTarget.value)} />
          <button type="submit" class="nr-button nr-button--small">
            {approving ? t('editor.workflow.approveSchedule') : t('editor.workflow.schedule')}
          </button>
        </form>
      ) : null}
      {panel === 'return' ? (
        <form class="nr-form ed-return" onSubmit={sendBack}>
          <TextField id="ed-return-note" label={t('editor.workflow.noteLabel')} rows={2} maxLength={ARTICLE_LIMITS.reviewNote} value={note} onInput={setNote} />
          <div class="nr-actions">
            <button type="submit" class="nr-button nr-button--small">
              {t('editor.workflow.returnSubmit')}
            </button>
          </div>
        </form>
      ) : null}
      {error ? (
        <p class="nr-error" role="alert">
          {error}
        </p>
      ) : null}
      {status === 'scheduled' && article?.scheduledAt ? (
        <p class="nr-small nr-muted">{t('editor.workflow.scheduledFor', { when: utcToZonedLocal(article.scheduledAt, timeZone).replace('T', ' '), timeZone })}</p>
      ) : null}
    </div>
  );
}

/** A workflow button that runs its action at once; a dangerous one is red text, never the loudest button of the bar. */
function ActionButton({ label, onClick, quiet, danger }: { label: string; onClick: () => void; quiet?: boolean; danger?: boolean }) {
  const variant = danger ? ' nr-button--danger-quiet' : quiet ? ' nr-button--quiet' : '';
  return (
    <button type="button" class={`nr-button${variant}`} onClick={onClick}>
      {label}
    </button>
  );
}

/** A workflow button that opens (or closes) its form below the bar. */
function PanelToggle({ label, open, onClick }: { label: string; open: boolean; onClick: () => void }) {
  return (
    <button type="button" class="nr-button nr-button--quiet" aria-expanded={open} onClick={onClick}>
      {label}
    </button>
  );
}
