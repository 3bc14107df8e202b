import { useEffect, useState } from 'preact/hooks';
import { loadMedia, mediaSrc } from './media-store.ts';
import { useIslandT } from './island-i18n.ts';
import { TextField } from './text-field.tsx';
import type { MediaView } from './types.ts';
import { ARTICLE_LIMITS } from '#src/domain/articles/article-fields.ts';

type LeadImageFieldProps = {
  mediaId: number | null;
  caption: string;
  credit: string;
  disabled?: boolean;
  onChoose: () => void;
  onChange: (patch: { leadMediaId?: number | null; leadCaption?: string; leadCredit?: string }) => void;
};

/** This article's own caption and credit; empty, the library's text (shown as the placeholder) applies. */
const LEAD_TEXTS = [
  { key: 'leadCaption', id: 'ed-lead-caption', label: 'editor.lead.caption', max: ARTICLE_LIMITS.caption, fallback: 'caption' },
  { key: 'leadCredit', id: 'ed-lead-credit', label: 'editor.lead.credit', max: ARTICLE_LIMITS.credit, fallback: 'credit' },
] as const;

/** The lead image: a library image with this article's own caption and credit (empty: the library's). */
export function LeadImageField({ mediaId, caption, credit, disabled, onChoose, onChange }: LeadImageFieldProps) {
  const { t } = useIslandT();
  const [media, setMedia] = useState<MediaView | null>(null);
  useEffect(() => {
    if (mediaId === null) return setMedia(null);
    let stale = false;
    void loadMedia(mediaId).then((found) => !stale && setMedia(found));
    return () => {
      stale = true;
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
            {LEAD_TEXTS.map((field) => (
              <TextField
                key={field.id}
                id={field.id}
                label={t(field.label)}
                maxLength={field.max}
                value={field.key === 'leadCaption' ? caption : credit}
                placeholder={media?.[field.fallback] ?? ''}
                disabled={disabled}
                onInput={(value) => onChange({ [field.key]: value })}
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
