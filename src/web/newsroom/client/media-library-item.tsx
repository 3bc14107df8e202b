import { useState } from 'preact/hooks';
import { api } from './api-client.ts';
import { mediaThumbnail, rememberMedia, THUMBNAIL_WIDTH } from './media-store.ts';
import type { MediaTextLimits } from './media-library-boot.ts';
import type { MediaView } from './types.ts';

type Usage = { usage: Array<{ articleId: number; title: string; status: string }>; usageTotal: number };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

function UsageList({ usage, usageTotal }: Usage) {
  if (usage.length === 0) return <>Not used in any article.</>;
  const shown = usage.length < usageTotal ? ` (the ${usage.length} most recently updated)` : '';
  return (
    <>
      <p>
        Used in {usageTotal} article{usageTotal === 1 ? '' : 's'}
        {shown}:
      </p>
      <ul>
        {usage.map((use) => (
          <li key={use.articleId}>
            <a href={`/newsroom/articles/${use.articleId}`}>{use.title || `Article #${use.articleId}`}</a>{' '}
            <span class={`nr-badge nr-badge--${use.status}`}>{use.status}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** One image of the library: its facts, the inline form for its alt text, caption and credit, and "where used". */
export function MediaLibraryItem({ media: initial, limits }: { media: MediaView; limits: MediaTextLimits }) {
  const [media, setMedia] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<{ text: string; ok: boolean } | null>(null);
  const [usage, setUsage] = useState<Usage | string | null>(null);
  const id = (name: string) => `ml-${media.id}-${name}`;
  const isMissingAlt = media.altText.trim() === '';

  const save = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement).value;
    setSaving(true);
    setSaved({ text: 'Saving…', ok: true });
    try {
      const updated = await api<MediaView>('PATCH', `/api/admin/media/${media.id}`, {
        caption: value('caption'),
        credit: value('credit'),
        altText: value('altText'),
      });
      rememberMedia([updated]);
      setMedia(updated);
      setSaved({ text: 'Saved.', ok: true });
    } catch (error) {
      setSaved({ text: errorText(error), ok: false });
    } finally {
      setSaving(false);
    }
  };

  const showUsage = async () => {
    setUsage('Looking for articles…');
    try {
      setUsage(await api<Usage>('GET', `/api/admin/media/${media.id}`));
    } catch (error) {
      setUsage(errorText(error));
    }
  };

  return (
    <li class={`ml-item${isMissingAlt ? ' ml-item--missing-alt' : ''}`} data-media-id={media.id}>
      <img
        class="ml-item__image"
        src={mediaThumbnail(media)}
        alt={media.altText}
        width={THUMBNAIL_WIDTH}
        height={Math.max(1, Math.round((THUMBNAIL_WIDTH * media.height) / media.width))}
        loading="lazy"
        decoding="async"
      />
      <p class="ml-item__facts nr-small nr-muted">
        #{media.id} · {media.width}×{media.height} · {media.mimeType.replace('image/', '').toUpperCase()}
      </p>
      <p class="ml-item__warning nr-small" hidden={!isMissingAlt}>
        Alt text missing: articles using this image cannot be published until it is added.
      </p>
      <form class="nr-form ml-item__form" onSubmit={save}>
        <div class="nr-field">
          <label for={id('altText')}>Alt text (describes the image for people who cannot see it)</label>
          <textarea id={id('altText')} name="altText" rows={2} maxLength={limits.altText} value={media.altText}></textarea>
        </div>
        <div class="nr-field">
          <label for={id('caption')}>Caption</label>
          <textarea id={id('caption')} name="caption" rows={2} maxLength={limits.caption} value={media.caption}></textarea>
        </div>
        <div class="nr-field">
          <label for={id('credit')}>Credit</label>
          <input id={id('credit')} type="text" name="credit" maxLength={limits.credit} value={media.credit} />
        </div>
        <div class="nr-actions">
          <button type="submit" class="nr-button nr-button--small" disabled={saving}>
            Save
          </button>
          <button type="button" class="nr-button nr-button--quiet nr-button--small" onClick={() => void showUsage()}>
            Where used
          </button>
          <span class={`nr-small ml-item__saved${saved ? (saved.ok ? (saving ? '' : ' ml-item__saved--ok') : ' ml-item__saved--error') : ''}`} role="status">
            {saved?.text ?? ''}
          </span>
        </div>
      </form>
      <div class="ml-item__usage nr-small" hidden={usage === null}>
        {typeof usage === 'string' ? usage : usage ? <UsageList {...usage} /> : null}
      </div>
    </li>
  );
}
