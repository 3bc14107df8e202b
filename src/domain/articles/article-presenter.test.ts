import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { translatorFor } from '#src/i18n/translator.ts';
import { DEFAULT_SETTINGS } from '#src/domain/settings/settings-repository.ts';
import { presentArticleCards, presentArticlePage } from './article-presenter.ts';
import type { ArticlePageRecord } from './published-article-repository.ts';
import { NO_SEARCH_AND_SOCIAL } from '#src/domain/articles/article-fields.ts';

const BASE_URL = 'https://news.example.kz';

const article: ArticlePageRecord = {
  id: 7,
  language: 'en',
  translationOfId: null,
  slug: 'talks-in-astana',
  title: 'Talks in Astana',
  standfirst: 'Ministers met.',
  body: { type: 'doc', content: [] },
  leadMediaId: null,
  leadCaption: '',
  leadCredit: '',
  sourceAttribution: '',
  ...NO_SEARCH_AND_SOCIAL,
  status: 'published',
  publishedAt: '2023-02-08T04:28:00.000Z',
  updatedAt: '2023-02-08T04:28:00.000Z',
  createdAt: '2023-02-08T04:00:00.000Z',
  readingMinutes: 5,
  wordCount: 1000,
  section: { id: 1, name: 'Politics', slug: 'politics' },
  location: { city: 'Astana', country: 'Kazakhstan', timeZone: 'Asia/Almaty' },
  authors: [{ id: 3, name: 'Aigerim', slug: 'aigerim' }],
  tags: [{ id: 4, name: 'Diplomacy', slug: 'diplomacy' }],
  corrections: [{ id: 1, kind: 'correction', text: 'A date was wrong.', createdAt: '2023-02-09T04:28:00.000Z' }],
};

const present = (code: 'en' | 'ru', pathPrefix: string, settings = DEFAULT_SETTINGS) =>
  presentArticlePage({ article, media: new Map(), settings, logo: null, baseUrl: BASE_URL, now: article.updatedAt, lang: { translator: translatorFor(code), pathPrefix } });

describe('presentArticlePage in a language', () => {
  it('keeps the English page as it was', () => {
    const model = present('en', '');
    assert.equal(model.date.text, '08 February, 2023 | 10:28');
    assert.equal(model.readingTime, '5 min read');
    assert.equal(model.path, '/politics/talks-in-astana');
    assert.equal(model.corrections[0]!.label, 'Correction');
    assert.equal(model.reuseNotice, 'Only 30% of an article published on Qalam News may be used, with a mandatory hyperlink to the original. To republish a full article, written permission from the editors is required.');
  });

  it('writes the words and dates in Russian and puts every link under the prefix', () => {
    const model = present('ru', '/ru');
    assert.equal(model.date.text, '08 февраля 2023 | 10:28');
    assert.equal(model.readingTime, '5 минут чтения');
    assert.equal(model.corrections[0]!.label, 'Исправление');
    assert.equal(model.path, '/ru/politics/talks-in-astana');
    assert.equal(model.canonicalUrl, `${BASE_URL}/ru/politics/talks-in-astana`);
    assert.deepEqual([model.section.path, model.authors[0]!.path, model.tags[0]!.path], ['/ru/politics', '/ru/author/aigerim', '/ru/tag/diplomacy']);
    assert.match(model.reuseNotice, /^Использовать можно не более 30% статьи, опубликованной на Qalam News/);
    const crumbs = model.jsonLd.find((d) => (d as { '@type': string })['@type'] === 'BreadcrumbList') as { itemListElement: Array<{ name: string; item: string }> };
    assert.deepEqual(crumbs.itemListElement[0], { '@type': 'ListItem', position: 1, name: 'Главная', item: `${BASE_URL}/ru/` });
    const news = model.jsonLd.find((d) => (d as { '@type': string })['@type'] === 'NewsArticle') as { inLanguage: string };
    assert.equal(news.inLanguage, 'ru');
  });

  it('keeps the editors’ own republication notice once they have written one', () => {
    const settings = { ...DEFAULT_SETTINGS, reusePolicyText: 'Ask {site} first ({share}%).' };
    assert.equal(present('ru', '/ru', settings).reuseNotice, 'Ask Qalam News first (30%).');
  });

  it('the English catalogue’s notice is the default settings’ text', () => {
    const filled = DEFAULT_SETTINGS.reusePolicyText.replaceAll('{share}', '30').replaceAll('{site}', 'Qalam News');
    assert.equal(present('en', '').reuseNotice, filled);
  });
});

describe('presentArticleCards in a language', () => {
  it('dates cards in the page’s language and links them under its prefix', () => {
    const record = { id: 7, language: 'en', translationOfId: null, slug: 'talks-in-astana', title: 'Talks', standfirst: '', leadMediaId: null, publishedAt: article.publishedAt!, section: article.section, timeZone: null };
    const [en] = presentArticleCards([record], new Map(), DEFAULT_SETTINGS, { translator: translatorFor('en'), pathPrefix: '' });
    const [ru] = presentArticleCards([record], new Map(), DEFAULT_SETTINGS, { translator: translatorFor('ru'), pathPrefix: '/ru' });
    assert.deepEqual([en!.date.text, en!.path], ['08 February, 2023', '/politics/talks-in-astana']);
    assert.deepEqual([ru!.date.text, ru!.path, ru!.section.path], ['08 февраля 2023', '/ru/politics/talks-in-astana', '/ru/politics']);
  });
});
