import { useEffect, useState } from 'preact/hooks';
import { MEDIA_TEXT_LIMITS } from '#src/domain/media/media-limits.ts';
import { Modal } from './modal.tsx';
import { api } from './api-client.ts';
import { errorText } from './error-text.ts';
import { useIslandT } from './island-i18n.ts';
import { mediaThumbnail, rememberMedia } from './media-store.ts';
import { DuplicateOffer } from './duplicate-offer.tsx';
import { uploadMedia, type UploadAnswer } from './media-upload.ts';
import type { MediaView } from './types.ts';

type MediaPickerProps = {
  title: string;
  onPick: (media: MediaView) => void;
  onCancel: () => void;
};

/** Picks an image from the media library (search) or uploads a new one with its caption, credit and alt text. */
export function MediaPicker({ title, onPick, onCancel }: MediaPickerProps) {
  const { t } = useIslandT();
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<MediaView[] | null>(null);
  const [error, setError] = useState('');
  /** Percent of the upload sent, or null when none is going. */
  const [progress, setProgress] = useState<number | null>(null);
  /** The answer when the file was already in the library: the offer replaces the silent reuse. */
  const [duplicate, setDuplicate] = useState<UploadAnswer | null>(null);

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      api<{ items: MediaView[]; total: number }>('GET', `/api/admin/media?q=${encodeURIComponent(query)}`)
        .then((result) => {
          if (stale) return;
          rememberMedia(result.items);
          setItems(result.items);
        })
        .catch((e: unknown) => !stale && setError(errorText(e, t)));
    }, query ? 250 : 0);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [query]);

  const upload = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0) {
      setError(t('media.chooseFile'));
      return;
    }
    const text = Object.fromEntries(['caption', 'credit', 'altText'].map((key) => [key, String(data.get(key) ?? '')]));
    setProgress(0);
    setError('');
    try {
      setDuplicate(null);
      const media = await uploadMedia(file, text, (fraction) => setProgress(Math.round(fraction * 100)));
      rememberMedia([media]);
      if (media.alreadyInLibrary) setDuplicate(media);
      else onPick(media);
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setProgress(null);
    }
  };

  return (
    <Modal title={title} onClose={onCancel} wide>
      {error ? (
        <p class="nr-notice nr-notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {duplicate ? <DuplicateOffer answer={duplicate} onUse={onPick} /> : null}
      <form class="nr-form ed-upload" onSubmit={upload}>
        <fieldset class="nr-fieldset">
          <legend>{t('media.picker.upload')}</legend>
          <div class="nr-form-row">
            <div class="nr-field">
              <label for="ed-upload-file">{t('media.picker.file')}</label>
              <input id="ed-upload-file" name="file" type="file" accept="image/jpeg,image/png,image/webp,image/gif,image/avif" />
            </div>
            <div class="nr-field">
              <label for="ed-upload-alt">{t('media.altText')}</label>
              <input id="ed-upload-alt" name="altText" type="text" maxLength={MEDIA_TEXT_LIMITS.altText} />
            </div>
          </div>
          <div class="nr-form-row">
            <div class="nr-field">
              <label for="ed-upload-caption">{t('media.caption')}</label>
              <input id="ed-upload-caption" name="caption" type="text" maxLength={MEDIA_TEXT_LIMITS.caption} />
            </div>
            <div class="nr-field">
              <label for="ed-upload-credit">{t('media.credit')}</label>
              <input id="ed-upload-credit" name="credit" type="text" maxLength={MEDIA_TEXT_LIMITS.credit} />
            </div>
          </div>
          <div class="nr-actions">
            <button type="submit" class="nr-button" disabled={progress !== null}>
              {progress !== null ? t('media.picker.uploading') : t('media.picker.uploadAndUse')}
            </button>
            {progress !== null ? <progress max={100} value={progress} aria-label={t('media.picker.uploadingImage')} /> : null}
          </div>
        </fieldset>
      </form>
      <div class="nr-field ed-library-search">
        <label for="ed-library-q">{t('media.picker.search')}</label>
        <input id="ed-library-q" type="search" class="nr-input" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      </div>
      {items === null ? (
        <p class="nr-muted">{t('media.picker.loading')}</p>
      ) : items.length === 0 ? (
        <p class="nr-muted">{t('media.picker.none')}</p>
      ) : (
        <ul class="ed-library">
          {items.map((media) => (
            <li key={media.id}>
              <button type="button" class="ed-library__item" onClick={() => onPick(media)}>
                <img src={mediaThumbnail(media)} alt="" width={media.width} height={media.height} loading="lazy" />
                <span>{media.caption || media.altText || t('media.imageNumber', { id: String(media.id) })}</span>
                <span class="nr-visually-hidden">{t('media.picker.use')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
