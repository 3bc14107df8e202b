import { useState } from 'preact/hooks';
import { api } from './api-client.ts';
import { errorText } from './error-text.ts';
import { useIslandT } from './island-i18n.ts';
import { formatZonedShort } from './zoned-time.ts';
import type { ArticleJson } from './types.ts';
import { ARTICLE_LIMITS } from '#src/domain/articles/article-fields.ts';

type CorrectionsPanelProps = {
  article: ArticleJson;
  timeZone: string;
  /** Called after a notice was added, so the page can reload the article's list. */
  onAdded: () => void;
};

/** Corrections and updates of a published article: the list readers see, and a form to append one. */
export function CorrectionsPanel({ article, timeZone, onAdded }: CorrectionsPanelProps) {
  const { t, locale } = useIslandT();
  const [kind, setKind] = useState<'correction' | 'update'>('correction');
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      await api('POST', `/api/admin/articles/${article.id}/corrections`, { kind, text });
      setText('');
      onAdded();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="nr-card ed-corrections" aria-labelledby="ed-corrections-title">
      <h2 id="ed-corrections-title">{t('editor.corrections.heading')}</h2>
      {article.corrections.length === 0 ? (
        <p class="nr-muted">{t('editor.corrections.none')}</p>
      ) : (
        <ol class="ed-corrections__list">
          {article.corrections.map((c, i) => (
            <li key={c.id ?? i}>
              <strong>{c.kind === 'correction' ? t('editor.corrections.correction') : t('editor.corrections.update')}</strong> (
              {formatZonedShort(c.createdAt, timeZone, locale)}): {c.text}
            </li>
          ))}
        </ol>
      )}
      <form class="nr-form" onSubmit={submit}>
        <div class="nr-form-row">
          <div class="nr-field">
            <label for="ed-correction-kind">{t('editor.corrections.kind')}</label>
            <select id="ed-correction-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as 'correction' | 'update')}>
              <option value="correction">{t('editor.corrections.kindCorrection')}</option>
              <option value="update">{t('editor.corrections.kindUpdate')}</option>
            </select>
          </div>
        </div>
        <div class="nr-field">
          <label for="ed-correction-text">{t('editor.corrections.text')}</label>
          <textarea id="ed-correction-text" maxLength={ARTICLE_LIMITS.correction} value={text} required onInput={(e) => setText(e.currentTarget.value)} />
        </div>
        {error ? (
          <p class="nr-notice nr-notice--error" role="alert">
            {error}
          </p>
        ) : null}
        <div class="nr-actions">
          <button type="submit" class="nr-button" disabled={busy || text.trim() === ''}>
            {t('editor.corrections.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
