import { useState } from 'preact/hooks';
import { api } from './api-client.ts';
import { errorText } from './error-text.ts';
import { useIslandT, type IslandTranslator } from './island-i18n.ts';
import { ARTICLE_STATUSES, type ArticleStatus } from '#src/db/schema.ts';
import { mediaThumbnail, rememberMedia, THUMBNAIL_WIDTH } from './media-store.ts';
import type { MediaTextLimits } from './media-library-boot.ts';
import type { MediaView } from './types.ts';

/** An article status as a badge says it; a status the catalogue does not know is shown as it is. */
function statusLabel(t: IslandTranslator['t'], status: string): string {
  return (ARTICLE_STATUSES as readonly string[]).includes(status) ? t(`status.${status as ArticleStatus}`) : status;
}

type Usage = { usage: Array<{ articleId: number; title: string; status: string }>; usageTotal: number };

function UsageList({ usage, usageTotal }: Usage) {
  const { t } = useIslandT();
  if (usage.length === 0) return <>{t('media.notUsed')}</>;
  return (
    <>
      <p>{usage.length < usageTotal ? t('media.usedInSome', { total: usageTotal, shown: usage.length }) : t('media.usedIn', { total: usageTotal })}</p>
      <ul>
        {usage.map((use) => (
          <li key={use.articleId}>
            <a href={`/newsroom/articles/${use.articleId}`}>{use.title || t('media.articleNumber', { id: String(use.articleId) })}</a>{' '}
            <span class={`nr-badge nr-badge--${use.status}`}>{statusLabel(t, use.status)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** One image of the library: its facts, the inline form for its alt text, caption and credit, and "where used". */
export function MediaLibraryItem({ media: initial, limits }: { media: MediaView; limits: MediaTextLimits }) {
  const { t } = useIslandT();
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
    setSaved({ text: t('common.saving'), ok: true });
    try {
      const updated = await api<MediaView>('PATCH', `/api/admin/media/${media.id}`, {
        caption: value('caption'),
        credit: value('credit'),
        altText: value('altText'),
      });
      rememberMedia([updated]);
      setMedia(updated);
      setSaved({ text: t('common.saved'), ok: true });
    } catch (error) {
      setSaved({ text: errorText(error, t), ok: false });
    } finally {
      setSaving(false);
    }
  };

  const showUsage = async () => {
    setUsage(t('media.lookingForArticles'));
    try {
      setUsage(await api<Usage>('GET', `/api/admin/media/${media.id}`));
    } catch (error) {
      setUsage(errorText(error, t));
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
      {media.originalName ? <p class="ml-item__name nr-small">{media.originalName}</p> : null}
      <p class="ml-item__facts nr-small nr-muted">
        #{media.id} · {media.width}×{media.height} · {media.mimeType.replace('image/', '').toUpperCase()}
      </p>
      <p class="ml-item__warning nr-small" hidden={!isMissingAlt}>
        {t('media.altMissing')}
      </p>
      <form class="nr-form ml-item__form" onSubmit={save}>
        <div class="nr-field">
          <label for={id('altText')}>{t('media.altTextLong')}</label>
          <textarea id={id('altText')} name="altText" rows={2} maxLength={limits.altText} value={media.altText}></textarea>
        </div>
        <div class="nr-field">
          <label for={id('caption')}>{t('media.caption')}</label>
          <textarea id={id('caption')} name="caption" rows={2} maxLength={limits.caption} value={media.caption}></textarea>
        </div>
        <div class="nr-field">
          <label for={id('credit')}>{t('media.credit')}</label>
          <input id={id('credit')} type="text" name="credit" maxLength={limits.credit} value={media.credit} />
        </div>
        <div class="nr-actions">
          <button type="submit" class="nr-button nr-button--small" disabled={saving}>
            {t('common.save')}
          </button>
          <button type="button" class="nr-button nr-button--quiet nr-button--small" onClick={() => void showUsage()}>
            {t('media.whereUsed')}
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
