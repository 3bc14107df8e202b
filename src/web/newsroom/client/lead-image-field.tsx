import { useEffect, useState } from 'preact/hooks';
import { loadMedia, mediaSrc, watchMedia } from './media-store.ts';
import { useIslandT } from './island-i18n.ts';
import { LeadAltField } from './lead-alt-field.tsx';
import { LeadTextField } from './lead-text-field.tsx';
import type { MediaView } from './types.ts';
import { ARTICLE_LIMITS } from '#src/domain/articles/article-fields.ts';
import { MEDIA_TEXT_LIMITS } from '#src/domain/media/media-limits.ts';

type LeadImageFieldProps = {
  mediaId: number | null;
  caption: string;
  credit: string;
  disabled?: boolean;
  onChoose: () => void;
  onChange: (patch: { leadMediaId?: number | null; leadCaption?: string; leadCredit?: string }) => void;
};

/** This article's own caption and credit; empty, the library's text applies (and is shown as the value). */
const LEAD_TEXTS = [
  { key: 'leadCaption', id: 'ed-lead-caption', label: 'editor.lead.caption', max: ARTICLE_LIMITS.caption, fallback: 'caption' },
  { key: 'leadCredit', id: 'ed-lead-credit', label: 'editor.lead.credit', max: ARTICLE_LIMITS.credit, fallback: 'credit' },
] as const;

/** The lead image: a library image, its alt text (the library's, edited here), and this article's caption and credit (empty: the library's). */
export function LeadImageField({ mediaId, caption, credit, disabled, onChoose, onChange }: LeadImageFieldProps) {
  const { t } = useIslandT();
  const [media, setMedia] = useState<MediaView | null>(null);
  useEffect(() => {
    if (mediaId === null) return setMedia(null);
    let stale = false;
    void loadMedia(mediaId).then((found) => !stale && setMedia(found));
    // The library's text may change while this image is chosen (the picker's "update its text").
    const unwatch = watchMedia((item) => item.id === mediaId && setMedia(item));
    return () => {
      stale = true;
      unwatch();
    };
  }, [mediaId]);
  return (
    <fieldset class="nr-fieldset ed-lead">
      <legend>{t('editor.lead.legend')}</legend>
      {mediaId === null ? (
        <p class="nr-muted">{t('editor.lead.none')}</p>
      ) : (
        <div class="ed-lead__body">
          {media ? <img class="ed-lead__img" src={mediaSrc(media, 320)} alt={media.altText} width={media.width} height={media.height} /> : null}
          <div class="ed-lead__fields">
            {media ? <LeadAltField media={media} maxLength={MEDIA_TEXT_LIMITS.altText} disabled={disabled} onSaved={setMedia} /> : null}
            {LEAD_TEXTS.map((field) => (
              <LeadTextField
                key={field.id}
                id={field.id}
                label={t(field.label)}
                maxLength={field.max}
                own={field.key === 'leadCaption' ? caption : credit}
                library={media?.[field.fallback] ?? ''}
                disabled={disabled}
                onChange={(value) => onChange({ [field.key]: value })}
              />
            ))}
          </div>
        </div>
      )}
      <div class="nr-actions">
        <button type="button" class="nr-button nr-button--quiet nr-button--small" disabled={disabled} onClick={onChoose}>
          {mediaId === null ? t('editor.lead.choose') : t('editor.lead.replace')}
        </button>
        {mediaId !== null ? (
          <button
            type="button"
            class="nr-button nr-button--quiet nr-button--small"
            disabled={disabled}
            onClick={() => onChange({ leadMediaId: null, leadCaption: '', leadCredit: '' })}
          >
            {t('editor.lead.remove')}
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}
