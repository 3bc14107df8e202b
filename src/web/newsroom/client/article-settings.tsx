import { slugify } from '#src/lib/slug.ts';
import { api } from './api-client.ts';
import { ChipPicker } from './chip-picker.tsx';
import { CorrectionsPanel } from './corrections-panel.tsx';
import { LeadImageField } from './lead-image-field.tsx';
import { SearchSocialPanel } from './search-social-panel.tsx';
import { SelectField } from './select-field.tsx';
import { TextField } from './text-field.tsx';
import type { ArticleDraft, ArticleJson, EditorBootData } from './types.ts';
import { ARTICLE_LIMITS } from '#src/domain/articles/article-fields.ts';
import { languageName } from '#src/lib/language-names.ts';
import { useIslandT } from './island-i18n.ts';

type Tag = { id: number; name: string };

type ArticleSettingsProps = {
  boot: EditorBootData;
  article: ArticleJson | null;
  draft: ArticleDraft;
  tags: Tag[];
  slugTouched: boolean;
  readOnly: boolean;
  fieldError: string | undefined;
  canCorrect: boolean;
  onChange: (patch: Partial<ArticleDraft>) => void;
  onSlugTyped: () => void;
  onTagCreated: (tag: Tag) => void;
  onChooseLead: () => void;
  onChooseSocial: () => void;
  onCorrectionAdded: () => void;
};

/** The side column: language, slug, section, bylines, tags, place, lead image, source, links, search and social fields, and corrections. */
export function ArticleSettings(props: ArticleSettingsProps) {
  const { t, lang } = useIslandT();
  const { boot, article, draft, readOnly, fieldError, onChange } = props;
  const slugHint =
    article?.status === 'published' ? t('editor.field.slugHintPublished') : props.slugTouched ? t('editor.field.slugHint') : t('editor.field.slugHintAuto');
  const createTag = async (name: string) => {
    const tag = await api<Tag>('POST', '/newsroom/articles/tags', { name });
    props.onTagCreated(tag);
    return tag;
  };
  return (
    <aside class="ed-side" aria-label={t('editor.settingsLabel')}>
      <div class="nr-card nr-form">
        <div class="nr-field">
          <label for="ed-language">{t('editor.field.language')}</label>
          <select
            id="ed-language"
            value={draft.language}
            disabled={readOnly}
            aria-invalid={fieldError === 'language' || fieldError === 'translationOfId' ? 'true' : undefined}
            aria-describedby="ed-language-hint"
            onChange={(e) => onChange({ language: e.currentTarget.value })}
          >
            {[...new Set([...boot.languages, draft.language])].map((code) => (
              <option key={code} value={code}>
                {t('common.languageLabel', { name: languageName(code, lang), code })}
              </option>
            ))}
          </select>
          <p id="ed-language-hint" class="nr-hint">
            {draft.translationOfId !== null ? t('editor.field.languageHintTranslation', { id: String(draft.translationOfId) }) : t('editor.field.languageHint')}
          </p>
        </div>
        <TextField
          id="ed-slug"
          label={t('editor.field.slug')}
          maxLength={ARTICLE_LIMITS.slug}
          value={draft.slug}
          readOnly={readOnly}
          hint={slugHint}
          invalid={fieldError === 'slug'}
          onInput={(value) => {
            props.onSlugTyped();
            onChange({ slug: value });
          }}
          onBlur={(value) => {
            if (value && slugify(value) !== value) onChange({ slug: slugify(value) });
          }}
        />
        <SelectField
          id="ed-section"
          label={t('editor.field.section')}
          value={draft.sectionId}
          options={boot.sections.map((s) => ({ id: s.id, label: s.name }))}
          none={t('editor.field.sectionNone')}
          disabled={readOnly}
          invalid={fieldError === 'sectionId'}
          onChange={(sectionId) => onChange({ sectionId })}
        />
        <ChipPicker id="ed-authors" label={t('editor.field.authors')} options={boot.authors} selected={draft.authorIds} disabled={readOnly} onChange={(ids) => onChange({ authorIds: ids })} />
        <ChipPicker
          id="ed-tags"
          label={t('editor.field.tags')}
          options={props.tags}
          selected={draft.tagIds}
          disabled={readOnly}
          onChange={(ids) => onChange({ tagIds: ids })}
          onCreate={boot.canCreateTags ? createTag : undefined}
        />
        <SelectField
          id="ed-location"
          label={t('editor.field.location')}
          value={draft.locationId}
          options={boot.locations}
          none={t('editor.field.locationNone')}
          noneAllowed
          disabled={readOnly}
          onChange={(locationId) => onChange({ locationId })}
        />
        <LeadImageField
          mediaId={draft.leadMediaId}
          caption={draft.leadCaption}
          credit={draft.leadCredit}
          disabled={readOnly}
          onChoose={props.onChooseLead}
          onChange={onChange}
        />
        <TextField
          id="ed-source"
          label={t('editor.field.source')}
          maxLength={ARTICLE_LIMITS.sourceAttribution}
          value={draft.sourceAttribution}
          readOnly={readOnly}
          placeholder={t('editor.field.sourcePlaceholder')}
          onInput={(value) => onChange({ sourceAttribution: value })}
        />
        {article ? (
          <p class="nr-small">
            <a href={`/newsroom/articles/${article.id}/revisions`}>{t('editor.revisionHistory')}</a>
            {article.status === 'published' ? (
              <>
                {' · '}
                <a href={article.path}>{t('editor.viewOnSite')}</a>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
      <SearchSocialPanel
        draft={draft}
        publicPath={article?.path ?? null}
        readOnly={readOnly}
        fieldError={fieldError}
        onChange={onChange}
        onChooseImage={props.onChooseSocial}
      />
      {article && article.status === 'published' && props.canCorrect ? (
        <CorrectionsPanel article={article} timeZone={boot.timeZone} onAdded={props.onCorrectionAdded} />
      ) : null}
    </aside>
  );
}
