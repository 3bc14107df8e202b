import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from './api-client.ts';
import { errorText } from './error-text.ts';
import { IslandI18n, islandTranslator, useIslandT, type IslandTranslator } from './island-i18n.ts';
import type { MediaLibraryBoot } from './media-library-boot.ts';
import { MediaLibraryItem } from './media-library-item.tsx';
import { rememberMedia } from './media-store.ts';
import { uploadMedia } from './media-upload.ts';
import type { MediaView } from './types.ts';

type UploadRow = { key: number; name: string; progress: number; state: 'sending' | 'ok' | 'error'; message: string };
type Listing = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; items: MediaView[]; total: number; q: string };

let uploadKeys = 0;

function statusText(listing: Listing, t: IslandTranslator['t']): string {
  if (listing.state === 'loading') return t('media.loadingImages');
  if (listing.state === 'error') return t('media.loadFailed', { reason: listing.message });
  const { total, q } = listing;
  if (total === 0) return q ? t('media.noMatch', { q }) : t('media.emptyLibrary');
  return q ? t('media.countMatching', { total, q }) : t('media.count', { total });
}

/**
 * The newsroom media library: upload (drop zone or file picker, one file at a time with progress),
 * search, inline edits of caption, credit and alt text, and "where used". Rendered on the server
 * in its loading state, then hydrated (media-library-entry.tsx), in the user's newsroom language.
 */
export function MediaLibrary({ boot }: { boot: MediaLibraryBoot }) {
  const translator = useMemo(() => islandTranslator(boot.i18n), [boot.i18n]);
  return (
    <IslandI18n.Provider value={translator}>
      <Library boot={boot} />
    </IslandI18n.Provider>
  );
}

