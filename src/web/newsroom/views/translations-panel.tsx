import type { ArticleJson } from '#src/domain/articles/article-json.ts';
import { CsrfField } from './form-field.tsx';
import { useNewsroomT } from './newsroom-i18n.ts';

type TranslationsPanelProps = {
  article: Pick<ArticleJson, 'id' | 'language' | 'translationOfId' | 'translations' | 'status'>;
  /** The site's languages, in their order. */
  languages: readonly string[];
  csrfToken: string | null;
  /** Whether the user may start translations (create articles). */
  canTranslate: boolean;
};

/**
 * The article's versions in the other languages, linked, and for each site language it lacks a
 * "Translate into …" button: a plain form POST, so it works without the editor's script, which
 * creates the linked draft and opens it.
 */
export function TranslationsPanel({ article, languages, csrfToken, canTranslate }: TranslationsPanelProps) {
  const { t, rich, language, languageName, languageLabel } = useNewsroomT();
  const have = new Set([article.language, ...article.translations.map((t) => t.language)]);
  const missing = languages.filter((code) => !have.has(code));
  const mayTranslate = canTranslate && article.status !== 'trashed';
  return (
    <section class="nr-card ed-translations" aria-labelledby="ed-translations-title">
      <h2 id="ed-translations-title">{t('translations.heading')}</h2>
      <p class="nr-small">
        {article.translationOfId !== null
          ? rich('translations.inLanguageTranslationOf', {
              language: languageName(article.language),
              original: <a href={`/newsroom/articles/${article.translationOfId}`}>{t('translations.article', { id: String(article.translationOfId) })}</a>,
            })
          : t('translations.inLanguage', { language: languageName(article.language) })}
      </p>
      {article.translations.length > 0 ? (
        <ul class="ed-translations__list">
          {article.translations.map((version) => (
            <li key={version.id} lang={version.language}>
              <a href={`/newsroom/articles/${version.id}`}>
                <span lang={language.code}>{languageLabel(version.language)}</span>: {version.title || t('common.untitled')}
              </a>{' '}
              <span class={`nr-badge nr-badge--${version.status}`} lang={language.code}>
                {t(`status.${version.status}`)}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="nr-muted nr-small">{t('translations.none')}</p>
      )}
      {missing.length > 0 && mayTranslate ? (
        <div class="ed-translations__actions">
          {missing.map((code) => (
            <form key={code} method="post" action={`/newsroom/articles/${article.id}/translations`} class="nr-inline-form">
              <CsrfField token={csrfToken} />
              <input type="hidden" name="language" value={code} />
              <button type="submit" class="nr-button nr-button--quiet">
                {t('translations.translateInto', { language: languageName(code) })}
              </button>
            </form>
          ))}
        </div>
      ) : null}
    </section>
  );
}
