import { useState } from 'preact/hooks';
import { api } from './api-client.ts';
import { errorText } from './error-text.ts';
import { useIslandT } from './island-i18n.ts';
import { mediaThumbnail, rememberMedia } from './media-store.ts';
import type { UploadAnswer, UploadText } from './media-upload.ts';
import type { MediaView } from './types.ts';

const TEXT_FIELDS = ['altText', 'caption', 'credit'] as const;

/** The fields the uploader typed that differ from the library's: what "update its text" would change. */
function changedText(media: MediaView, submitted: Required<UploadText>): UploadText {
  return Object.fromEntries(TEXT_FIELDS.filter((key) => submitted[key] !== '' && submitted[key] !== media[key]).map((key) => [key, submitted[key]]));
}

/**
 * The same file was already in the library, so nothing was added and the text typed with it was not
 * stored. Says so, shows both texts, and offers to use the image as the library has it or to update
 * the library's text with what was typed (only the fields typed; the media policy may refuse).
 */
export function DuplicateOffer({ answer, onUse }: { answer: UploadAnswer; onUse: (media: MediaView) => void }) {
  const { t } = useIslandT();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const changes = answer.submitted ? changedText(answer, answer.submitted) : {};
  const label = { altText: t('media.altText'), caption: t('media.caption'), credit: t('media.credit') };

  const updateAndUse = async () => {
    setBusy(true);
    setError('');
    try {
      const updated = await api<MediaView>('PATCH', `/api/admin/media/${answer.id}`, changes);
      rememberMedia([updated]);
      onUse(updated);
    } catch (e) {
      setError(errorText(e, t));
      setBusy(false);
    }
  };

  return (
    <div class="nr-notice nr-notice--warn ed-duplicate" role="alert">
      <p>
        <strong>{t('media.picker.duplicate', { id: String(answer.id), name: answer.originalName })}</strong>
      </p>
      <div class="ed-duplicate__body">
        <img src={mediaThumbnail(answer)} alt="" width={120} height={Math.max(1, Math.round((120 * answer.height) / answer.width))} />
        <dl class="ed-duplicate__text nr-small">
          {TEXT_FIELDS.map((key) => (
            <div key={key}>
              <dt>{label[key]}</dt>
              <dd>
                {answer[key] || <span class="nr-muted">{t('media.picker.empty')}</span>}
                {key in changes ? <span class="ed-duplicate__yours">{t('media.picker.yours', { text: answer.submitted![key] })}</span> : null}
              </dd>
            </div>
          ))}
        </dl>
      </div>
      {error ? <p class="nr-error">{error}</p> : null}
      <div class="nr-actions">
        <button type="button" class="nr-button nr-button--small" disabled={busy} onClick={() => onUse(answer)}>
          {t('media.picker.useAsIs')}
        </button>
        {Object.keys(changes).length > 0 ? (
          <button type="button" class="nr-button nr-button--quiet nr-button--small" disabled={busy} onClick={() => void updateAndUse()}>
            {t('media.picker.useWithMine')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