function Library({ boot }: { boot: MediaLibraryBoot }) {
  const { t } = useIslandT();
  const [query, setQuery] = useState({ q: boot.q, page: 1 });
  const [draftQ, setDraftQ] = useState(boot.q);
  const [listing, setListing] = useState<Listing>({ state: 'loading' });
  const [uploads, setUploads] = useState<UploadRow[]>([]);
  const [isDragging, setDragging] = useState(false);

  useEffect(() => {
    let stale = false;
    setListing({ state: 'loading' });
    const params = new URLSearchParams();
    if (query.q) params.set('q', query.q);
    params.set('page', String(query.page));
    api<{ items: MediaView[]; total: number }>('GET', `/api/admin/media?${params}`)
      .then(({ items, total }) => {
        if (stale) return;
        rememberMedia(items);
        setListing({ state: 'ready', items, total, q: query.q });
      })
      .catch((error: unknown) => !stale && setListing({ state: 'error', message: errorText(error, t) }));
    return () => {
      stale = true;
    };
  }, [query]);

  const updateRow = (key: number, change: Partial<UploadRow>) => setUploads((rows) => rows.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const uploadFiles = async (files: File[]) => {
    if (files.length === 0) return;
    // One at a time: the server resizes each image, and the order of the rows stays readable.
    let uploaded = 0;
    for (const file of files) {
      const key = ++uploadKeys;
      setUploads((rows) => [{ key, name: file.name, progress: 0, state: 'sending', message: '' }, ...rows]);
      try {
        const media = await uploadMedia(file, {}, (fraction) => updateRow(key, { progress: Math.round(fraction * 100) }));
        rememberMedia([media]);
        const message = media.alreadyInLibrary
          ? t('media.alreadyInLibrary', { id: String(media.id), name: media.originalName || file.name })
          : media.altText
            ? t('media.uploaded')
            : t('media.uploadedAddAlt');
        updateRow(key, { progress: 100, state: 'ok', message });
        uploaded += 1;
      } catch (error) {
        updateRow(key, { state: 'error', message: errorText(error, t) });
      }
    }
    if (uploaded > 0) {
      setDraftQ('');
      // A new query object runs the listing effect again, even for the same search.
      setQuery({ q: '', page: 1 });
    }
  };

  const search = (event: Event) => {
    event.preventDefault();
    const q = draftQ.trim();
    const url = new URL(window.location.href);
    if (q) url.searchParams.set('q', q);
    else url.searchParams.delete('q');
    window.history.replaceState(null, '', url);
    setQuery({ q, page: 1 });
  };

  const dragOver = (event: DragEvent) => {
    event.preventDefault();
    setDragging(true);
  };
  const pages = listing.state === 'ready' ? Math.max(1, Math.ceil(listing.total / boot.pageSize)) : 1;

  return (
    <>
      <section class="nr-card ml-upload" aria-labelledby="ml-upload-title">
        <h2 id="ml-upload-title" class="ml-upload__title">
          {t('media.uploadImages')}
        </h2>
        <div
          class={`ml-drop${isDragging ? ' ml-drop--active' : ''}`}
          data-drop-zone
          onDragEnter={dragOver}
          onDragOver={dragOver}
          onDragLeave={() => setDragging(false)}
          onDragEnd={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            void uploadFiles([...(event.dataTransfer?.files ?? [])]);
          }}
        >
          <p class="ml-drop__text">{t('media.dragHere')}</p>
          <label class="nr-button" for="ml-file">
            {t('media.chooseFiles')}
          </label>
          <input
            id="ml-file"
            class="ml-drop__input"
            type="file"
            name="file"
            multiple
            accept={boot.acceptedTypes.join(',')}
            aria-describedby="ml-upload-hint"
            onChange={(event) => {
              const input = event.currentTarget;
              void uploadFiles([...(input.files ?? [])]).then(() => {
                input.value = '';
              });
            }}
          />
          <p id="ml-upload-hint" class="nr-hint nr-small">
            {t('media.uploadHint', { megabytes: boot.maxMegabytes, megapixels: boot.maxMegapixels })}
          </p>
        </div>
        <ul class="ml-uploads" aria-live="polite">
          {uploads.map((row) => (
            <li key={row.key} class={`ml-upload-row${row.state === 'sending' ? '' : ` ml-upload-row--${row.state}`}`}>
              <span class="ml-upload-row__name">{row.name}</span>
              {row.state === 'error' ? null : <progress max={100} value={row.progress} aria-label={t('media.uploading', { name: row.name })} />}
              <span class="ml-upload-row__message">{row.message}</span>
            </li>
          ))}
        </ul>
      </section>

      <form class="ml-search" role="search" method="get" action="/newsroom/media" onSubmit={search}>
        <label for="ml-q" class="nr-label">
          {t('media.searchImages')}
        </label>
        <input
          id="ml-q"
          class="nr-input"
          type="search"
          name="q"
          value={draftQ}
          onInput={(event) => setDraftQ(event.currentTarget.value)}
          placeholder={t('media.searchPlaceholder')}
        />
        <button type="submit" class="nr-button nr-button--quiet">
          {t('media.search')}
        </button>
      </form>
      <p class="nr-muted nr-small" aria-live="polite">
        {statusText(listing, t)}
      </p>
      <ul class="ml-grid">
        {listing.state === 'ready' ? listing.items.map((media) => <MediaLibraryItem key={media.id} media={media} limits={boot.limits} />) : null}
      </ul>
      <nav class="nr-pager" aria-label={t('media.pagesLabel')} hidden={pages <= 1}>
        <button
          type="button"
          class="nr-button nr-button--quiet nr-button--small"
          disabled={query.page <= 1}
          onClick={() => setQuery((current) => ({ ...current, page: current.page - 1 }))}
        >
          {t('common.previous')}
        </button>
        <span>{t('common.pageOf', { page: query.page, pages })}</span>
        <button
          type="button"
          class="nr-button nr-button--quiet nr-button--small"
          disabled={query.page >= pages}
          onClick={() => setQuery((current) => ({ ...current, page: current.page + 1 }))}
        >
          {t('common.next')}
        </button>
      </nav>
    </>
  );
}
