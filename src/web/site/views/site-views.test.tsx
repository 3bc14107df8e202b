import { describe, it } from 'node:test';
import type { ComponentChildren } from 'preact';
import assert from 'node:assert/strict';
import { presentArticleCards, presentArticlePage } from '#src/domain/articles/article-presenter.ts';
import type { ArticlePageRecord } from '#src/domain/articles/published-article-repository.ts';
import { DEFAULT_SETTINGS } from '#src/domain/settings/settings-repository.ts';
import { kazakhLatinHtml } from '#src/i18n/kazakh-latin-html.ts';
import type { LanguageCode } from '#src/i18n/languages.ts';
import { renderDocument } from '#src/render/html-document.ts';
import { pageLanguage, type PageLanguage } from '../page-language.ts';
import { ArticleView } from './article-view.tsx';
import { ErrorView } from './error-view.tsx';
import { HomeView } from './home-view.tsx';
import { ListPageView } from './list-page-view.tsx';
import { SiteLayout, type SiteChrome } from './site-layout.tsx';
import { NO_SEARCH_AND_SOCIAL } from '#src/domain/articles/article-fields.ts';

const BASE_URL = 'https://news.example.kz';
const chrome: SiteChrome = {
  settings: { ...DEFAULT_SETTINGS, name: 'Qalam', tagline: 'Жаңалықтар', socialLinks: { rss: '/feed.xml', telegram: 'https://t.me/qalam' } },
  sections: [{ id: 1, parentId: null, name: 'Саясат', slug: 'sayasat', description: '', position: 0, createdAt: '2023-01-01T00:00:00.000Z' }],
  logo: null,
  menus: { header: [{ id: 7, title: 'Біз туралы', path: 'about' }], footer: [{ id: 8, title: 'Байланыс', path: 'contacts' }] },
};
const article: ArticlePageRecord = {
  id: 7,
  language: 'kk',
  translationOfId: null,
  slug: 'kelissozder',
  title: 'Астанадағы келіссөздер',
  standfirst: 'Министрлер кездесті.',
  body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Мәтін.' }] }] },
  leadMediaId: null,
  leadCaption: '',
  leadCredit: '',
  sourceAttribution: 'ҚазАқпарат',
  ...NO_SEARCH_AND_SOCIAL,
  status: 'published',
  publishedAt: '2023-02-08T04:28:00.000Z',
  updatedAt: '2023-02-08T04:28:00.000Z',
  createdAt: '2023-02-08T04:00:00.000Z',
  readingMinutes: 2,
  wordCount: 400,
  section: { id: 1, name: 'Саясат', slug: 'sayasat' },
  location: { city: 'Астана', country: 'Қазақстан', timeZone: 'Asia/Almaty' },
  authors: [
    { id: 3, name: 'Әйгерім', slug: 'aigerim' },
    { id: 4, name: 'Нұрлан', slug: 'nurlan' },
  ],
  tags: [{ id: 4, name: 'Дипломатия', slug: 'diplomatiya' }],
  corrections: [{ id: 1, kind: 'update', text: 'Толықтырылды.', createdAt: '2023-02-09T04:28:00.000Z' }],
};

/** Every page type's view in one language, as whole documents. */
function pages(lang: PageLanguage): { article: string; home: string; list: string; notFound: string } {
  const model = presentArticlePage({ article, media: new Map(), settings: chrome.settings, logo: null, baseUrl: BASE_URL, now: article.updatedAt, lang });
  const cards = presentArticleCards([{ ...article, publishedAt: article.publishedAt!, timeZone: null }], new Map(), chrome.settings, lang);
  const layout = (title: string, body: ComponentChildren) =>
    renderDocument(
      <SiteLayout chrome={chrome} lang={lang} title={title} openGraph={{ type: 'website', url: BASE_URL, title, description: '', image: null }}>
        {body}
      </SiteLayout>,
    );
  const { t } = lang.translator;
  return {
    article: layout(model.title, <ArticleView model={model} siteOrigin={BASE_URL} lang={lang} licencePath={lang.path('/licence/1')} />),
    home: layout('Qalam', <HomeView
        siteName="Qalam"
        banner={{ text: 'Жол жабық', url: lang.path('/sayasat'), endsAt: '2099-01-01T00:00:00Z' }}
        top={cards[0]!}
        blocks={[
          { kind: 'latest', cards },
          { kind: 'section', name: 'Саясат', path: lang.path('/sayasat'), cards },
        ]}
        lang={lang}
      />),
    list: layout('Саясат', <ListPageView heading="Саясат" kind={t('list.kind.section')} intro="" cards={cards} page={2} totalPages={3} basePath={lang.path('/sayasat')} lang={lang} />),
    notFound: layout(t('error.title.404'), <ErrorView status={404} message="" reference="req-1" sections={[]} latest={cards} lang={lang} />),
  };
}

