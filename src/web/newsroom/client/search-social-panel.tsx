import { useEffect, useState } from 'preact/hooks';
import { ARTICLE_LIMITS, SEARCH_AND_SOCIAL_ADVICE } from '#src/domain/articles/article-fields.ts';
import { useIslandT } from './island-i18n.ts';
import { loadMedia, mediaSrc, watchMedia } from './media-store.ts';
import { TextField } from './text-field.tsx';
import type { ArticleDraft, MediaView } from './types.ts';

type SearchSocialPanelProps = {
  draft: ArticleDraft;
  /** The article's public path (where the previews say it lives); null before the first save. */
  publicPath: string | null;
  readOnly: boolean;
  fieldError: string | undefined;
  onChange: (patch: Partial<ArticleDraft>) => void;
  onChooseImage: () => void;
};

type AdvisedField = keyof typeof SEARCH_AND_SOCIAL_ADVICE;

/** Cuts `text` where a search result or a card would, with an ellipsis. */
function cut(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;
}

/** The image with id `mediaId`, kept current when the library's copy changes. */
function useMedia(mediaId: number | null): MediaView | null {
  const [media, setMedia] = useState<MediaView | null>(null);
  useEffect(() => {
    if (mediaId === null) return setMedia(null);
    let stale = false;
    void loadMedia(mediaId).then((found) => !stale && setMedia(found));
    const unwatch = watchMedia((item) => item.id === mediaId && setMedia(item));
    return () => {
      stale = true;
      unwatch();
    };
  }, [mediaId]);
  return media;
}

/**
 * "Search and social": the article's own title and description for search results and for the card
 * a shared link shows, each optional (empty: what the page uses instead is shown as the placeholder
 * and in the previews), with lengths counted against what results and cards usually show, and a
 * preview of each as readers will meet it.
 */
export function SearchSocialPanel({ draft, publicPath, readOnly, fieldError, onChange, onChooseImage }: SearchSocialPanelProps) {
  const { t } = useIslandT();
  // Folded by default, and drawn only when opened: most articles take the fallbacks.
  const [isOpen, setOpen] = useState(false);
  const socialMedia = useMedia(draft.socialMediaId);
  const leadMedia = useMedia(draft.leadMediaId);
  const searchTitle = draft.seoTitle || draft.title;
  const searchText = draft.metaDescription || draft.standfirst;
  const cardTitle = draft.socialTitle || searchTitle;
  const cardText = draft.socialDescription || searchText;
  const cardImage = socialMedia ?? leadMedia;
  const host = window.location.host;
  const address = `${host}${publicPath ?? ''}`;

  const field = (key: AdvisedField, id: string, fallback: string, rows?: number) => {
    const length = draft[key].length || fallback.length;
    const advice = SEARCH_AND_SOCIAL_ADVICE[key];
    return (
      <TextField
        id={id}
        label={t(`editor.seo.${key}`)}
        maxLength={ARTICLE_LIMITS[key]}
        rows={rows}
        value={draft[key]}
        placeholder={fallback}
        readOnly={readOnly}
        invalid={fieldError === key}
        hint={
          <span class={length > advice ? 'ed-count ed-count--over' : 'ed-count'}>
            {t(length > advice ? 'editor.seo.countOver' : 'editor.seo.count', { length, advice })}
            {draft[key] ? null : ` ${t('editor.seo.usingFallback')}`}
          </span>
        }
        onInput={(value) => onChange({ [key]: value })}
      />
    );
  };

  return (
    <details class="nr-card ed-seo" open={isOpen} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('editor.seo.heading')}</summary>
      {isOpen ? (
        <div class="nr-form">
          <h3 class="ed-seo__title">{t('editor.seo.search')}</h3>
          {field('seoTitle', 'ed-seo-title', draft.title)}
          {field('metaDescription', 'ed-seo-description', draft.standfirst, 3)}
          <figure class="ed-preview ed-preview--search">
            <figcaption class="nr-small nr-muted">{t('editor.seo.searchPreview')}</figcaption>
            <div class="ed-serp">
              <span class="ed-serp__url">{address}</span>
              <span class="ed-serp__title">{cut(searchTitle || t('common.untitled'), SEARCH_AND_SOCIAL_ADVICE.seoTitle)}</span>
              <span class="ed-serp__text">{cut(searchText, SEARCH_AND_SOCIAL_ADVICE.metaDescription)}</span>
            </div>
          </figure>

          <h3 class="ed-seo__title">{t('editor.seo.social')}</h3>
          {field('socialTitle', 'ed-social-title', searchTitle)}
          {field('socialDescription', 'ed-social-description', searchText, 3)}
          <div class="nr-field">
            <span class="nr-label" id="ed-social-image-label">
              {t('editor.seo.socialImage')}
            </span>
            <p class="nr-hint">{draft.socialMediaId === null ? t('editor.seo.socialImageLead') : t('editor.seo.socialImageOwn', { id: String(draft.socialMediaId) })}</p>
            <div class="nr-actions" role="group" aria-labelledby="ed-social-image-label">
              <button type="button" class="nr-button nr-button--quiet nr-button--small" disabled={readOnly} onClick={onChooseImage}>
                {t('editor.seo.chooseImage')}
              </button>
              {draft.socialMediaId !== null ? (
                <button type="button" class="nr-button nr-button--quiet nr-button--small" disabled={readOnly} onClick={() => onChange({ socialMediaId: null })}>
                  {t('editor.seo.useLeadImage')}
                </button>
              ) : null}
            </div>
          </div>
          <figure class="ed-preview ed-preview--card">
            <figcaption class="nr-small nr-muted">{t('editor.seo.cardPreview')}</figcaption>
            <div class="ed-card">
              {cardImage ? (
                <img class="ed-card__image" src={mediaSrc(cardImage, 640)} alt={cardImage.altText} width={cardImage.width} height={cardImage.height} />
              ) : (
                <div class="ed-card__image ed-card__image--none">{t('editor.seo.noImage')}</div>
              )}
              <div class="ed-card__body">
                <span class="ed-card__host">{host}</span>
                <span class="ed-card__title">{cut(cardTitle || t('common.untitled'), SEARCH_AND_SOCIAL_ADVICE.socialTitle)}</span>
                <span class="ed-card__text">{cut(cardText, SEARCH_AND_SOCIAL_ADVICE.socialDescription)}</span>
              </div>
            </div>
          </figure>
        </div>
      ) : null}
    </details>
  );
}
