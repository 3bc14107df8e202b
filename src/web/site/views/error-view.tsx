import type { ArticleCardModel, LinkModel } from '#src/domain/articles/article-presenter.ts';
import type { PageLanguage } from '../page-language.ts';

/** The heading of an error page: what happened, in the reader's words. */
export function errorTitle(status: number, lang: PageLanguage): string {
  const { t } = lang.translator;
  if (status === 404) return t('error.title.404');
  if (status === 503) return t('error.title.503');
  return status >= 500 ? t('error.title.5xx') : t('error.title.other');
}

/**
 * What the page says happened. A missing page and a failure of ours are explained in the page's
 * language (with the reference that finds the logged error); another refusal shows the handler's
 * message, which names the field or limit at fault.
 */
function explanation(status: number, message: string, reference: string, lang: PageLanguage): string {
  const { t } = lang.translator;
  if (status === 404) return t('error.message.404');
  if (status >= 500) return `${t(status === 503 ? 'error.message.503' : 'error.message.5xx')} ${t('error.reference', { id: reference })}`;
  return message;
}

/** A page that helps a lost reader: what happened, and where to go (Main Page, sections, latest). */
export function ErrorView(props: { status: number; message: string; reference: string; sections: LinkModel[]; latest: ArticleCardModel[]; lang: PageLanguage }) {
  const { status, sections, latest, lang } = props;
  const { t } = lang.translator;
  return (
    <div class="error-page">
      <p class="list-kind">{t('error.label', { status })}</p>
      <h1>{errorTitle(status, lang)}</h1>
      <p class="error-message">{explanation(status, props.message, props.reference, lang)}</p>
      <p>
        <a href={lang.path('/')} class="button-link">
          {t('error.home')}
        </a>
      </p>
      {sections.length > 0 ? (
        <section aria-labelledby="error-sections">
          <h2 id="error-sections">{t('error.sections')}</h2>
          <ul class="error-links">
            {sections.map((s) => (
              <li>
                <a href={s.path}>{s.name}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {latest.length > 0 ? (
        <section aria-labelledby="error-latest">
          <h2 id="error-latest">{t('error.latest')}</h2>
          <ul class="error-links">
            {latest.map((a) => (
              <li>
                <a href={a.path}>{a.title}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
