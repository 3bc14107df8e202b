import { useEffect, useState } from 'preact/hooks';
import { Modal } from './modal.tsx';
import { api, ApiError } from './api-client.ts';
import { mediaSrc, rememberMedia } from './media-store.ts';
import type { MediaView } from './types.ts';

type MediaPickerProps = {
  title: string;
  onPick: (media: MediaView) => void;
  onCancel: () => void;
};

/** Picks an image from the media library (search) or uploads a new one with its caption, credit and alt text. */
export function MediaPicker({ title, onPick, onCancel }: MediaPickerProps) {
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<MediaView[] | null>(null);
  const [error, setError] = useState('');
  const [uploading, setUploading] = useState(false);

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      api<{ items: MediaView[]; total: number }>('GET', `/api/admin/media?q=${encodeURIComponent(query)}`)
        .then((result) => {
          if (stale) return;
          rememberMedia(result.items);
          setItems(result.items);
        })
        .catch((e: unknown) => !stale && setError(e instanceof Error ? e.message : 'The library could not be loaded.'));
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
      setError('Choose an image file to upload.');
      return;
    }
    // Text fields first: multipart parsers read fields that come before the file.
    const body = new FormData();
    for (const key of ['caption', 'credit', 'altText']) body.append(key, String(data.get(key) ?? ''));
    body.append('file', file);
    setUploading(true);
    setError('');
    try {
      const media = await api<MediaView>('POST', '/api/admin/media', body);
      rememberMedia([media]);
      onPick(media);
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : 'The upload failed.');
    } finally {
      setUploading(false);
    }
  };

  return (
    <Modal title={title} onClose={onCancel} wide>
      {error ? (
        <p class="nr-notice nr-notice--error" role="alert">
          {error}
        </p>
      ) : null}
      <form class="nr-form ed-upload" onSubmit={upload}>
        <fieldset class="nr-fieldset">
          <legend>Upload a new image</legend>
          <div class="nr-form-row">
            <div class="nr-field">
              <label for="ed-upload-file">Image file</label>
              <input id="ed-upload-file" name="file" type="file" accept="image/jpeg,image/png,image/webp,image/gif,image/avif" />
            </div>
            <div class="nr-field">
              <label for="ed-upload-alt">Alt text</label>
              <input id="ed-upload-alt" name="altText" type="text" maxLength={500} />
            </div>
          </div>
          <div class="nr-form-row">
            <div class="nr-field">
              <label for="ed-upload-caption">Caption</label>
              <input id="ed-upload-caption" name="caption" type="text" maxLength={1000} />
            </div>
            <div class="nr-field">
              <label for="ed-upload-credit">Credit</label>
              <input id="ed-upload-credit" name="credit" type="text" maxLength={300} />
            </div>
          </div>
          <div class="nr-actions">
            <button type="submit" class="nr-button" disabled={uploading}>
              {uploading ? 'Uploading…' : 'Upload and use'}
            </button>
          </div>
        </fieldset>
      </form>
      <div class="nr-field ed-library-search">
        <label for="ed-library-q">Search the library</label>
        <input id="ed-library-q" type="search" class="nr-input" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      </div>
      {items === null ? (
        <p class="nr-muted">Loading the library…</p>
      ) : items.length === 0 ? (
        <p class="nr-muted">No images found.</p>
      ) : (
        <ul class="ed-library">
          {items.map((media) => (
            <li key={media.id}>
              <button type="button" class="ed-library__item" onClick={() => onPick(media)}>
                <img src={mediaSrc(media, 240)} alt="" width={media.width} height={media.height} loading="lazy" />
                <span>{media.caption || media.altText || `Image ${media.id}`}</span>
                <span class="nr-visually-hidden">Use this image</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
