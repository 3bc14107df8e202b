import type { ArticleCardModel } from '#src/domain/articles/article-presenter.ts';
import type { TextPart } from '#src/domain/search/search-snippets.ts';
import type { Section } from '#src/domain/sections/section-repository.ts';
import { sectionsInTreeOrder } from '#src/domain/sections/section-tree.ts';
import type { MessageKey } from '#src/i18n/catalogues.ts';
import type { MessageValues } from '#src/i18n/translator.ts';
import type { PageLanguage } from '../page-language.ts';
import { Breadcrumbs } from './breadcrumbs.tsx';
import { Pagination } from './pagination.tsx';
import { SectionLinkItems } from './section-links.tsx';

/** Something the page tells the reader about their query or filters (a filter it left out, a query it cut). */
export type SearchNotice = { key: MessageKey; values?: MessageValues };

/** One result as the page shows it. */
export type SearchResultModel = { card: ArticleCardModel; title: TextPart[]; snippet: TextPart[] };

/** Everything the search page shows. */
export type SearchPageModel = {
  /** The form's action: /search in the page's language. */
  action: string;
  /** The query as the reader typed it (cleaned and cut). */
  query: string;
  /** Whether the query holds a word to search for. */
  hasTerms: boolean;
  /** The filters as applied ('' where none). */
  section: string;
  from: string;
  to: string;
  sections: readonly Section[];
  notices: readonly SearchNotice[];
  results: readonly SearchResultModel[];
  total: number;
  isCapped: boolean;
  page: number;
  /** The rank of the page's first result (11 on page 2 of ten a page). */
  firstRank: number;
  totalPages: number;
  hrefFor: (page: number) => string;
};

/** Text with the reader's words in <mark>: every part is escaped text (Preact escapes it), no markup comes from the database. */
function Highlighted({ parts }: { parts: readonly TextPart[] }) {
  return <>{parts.map((part) => (part.isMatch ? <mark>{part.text}</mark> : part.text))}</>;
}

function SearchForm({ model, lang }: { model: SearchPageModel; lang: PageLanguage }) {
  const { t } = lang.translator;
  return (
    <form class="search-form" action={model.action} method="get">
      <div class="search-form-query">
        <label for="search-q">{t('search.queryLabel')}</label>
        <input id="search-q" type="search" name="q" value={model.query} maxlength={200} />
        <button type="submit">{t('search.submit')}</button>
      </div>
      <fieldset class="search-filters">
        <legend>{t('search.filters')}</legend>
        <div>
          <label for="search-section">{t('search.section')}</label>
          <select id="search-section" name="section">
            <option value="">{t('search.allSections')}</option>
            {sectionsInTreeOrder(model.sections).map(({ section, depth }) => (
              <option value={section.slug} selected={section.slug === model.section}>
                {'\u00a0\u00a0'.repeat(depth)}
                {section.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="search-from">{t('search.from')}</label>
          <input id="search-from" type="date" name="from" value={model.from} />
        </div>
        <div>
          <label for="search-to">{t('search.to')}</label>
          <input id="search-to" type="date" name="to" value={model.to} />
        </div>
      </fieldset>
    </form>
  );
}

function NoResultsHelp({ model, lang }: { model: SearchPageModel; lang: PageLanguage }) {
  const { t } = lang.translator;
  const hasFilters = model.section !== '' || model.from !== '' || model.to !== '';
  const topSections = model.sections.filter((s) => s.parentId === null);
  return (
    <section class="search-help" aria-labelledby="search-help-title">
      <h2 id="search-help-title">{t('search.help.title')}</h2>
      <ul>
        <li>{t('search.help.spelling')}</li>
        <li>{t('search.help.fewer')}</li>
        {hasFilters ? (
          <li>
            <a href={`${model.action}?${new URLSearchParams({ q: model.query }).toString()}`}>{t('search.help.filters')}</a>
          </li>
        ) : null}
      </ul>
      {topSections.length > 0 ? (
        <>
          <p>{t('search.help.browse')}</p>
          <ul class="search-help-sections">
            <SectionLinkItems sections={topSections} lang={lang} />
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Results({ model, lang }: { model: SearchPageModel; lang: PageLanguage }) {
  const { t } = lang.translator;
  return (
    <>
      <p class="search-count" role="status">
        {model.isCapped ? t('search.countCapped', { count: model.total }) : t('search.count', { count: model.total })}
        {model.totalPages > 1 ? ` ${t('list.pageOf', { page: model.page, total: model.totalPages })}` : null}
      </p>
      <ol class="search-results" start={model.firstRank}>
        {model.results.map(({ card, title, snippet }) => (
          <li class="search-result">
            <h2 class="search-result-title">
              <a href={card.path}>
                <Highlighted parts={title} />
              </a>
            </h2>
            {snippet.length > 0 ? (
              <p class="search-result-snippet">
                <Highlighted parts={snippet} />
              </p>
            ) : null}
            <p class="card-meta">
              <a href={card.section.path}>{card.section.name}</a>
              {' · '}
              <time datetime={card.date.iso}>{card.date.text}</time>
            </p>
          </li>
        ))}
      </ol>
      <Pagination
        basePath={model.action}
        page={model.page}
        totalPages={model.totalPages}
        lang={lang}
        hrefFor={model.hrefFor}
        labels={{ previous: t('search.previous'), next: t('search.next') }}
      />
    </>
  );
}

/** The search page: the form with its filters, what was left out, then the results or help when there are none. */
export function SearchPageView({ model, heading, lang }: { model: SearchPageModel; heading: string; lang: PageLanguage }) {
  const { t } = lang.translator;
  const nothingFound = model.hasTerms && model.results.length === 0;
  return (
    <>
      <Breadcrumbs trail={[]} current={t('search.title')} lang={lang} />
      <header class="list-header">
        <h1>{heading}</h1>
      </header>
      <SearchForm model={model} lang={lang} />
      {model.notices.length > 0 ? (
        <ul class="search-notices">
          {model.notices.map((notice) => (
            <li>{t(notice.key, notice.values)}</li>
          ))}
        </ul>
      ) : null}
      {!model.query ? <p class="search-empty">{t('search.empty')}</p> : null}
      {model.query && !model.hasTerms ? <p class="search-empty">{t('search.tooShort')}</p> : null}
      {nothingFound ? <p class="search-none">{t('search.noResults', { query: model.query })}</p> : null}
      {nothingFound || !model.hasTerms ? <NoResultsHelp model={model} lang={lang} /> : null}
      {model.results.length > 0 ? <Results model={model} lang={lang} /> : null}
    </>
  );
}