const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!).filter((h) => h.startsWith('/') && !h.startsWith('/assets/') && !h.startsWith('/favicon'));
// English chrome words that would betray a message not taken from the catalogue.
const ENGLISH_WORDS = /\b(Skip to content|Sections|Footer|Main Page|Breadcrumb|Top story|Latest|min read|By |Corrections|Update|Source:|Tags|Page \d+ of|Newer|Older|Pagination|Go to the Main Page|Page not found|RSS feed|Only 30%)/;

describe('the public site’s views in a language', () => {
  for (const code of ['ru', 'kk'] as LanguageCode[]) {
    it(`draw every chrome word in ${code}, with <html lang="${code}"> and every link under /${code}`, () => {
      for (const [name, html] of Object.entries(pages(pageLanguage(code, 'en')))) {
        assert.match(html, new RegExp(`<html lang="${code}">`), name);
        assert.doesNotMatch(html, ENGLISH_WORDS, `${name}: ${ENGLISH_WORDS.exec(html)?.[0]}`);
        for (const href of hrefs(html)) assert.ok(href.startsWith(`/${code}/`) || href === '/feed.xml', `${name}: ${href}`);
      }
    });
  }

  it('writes the Russian article page’s dateline, reading time and byline', () => {
    const html = pages(pageLanguage('ru', 'en')).article;
    assert.match(html, /<span class="dateline">Астана, Қазақстан • <time datetime="2023-02-08T10:28:00\+06:00">08 февраля 2023 \| 10:28<\/time><\/span>/);
    assert.match(html, /<span class="reading-time">2 минуты чтения<\/span>/);
    assert.match(html, /<p class="byline">Авторы: <a href="\/ru\/author\/aigerim" rel="author">Әйгерім<\/a> и <a href="\/ru\/author\/nurlan" rel="author">Нұрлан<\/a><\/p>/);
    assert.match(html, /<meta property="og:locale" content="ru_RU"\/?>/);
  });

  it('draws the default language at the root with the English words as before', () => {
    const html = pages(pageLanguage('en', 'en')).article;
    assert.match(html, /<html lang="en">/);
    assert.match(html, /<p class="byline">By <a href="\/author\/aigerim" rel="author">Әйгерім<\/a> and <a href="\/author\/nurlan" rel="author">Нұрлан<\/a><\/p>/);
    assert.match(html, /<a href="#main" class="skip-link">Skip to content<\/a>/);
    for (const href of hrefs(html)) assert.ok(!/^\/(ru|kk|en)\//.test(href), href);
  });

  it('leaves no Cyrillic in a Kazakh page converted to Latin script', () => {
    for (const [name, html] of Object.entries(pages(pageLanguage('kk-Latn', 'en')))) {
      assert.match(html, /<html lang="kk-Latn">/);
      const latin = kazakhLatinHtml(html);
      assert.doesNotMatch(latin, /[\u0400-\u04ff]/, `${name}: ${/.{0,40}[\u0400-\u04ff].{0,40}/.exec(latin)?.[0]}`);
      for (const href of hrefs(latin)) assert.ok(href.startsWith('/kk-latn/') || href === '/feed.xml', `${name}: ${href}`);
    }
    assert.match(kazakhLatinHtml(pages(pageLanguage('kk-Latn', 'en')).article), /<span class="reading-time">2 min oqu<\/span>/);
  });

  it('would notice an English word: the default language’s pages are full of them', () => {
    for (const html of Object.values(pages(pageLanguage('en', 'en')))) assert.match(html, ENGLISH_WORDS);
  });
});

describe('the site’s header and footer, drawn once per chrome', () => {
  const lang = pageLanguage('en', 'en');
  const layout = (of: SiteChrome, props: { currentSectionSlug?: string; isSectionPage?: boolean } = {}) =>
    renderDocument(
      <SiteLayout chrome={of} lang={lang} title="A page" {...props}>
        <p>content</p>
      </SiteLayout>,
    );
  const navLink = (html: string) => /<nav class="site-nav"[^>]*><ul><li>(<a [^>]*>)/.exec(html)?.[1];

  it('marks the current section on each page, whichever page drew the chrome first', () => {
    assert.equal(navLink(layout(chrome)), '<a href="/sayasat">');
    assert.equal(navLink(layout(chrome, { currentSectionSlug: 'sayasat' })), '<a href="/sayasat" aria-current="true">');
    assert.equal(navLink(layout(chrome, { currentSectionSlug: 'sayasat', isSectionPage: true })), '<a href="/sayasat" aria-current="page">');
    assert.equal(navLink(layout(chrome)), '<a href="/sayasat">');
  });

  it('draws a changed chrome (a new object, as the read memo hands out after an event) anew', () => {
    const before = layout(chrome);
    const changed: SiteChrome = { ...chrome, settings: { ...chrome.settings, name: 'Qalam Times', tagline: 'Fresh news', socialLinks: {} } };
    const after = layout(changed);
    assert.match(before, /Жаңалықтар/);
    assert.doesNotMatch(after, /Жаңалықтар|t\.me\/qalam/);
    assert.match(after, /<p class="site-tagline">Fresh news<\/p>/);
    assert.match(after, /<a href="\/">Qalam Times<\/a> — Fresh news/);
  });
});
