import type { ArticleJson } from '#src/domain/articles/article-json.ts';
import { languageLabel, languageName } from '#src/lib/language-names.ts';
import { CsrfField } from './form-field.tsx';

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
  const have = new Set([article.language, ...article.translations.map((t) => t.language)]);
  const missing = languages.filter((code) => !have.has(code));
  const mayTranslate = canTranslate && article.status !== 'trashed';
  return (
    <section class="nr-card ed-translations" aria-labelledby="ed-translations-title">
      <h2 id="ed-translations-title">Translations</h2>
      <p class="nr-small">
        This article is in {languageName(article.language)}
        {article.translationOfId !== null ? (
          <>
            , a translation of <a href={`/newsroom/articles/${article.translationOfId}`}>article {article.translationOfId}</a>
          </>
        ) : null}
        .
      </p>
      {article.translations.length > 0 ? (
        <ul class="ed-translations__list">
          {article.translations.map((t) => (
            <li key={t.id} lang={t.language}>
              <a href={`/newsroom/articles/${t.id}`}>
                <span lang="en">{languageLabel(t.language)}</span>: {t.title || '(untitled)'}
              </a>{' '}
              <span class={`nr-badge nr-badge--${t.status}`} lang="en">
                {t.status}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="nr-muted nr-small">No translations yet.</p>
      )}
      {missing.length > 0 && mayTranslate ? (
        <div class="ed-translations__actions">
          {missing.map((code) => (
            <form key={code} method="post" action={`/newsroom/articles/${article.id}/translations`} class="nr-inline-form">
              <CsrfField token={csrfToken} />
              <input type="hidden" name="language" value={code} />
              <button type="submit" class="nr-button nr-button--quiet">
                Translate into {languageName(code)}
              </button>
            </form>
          ))}
        </div>
      ) : null}
    </section>
  );
}
