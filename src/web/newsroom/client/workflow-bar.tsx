import { useState } from 'preact/hooks';
import type { ArticleAction } from '#src/domain/articles/article-policy.ts';
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
  const [panel, setPanel] = useState<null | 'schedule' | 'return'>(null);
  const [when, setWhen] = useState(() => (article?.scheduledAt ? utcToZonedLocal(article.scheduledAt, timeZone) : ''));
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const status = article?.status ?? 'draft';
  const live = status !== 'trashed';
  const show = {
    publish: live && status !== 'published' && allowed('publish'),
    schedule: live && status !== 'published' && allowed('schedule'),
    unpublish: (status === 'published' || status === 'scheduled') && allowed('unpublish'),
    // Writers who cannot publish hand the article to an editor.
    submit: status === 'draft' && allowed('submit') && !allowed('publish'),
    approve: status === 'review' && isEditorRole && allowed('approve'),
    return: status === 'review' && isEditorRole && allowed('return'),
    trash: Boolean(article) && live && allowed('trash'),
    restore: status === 'trashed' && allowed('restore'),
  };

  const act = (action: string, done: string) => () => void onAction(action, {}, done);
  const toggle = (which: 'schedule' | 'return') => setPanel(panel === which ? null : which);

  const schedule = async (event: Event) => {
    event.preventDefault();
    const at = zonedLocalToUtc(when, timeZone);
    if (!at) return setError('Choose a date and time.');
    if (new Date(at).getTime() <= Date.now()) return setError('Choose a time in the future.');
    setError('');
    await onAction('schedule', { scheduledAt: at }, `Scheduled for ${when.replace('T', ' ')} (${timeZone}).`);
    setPanel(null);
  };
  const sendBack = async (event: Event) => {
    event.preventDefault();
    if (!note.trim()) return setError('Write a note saying what to change.');
    setError('');
    await onAction('return', { note: note.trim() }, 'Returned to the writer with your note.');
    setPanel(null);
    setNote('');
  };

  return (
    <div class="ed-workflow">
      <div class="nr-actions" role="group" aria-label="Article actions">
        {canEdit ? (
          <button type="button" class="nr-button nr-button--quiet" aria-keyshortcuts="Control+S" onClick={onSave}>
            {status === 'published' || status === 'scheduled' ? 'Update' : 'Save'}
          </button>
        ) : null}
        {article ? (
          <a class="nr-button nr-button--quiet" href={`/newsroom/articles/${article.id}/preview`} target="_blank" rel="noopener" onClick={onPreview}>
            Preview
          </a>
        ) : null}
        {show.submit ? <ActionButton label="Submit for review" onClick={act('submit', 'Submitted for review. An editor will look at it.')} /> : null}
        {show.approve ? <ActionButton label="Approve" onClick={act('approve', 'Approved.')} /> : null}
        {show.return ? <PanelToggle label="Return with note" open={panel === 'return'} onClick={() => toggle('return')} /> : null}
        {show.publish ? <ActionButton label="Publish now" onClick={act('publish', 'Published.')} /> : null}
        {show.schedule ? <PanelToggle label="Schedule" open={panel === 'schedule'} onClick={() => toggle('schedule')} /> : null}
        {show.unpublish ? <ActionButton quiet label="Unpublish" onClick={act('unpublish', 'Unpublished: the article is a draft again.')} /> : null}
        {show.trash ? <ActionButton danger label="Move to trash" onClick={act('trash', 'Moved to the trash. You can restore it.')} /> : null}
        {show.restore ? <ActionButton label="Restore" onClick={act('restore', 'Restored from the trash.')} /> : null}
      </div>
      {panel === 'schedule' ? (
        <form class="nr-inline-form ed-schedule" onSubmit={schedule}>
          <label for="ed-schedule-at">Publish at ({timeZone} time)</label>
          <input id="ed-schedule-at" type="datetime-local" step={1} value={when} required onInput={(e) => setWhen(e.currentTarget.value)} />
          <button type="submit" class="nr-button nr-button--small">
            Schedule
          </button>
        </form>
      ) : null}
      {panel === 'return' ? (
        <form class="nr-form ed-return" onSubmit={sendBack}>
          <TextField id="ed-return-note" label="What should the writer change?" rows={2} maxLength={ARTICLE_LIMITS.reviewNote} value={note} onInput={setNote} />
          <div class="nr-actions">
            <button type="submit" class="nr-button nr-button--small">
              Return to writer
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
        <p class="nr-small nr-muted">Scheduled for {utcToZonedLocal(article.scheduledAt, timeZone).replace('T', ' ')} ({timeZone}).</p>
      ) : null}
    </div>
  );
}

/** A workflow button that runs its action at once. */
function ActionButton({ label, onClick, quiet, danger }: { label: string; onClick: () => void; quiet?: boolean; danger?: boolean }) {
  const variant = danger ? ' nr-button--danger' : quiet ? ' nr-button--quiet' : '';
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
