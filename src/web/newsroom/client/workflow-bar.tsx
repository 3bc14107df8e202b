import { useState } from 'preact/hooks';
import type { ArticleAction } from '#src/domain/articles/article-policy.ts';
import { utcToZonedLocal, zonedLocalToUtc } from './zoned-time.ts';
import type { ArticleJson } from './types.ts';

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
        {show.submit ? (
          <button type="button" class="nr-button" onClick={() => void onAction('submit', {}, 'Submitted for review. An editor will look at it.')}>
            Submit for review
          </button>
        ) : null}
        {show.approve ? (
          <button type="button" class="nr-button" onClick={() => void onAction('approve', {}, 'Approved.')}>
            Approve
          </button>
        ) : null}
        {show.return ? (
          <button type="button" class="nr-button nr-button--quiet" aria-expanded={panel === 'return'} onClick={() => setPanel(panel === 'return' ? null : 'return')}>
            Return with note
          </button>
        ) : null}
        {show.publish ? (
          <button type="button" class="nr-button" onClick={() => void onAction('publish', {}, 'Published.')}>
            Publish now
          </button>
        ) : null}
        {show.schedule ? (
          <button type="button" class="nr-button nr-button--quiet" aria-expanded={panel === 'schedule'} onClick={() => setPanel(panel === 'schedule' ? null : 'schedule')}>
            Schedule
          </button>
        ) : null}
        {show.unpublish ? (
          <button type="button" class="nr-button nr-button--quiet" onClick={() => void onAction('unpublish', {}, 'Unpublished: the article is a draft again.')}>
            Unpublish
          </button>
        ) : null}
        {show.trash ? (
          <button type="button" class="nr-button nr-button--danger" onClick={() => void onAction('trash', {}, 'Moved to the trash. You can restore it.')}>
            Move to trash
          </button>
        ) : null}
        {show.restore ? (
          <button type="button" class="nr-button" onClick={() => void onAction('restore', {}, 'Restored from the trash.')}>
            Restore
          </button>
        ) : null}
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
          <div class="nr-field">
            <label for="ed-return-note">What should the writer change?</label>
            <textarea id="ed-return-note" maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </div>
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
