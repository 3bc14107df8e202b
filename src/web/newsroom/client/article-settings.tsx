import { slugify } from '#src/lib/slug.ts';
import { api } from './api-client.ts';
import { ChipPicker } from './chip-picker.tsx';
import { CorrectionsPanel } from './corrections-panel.tsx';
import { LeadImageField } from './lead-image-field.tsx';
import { SelectField } from './select-field.tsx';
import { TextField } from './text-field.tsx';
import type { ArticleDraft, ArticleJson, EditorBootData } from './types.ts';
import { ARTICLE_LIMITS } from '#src/domain/articles/article-fields.ts';
import { languageLabel } from '#src/lib/language-names.ts';

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
  onCorrectionAdded: () => void;
};

/** The side column: language, slug, section, bylines, tags, place, lead image, source, links and corrections. */
export function ArticleSettings(props: ArticleSettingsProps) {
  const { boot, article, draft, readOnly, fieldError, onChange } = props;
  const slugHint =
    article?.status === 'published'
      ? 'Changing it moves the page; the old address redirects.'
      : props.slugTouched
        ? 'The last part of the page address.'
        : 'Made from the title until you edit it.';
  const createTag = async (name: string) => {
    const tag = await api<Tag>('POST', '/newsroom/articles/tags', { name });
    props.onTagCreated(tag);
    return tag;
  };
  return (
    <aside class="ed-side" aria-label="Article settings">
      <div class="nr-card nr-form">
        <div class="nr-field">
          <label for="ed-language">Language</label>
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
                {languageLabel(code)}
              </option>
            ))}
          </select>
          <p id="ed-language-hint" class="nr-hint">
            {draft.translationOfId !== null ? `A translation of article ${draft.translationOfId}; a story has one article per language.` : 'The language the article is written in.'}
          </p>
        </div>
        <TextField
          id="ed-slug"
          label="Slug"
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
          label="Section"
          value={draft.sectionId}
          options={boot.sections.map((s) => ({ id: s.id, label: s.name }))}
          none="Choose a section"
          disabled={readOnly}
          invalid={fieldError === 'sectionId'}
          onChange={(sectionId) => onChange({ sectionId })}
        />
        <ChipPicker id="ed-authors" label="Authors" options={boot.authors} selected={draft.authorIds} disabled={readOnly} onChange={(ids) => onChange({ authorIds: ids })} />
        <ChipPicker
          id="ed-tags"
          label="Tags"
          options={props.tags}
          selected={draft.tagIds}
          disabled={readOnly}
          onChange={(ids) => onChange({ tagIds: ids })}
          onCreate={boot.canCreateTags ? createTag : undefined}
        />
        <SelectField
          id="ed-location"
          label="Location"
          value={draft.locationId}
          options={boot.locations}
          none="No dateline place"
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
          label="Source attribution"
          maxLength={ARTICLE_LIMITS.sourceAttribution}
          value={draft.sourceAttribution}
          readOnly={readOnly}
          placeholder="Originally published by …"
          onInput={(value) => onChange({ sourceAttribution: value })}
        />
        {article ? (
          <p class="nr-small">
            <a href={`/newsroom/articles/${article.id}/revisions`}>Revision history</a>
            {article.status === 'published' ? (
              <>
                {' · '}
                <a href={article.path}>View on site</a>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
      {article && article.status === 'published' && props.canCorrect ? (
        <CorrectionsPanel article={article} timeZone={boot.timeZone} onAdded={props.onCorrectionAdded} />
      ) : null}
    </aside>
  );
}
