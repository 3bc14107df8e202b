import type { TermKind, TermTranslations } from '#src/domain/taxonomy/term-translation-repository.ts';
import type { NewsroomMessageKey } from '#src/i18n/newsroom-translator.ts';
import { CsrfField, Field, fieldId, invalidAttrs, type FieldErrors, type FormValues } from './form-field.tsx';
import { useNewsroomT } from './newsroom-i18n.ts';

/** The labels of a term's per-language fields: a location's name is its city and its description its country; tags have no description. */
const LABELS: Record<TermKind, { name: NewsroomMessageKey; description: NewsroomMessageKey | null; slug: boolean }> = {
  section: { name: 'taxonomy.field.name', description: 'taxonomy.field.description', slug: true },
  tag: { name: 'taxonomy.field.name', description: null, slug: true },
  author: { name: 'taxonomy.field.name', description: 'taxonomy.field.biography', slug: true },
  location: { name: 'taxonomy.field.city', description: 'taxonomy.field.country', slug: false },
};

/** The form field of one language's `field` (name, slug, description): one page holds a form per language. */
export function translationFieldName(language: string, field: 'name' | 'slug' | 'description'): string {
  return `${language}-${field}`;
}

type TermTranslationFormsProps = {
  kind: TermKind;
  /** The term's edit page, e.g. /newsroom/tags/7: each form posts to …/translations/<language>. */
  action: string;
  /** The site's languages other than the default, whose values are the term's own. */
  languages: readonly string[];
  translations: TermTranslations;
  csrfToken: string | null;
  /** The language whose form was refused, with what was typed and why. */
  refused?: { language: string; values: FormValues; errors: FieldErrors };
};

/** One form per other site language: the term's name, slug and description there, saved or removed on their own. */
export function TermTranslationForms({ kind, action, languages, translations, csrfToken, refused }: TermTranslationFormsProps) {
  const { t, languageLabel } = useNewsroomT();
  const labels = LABELS[kind];
  const inLanguage = (label: NewsroomMessageKey, language: string) => t('taxonomy.translations.fieldIn', { field: t(label), language });
  if (languages.length === 0) return null;
  return (
    <section class="nr-card" aria-labelledby="term-translations">
      <h2 id="term-translations">{t('taxonomy.translations.heading')}</h2>
      <p class="nr-muted nr-small">
        {t('taxonomy.translations.intro')} {labels.slug ? t('taxonomy.translations.slugIntro') : ''}
      </p>
      {languages.map((language) => {
        const stored = translations[language];
        const values: FormValues =
          refused?.language === language
            ? refused.values
            : {
                [translationFieldName(language, 'name')]: stored?.name ?? '',
                [translationFieldName(language, 'slug')]: stored?.slug ?? '',
                [translationFieldName(language, 'description')]: stored?.description ?? '',
              };
        const errors = refused?.language === language ? refused.errors : {};
        const input = (field: 'name' | 'slug') => {
          const name = translationFieldName(language, field);
          return <input id={fieldId(name)} name={name} type="text" lang={field === 'name' ? language : undefined} value={values[name] ?? ''} {...invalidAttrs(name, errors)} />;
        };
        const descriptionName = translationFieldName(language, 'description');
        return (
          <form method="post" action={`${action}/translations/${language}`} class="nr-form term-translation" key={language} novalidate>
            <h3>{languageLabel(language)}</h3>
            <CsrfField token={csrfToken} />
            <div class="nr-form-row">
              <Field name={translationFieldName(language, 'name')} label={inLanguage(labels.name, language)} errors={errors}>
                {input('name')}
              </Field>
              {labels.slug ? (
                <Field name={translationFieldName(language, 'slug')} label={inLanguage('taxonomy.field.slug', language)} errors={errors}>
                  {input('slug')}
                </Field>
              ) : null}
              {labels.description && kind === 'location' ? (
                <Field name={descriptionName} label={inLanguage(labels.description, language)} errors={errors}>
                  <input id={fieldId(descriptionName)} name={descriptionName} type="text" lang={language} value={values[descriptionName] ?? ''} {...invalidAttrs(descriptionName, errors)} />
                </Field>
              ) : null}
            </div>
            {labels.description && kind !== 'location' ? (
              <Field name={descriptionName} label={inLanguage(labels.description, language)} errors={errors}>
                <textarea id={fieldId(descriptionName)} name={descriptionName} lang={language} {...invalidAttrs(descriptionName, errors)}>
                  {values[descriptionName] ?? ''}
                </textarea>
              </Field>
            ) : null}
            <div class="nr-actions">
              <button type="submit" class="nr-button" name="intent" value="save">
                {t('taxonomy.translations.save', { language: languageLabel(language) })}
              </button>
              {stored ? (
                <button type="submit" class="nr-button nr-button--quiet" name="intent" value="remove">
                  {t('taxonomy.translations.remove', { language: languageLabel(language) })}
                </button>
              ) : null}
            </div>
          </form>
        );
      })}
    </section>
  );
}
