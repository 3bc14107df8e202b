import { useEffect, useState } from 'preact/hooks';
import { api } from './api-client.ts';
import { errorText } from './error-text.ts';
import { useIslandT } from './island-i18n.ts';
import { rememberMedia } from './media-store.ts';
import type { MediaView } from './types.ts';

/**
 * The lead image's alt text, edited where the image is chosen: it belongs to the image in the
 * library (every article using it reads it), so "Save alt text" writes it there at once, under the
 * media policy, instead of sending the editor to the Media page when publishing is refused.
 */
export function LeadAltField({ media, maxLength, disabled, onSaved }: { media: MediaView; maxLength: number; disabled?: boolean; onSaved: (media: MediaView) => void }) {
  const { t } = useIslandT();
  const [text, setText] = useState(media.altText);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setText(media.altText), [media.id, media.altText]);
  const isMissing = media.altText.trim() === '';

  const save = async () => {
    setBusy(true);
    setStatus(null);
    try {
      const updated = await api<MediaView>('PATCH', `/api/admin/media/${media.id}`, { altText: text });
      rememberMedia([updated]);
      onSaved(updated);
      setStatus({ ok: true, text: t('editor.lead.altSaved') });
    } catch (error) {
      setStatus({ ok: false, text: errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="nr-field ed-lead__alt">
      <label for="ed-lead-alt">{t('editor.lead.alt')}</label>
      <textarea
        id="ed-lead-alt"
        rows={2}
        maxLength={maxLength}
        value={text}
        disabled={disabled}
        aria-invalid={isMissing ? 'true' : undefined}
        aria-describedby="ed-lead-alt-hint"
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <p class="nr-hint" id="ed-lead-alt-hint">
        {isMissing ? t('editor.lead.altMissing') : t('editor.lead.altHint')}
      </p>
      <div class="nr-actions">
        <button type="button" class="nr-button nr-button--quiet nr-button--small" disabled={disabled || busy || text.trim() === media.altText} onClick={() => void save()}>
          {t('editor.lead.altSave')}
        </button>
        {status ? (
          <span class={`nr-small${status.ok ? '' : ' nr-error'}`} role={status.ok ? 'status' : 'alert'}>
            {status.text}
          </span>
        ) : null}
      </div>
    </div>
  );
}
