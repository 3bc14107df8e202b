import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { upsertTermTranslation } from '#src/domain/taxonomy/term-translation-repository.ts';
import { loadSettings, saveSettings } from '#src/domain/settings/settings-repository.ts';
import { launchBrowser } from '../../support/browser.ts';
import { apiUser, createArticle, textBody } from '../api/articles-client.ts';
import { nuAndAxeProblems } from '../../support/page-checks.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import {
  createAuthorFixture,
  createLocationFixture,
  createPublishedArticle,
  createSectionFixture,
  createTagFixture,
  paragraphsBody,
} from '../../support/factories.ts';

/** The page's <link rel="alternate" hreflang> targets, by hreflang. */
function hreflangsOf(html: string): Map<string, string> {
  return new Map([...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/?>/g)].map((m) => [m[1]!, m[2]!]));
}

const htmlLangOf = (html: string) => /<html lang="([^"]+)"/.exec(html)?.[1];

describe('one portal in three languages', () => {
  let server: TestServer;
  let browser: Browser;
  const paths: Record<string, string> = {};
  let original: { path: string };
  let russian: { path: string };
  let kazakh: { path: string };
  let russianOnly: { path: string };

  before(async () => {
    server = await startTestServer();
    const { context } = server;
    const db = context.database.db;
    const section = await createSectionFixture(context, { name: 'Society', slug: 'society', description: 'Schools and neighbourhoods.' });
    await upsertTermTranslation(db, 'section', section.id, { language: 'ru', name: 'Общество', slug: 'obshchestvo', description: 'Школы и соседи.' });
    await upsertTermTranslation(db, 'section', section.id, { language: 'kk', name: 'Қоғам', slug: 'qogam', description: 'Мектептер мен көршілер.' });
    const tag = await createTagFixture(context, { name: 'Chess', slug: 'chess' });
    await upsertTermTranslation(db, 'tag', tag.id, { language: 'ru', name: 'Шахматы', slug: 'shakhmaty', description: '' });
    const author = await createAuthorFixture(context, { name: 'Timur Zhanuzakov', slug: 'timur', bio: 'Writes about clubs.' });
    await upsertTermTranslation(db, 'author', author.id, { language: 'ru', name: 'Тимур Жанузаков', slug: 'timur', description: 'Пишет о клубах.' });
    const astana = await createLocationFixture(context, { city: 'Astana', country: 'Kazakhstan' });
    await upsertTermTranslation(db, 'location', astana.id, { language: 'ru', name: 'Астана', slug: null, description: 'Казахстан' });
    await upsertTermTranslation(db, 'location', astana.id, { language: 'kk', name: 'Астана', slug: null, description: 'Қазақстан' });
    context.events.emit('taxonomy.updated');
    const shared = { sectionId: section.id, tagIds: [tag.id], authorIds: [author.id], locationId: astana.id, publishedAt: '2023-02-08T04:28:00.000Z' };
    original = await createPublishedArticle(context, { ...shared, slug: 'chess-club', title: 'A chess club fills the library', body: paragraphsBody(['Every Wednesday twenty boards come out.']) });
    const originalId = (original as unknown as { id: number }).id;
    russian = await createPublishedArticle(context, {
      ...shared,
      language: 'ru',
      translationOfId: originalId,
      slug: 'shakhmatnyi-klub',
      title: 'Шахматный клуб собирает читателей',
      body: paragraphsBody(['Каждую среду в зале расставляют двадцать досок.']),
    });
    kazakh = await createPublishedArticle(context, {
      ...shared,
      language: 'kk',
      translationOfId: originalId,
      slug: 'shakhmat-kluby',
      title: 'Шахмат клубы оқырмандарды жинайды',
      body: paragraphsBody(['Әр сәрсенбі сайын жиырма тақта қойылады.']),
    });
    russianOnly = await createPublishedArticle(context, { ...shared, language: 'ru', slug: 'tolko-po-russki', title: 'Новость только на русском' });
    Object.assign(paths, {
      'en Main Page': '/',
      'en section': '/society',
      'en tag': '/tag/chess',
      'en author': '/author/timur',
      'en article': original.path,
      'ru Main Page': '/ru/',
      'ru section': '/ru/obshchestvo',
      'ru tag': '/ru/tag/shakhmaty',
      'ru author': '/ru/author/timur',
      'ru article': `/ru${russian.path.replace('/society/', '/obshchestvo/')}`,
      'kk Main Page': '/kk/',
      'kk section': '/kk/qogam',
      'kk tag': '/kk/tag/chess',
      'kk author': '/kk/author/timur',
      'kk article': `/kk${kazakh.path.replace('/society/', '/qogam/')}`,
      'kk-Latn Main Page': '/kk-latn/',
      'kk-Latn article': `/kk-latn${kazakh.path.replace('/society/', '/qogam/')}`,
      'kk-Latn section': '/kk-latn/qogam',
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server.close();
  });

  const get = (p: string, headers: Record<string, string> = {}) => fetch(`${server.url}${p}`, { headers, redirect: 'manual' });

  it('answers every page type in every language, each with its <html lang>', async () => {
    for (const [name, p] of Object.entries(paths)) {
      const response = await get(p);
      assert.equal(response.status, 200, `${name} ${p}`);
      assert.equal(htmlLangOf(await response.text()), name.split(' ')[0], name);
    }
  });

  it('draws the chrome, dateline and reading time in the page’s language', async () => {
    const ru = await (await get(paths['ru article']!)).text();
    assert.match(ru, /Астана, Казахстан • <time[^>]*>08 февраля 2023 \| 10:28/);
    assert.match(ru, /1 минута/);
    assert.match(ru, /Главная/);
    const kk = await (await get(paths['kk article']!)).text();
    assert.match(kk, /Астана, Қазақстан • <time[^>]*>08 ақпан 2023 \| 10:28/);
    const latin = await (await get(paths['kk-Latn article']!)).text();
    assert.match(latin, /Astana, Qazaqstan • <time[^>]*>08 aqpan 2023 \| 10:28/);
    assert.match(latin, /Şahmat kluby oqyrmandardy jinaidy/);
    // Only what is marked as another language (the switcher's names) keeps Cyrillic on a Latin page.
    const main = latin.slice(latin.indexOf('<main'), latin.indexOf('</main>'));
    assert.doesNotMatch(main, /\p{Script=Cyrillic}/u);
  });

  it('links translations with reciprocal hreflang (with x-default) whose targets answer 200', async () => {
    for (const name of ['en article', 'ru article', 'kk article', 'kk-Latn article', 'ru Main Page', 'en section']) {
      const links = hreflangsOf(await (await get(paths[name]!)).text());
      assert.ok(links.size >= 4, `${name} names its versions`);
      assert.equal(links.get('x-default'), links.get('en'), `${name}: x-default is the English version`);
      for (const [hreflang, href] of links) {
        const target = await get(new URL(href).pathname);
        assert.equal(target.status, 200, `${name} → ${hreflang} ${href}`);
        const back = hreflangsOf(await target.text());
        assert.deepEqual([...back].sort(), [...links].sort(), `${href} names the same versions as ${name}`);
      }
    }
  });

  it('switches to the translation where there is one, else to that language’s Main Page', async () => {
    const switcherOf = async (p: string) => {
      const html = await (await get(p)).text();
      const nav = /<nav class="language-switcher"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
      return Object.fromEntries([...nav.matchAll(/<a href="([^"]+)"[^>]*hreflang="([^"]+)"/g)].map((m) => [m[2], m[1]]));
    };
    assert.deepEqual(await switcherOf(paths['ru article']!), { en: original.path, kk: paths['kk article'], 'kk-Latn': paths['kk-Latn article'], ru: paths['ru article'] });
    const lonely = await switcherOf(`/ru${russianOnly.path.replace('/society/', '/obshchestvo/')}`);
    assert.deepEqual(lonely, { en: '/', kk: '/kk/', 'kk-Latn': '/kk-latn/', ru: `/ru${russianOnly.path.replace('/society/', '/obshchestvo/')}` });
  });

  it('carries og:locale, its alternates and JSON-LD inLanguage and translation links', async () => {
    const ru = await (await get(paths['ru article']!)).text();
    assert.match(ru, /<meta property="og:locale" content="ru_RU"\/?>/);
    assert.match(ru, /<meta property="og:locale:alternate" content="en_GB"\/?>/);
    const jsonLd = [...ru.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
    const news = jsonLd.find((d) => d['@type'] === 'NewsArticle')!;
    assert.equal(news.inLanguage, 'ru');
    assert.equal((news.translationOfWork as { url: string }).url, `${server.url}${original.path}`);
    const en = await (await get(original.path)).text();
    const enNews = [...en.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>).find((d) => d['@type'] === 'NewsArticle')!;
    assert.deepEqual((enNews.workTranslation as Array<{ inLanguage: string }>).map((w) => w.inLanguage).sort(), ['kk', 'ru']);
  });

  it('lists only the page language’s articles and offers its feeds', async () => {
    const ruHome = await (await get('/ru/')).text();
    assert.match(ruHome, /Новость только на русском/);
    assert.doesNotMatch(ruHome, /A chess club fills the library/);
    const feed = await (await get('/ru/feed.json')).json() as { language: string; items: Array<{ url: string }> };
    assert.equal(feed.language, 'ru');
    assert.ok(feed.items.length === 2 && feed.items.every((i) => new URL(i.url).pathname.startsWith('/ru/')));
    assert.match(ruHome, /<link rel="alternate" type="application\/rss\+xml" href="\/ru\/feed.xml"/);
  });

  it('lists every language’s addresses in the sitemaps (hreflang is on the pages: the sitemap XSDs refuse xhtml:link)', async () => {
    const month = await (await get('/sitemaps/articles-2023-02.xml')).text();
    for (const p of [original.path, paths['ru article'], paths['kk article'], paths['kk-Latn article']]) assert.ok(month.includes(`<loc>${server.url}${p}</loc>`), p);
    const pages = await (await get('/sitemaps/pages.xml')).text();
    for (const p of ['/', '/ru/', '/kk/', '/kk-latn/', '/society', '/ru/obshchestvo', '/kk/qogam', '/kk-latn/qogam']) assert.ok(pages.includes(`<loc>${server.url}${p}</loc>`), p);
    const tags = await (await get('/sitemaps/tags.xml')).text();
    for (const p of ['/tag/chess', '/ru/tag/shakhmaty', '/kk/tag/chess']) assert.ok(tags.includes(`<loc>${server.url}${p}</loc>`), p);
  });

  it('suggests, never forces, the reader’s language on a first visit to a Main Page (from Accept-Language)', async () => {
    const ask = (acceptLanguage: string, current = 'en') => get(`/language-suggestion?current=${current}`, { 'accept-language': acceptLanguage });
    const russian = await ask('ru-RU,ru;q=0.9,en;q=0.5');
    assert.equal(russian.status, 200);
    assert.equal(russian.headers.get('cache-control'), 'private, no-store');
    assert.deepEqual(await russian.json(), { language: 'ru', name: 'Русский', href: '/ru/', text: 'Этот сайт есть и на русском языке.', dismiss: 'Скрыть' });
    for (const [header, current] of [['en-GB,en;q=0.8', 'en'], ['de-DE', 'en'], ['', 'en'], ['ru', 'ru'], [';;q=x,*;q=0', 'en']] as const) {
      assert.equal((await ask(header, current)).status, 204, `${header} on ${current}`);
    }
    const context = await browser.newContext({ locale: 'ru-RU' });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const offer = page.locator('.language-suggestion a');
    await offer.waitFor();
    assert.equal(await offer.getAttribute('href'), '/ru/');
    assert.equal(new URL(page.url()).pathname, '/', 'the reader stays where they came');
    await page.locator('.language-suggestion button').click();
    assert.equal(await page.locator('.language-suggestion').count(), 0);
    await context.close();
  });

  it('answers an unknown prefix with a 404 in the default language, a missing Russian page in Russian, and the default’s prefix with a move to the root', async () => {
    const unknown = await get('/de/society');
    assert.equal(unknown.status, 404);
    assert.equal(htmlLangOf(await unknown.text()), 'en');
    const missing = await get('/ru/obshchestvo/no-such-story');
    assert.equal(missing.status, 404);
    assert.equal(htmlLangOf(await missing.text()), 'ru');
    const moved = await get('/en/society');
    assert.equal(moved.status, 301);
    assert.equal(moved.headers.get('location'), '/society');
  });

  it('passes the Nu HTML Checker and axe on every page type in every language', async () => {
    const all = { ...paths, 'ru 404': '/ru/no-such-page', 'kk-Latn 404': '/kk-latn/no-such-page' };
    assert.deepEqual(await nuAndAxeProblems(browser, server.url, all), { html: [], accessibility: [] });
  });

  it('a newly published translation appears at once in the switcher and hreflang of the cached original', async () => {
    const editor = await apiUser(server, 'editor');
    const created = await createArticle(editor, { title: 'Library hours grow longer', sectionId: (await server.context.database.db.selectFrom('sections').select('id').where('slug', '=', 'society').executeTakeFirstOrThrow()).id, body: textBody('Open until ten.') });
    const published = await editor.call('POST', `/api/admin/articles/${created.id}/publish`, { version: created.version });
    assert.equal(published.status, 200);
    const path = new URL(published.body.url ?? `${server.url}/society/${created.slug}`).pathname;
    const before = await (await get(path)).text();
    assert.ok(!hreflangsOf(before).has('ru'), 'no Russian version yet (and the page is now cached)');
    const draft = await editor.call('POST', `/api/admin/articles/${created.id}/translations`, { language: 'ru' });
    assert.equal(draft.status, 201, JSON.stringify(draft.body));
    const saved = await editor.call('PUT', `/api/admin/articles/${draft.body.id}`, { version: draft.body.version, title: 'Библиотека работает дольше', slug: 'biblioteka-rabotaet-dolshe', body: textBody('Открыто до десяти.') });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal((await editor.call('POST', `/api/admin/articles/${draft.body.id}/publish`, { version: saved.body.version })).status, 200);
    const after = hreflangsOf(await (await get(path)).text());
    assert.equal(after.get('ru'), `${server.url}/ru/obshchestvo/biblioteka-rabotaet-dolshe`);
  });

  it('a translation linked to another original leaves the cached pages of the group it left at once', async () => {
    const editor = await apiUser(server, 'editor');
    const sectionId = (await server.context.database.db.selectFrom('sections').select('id').where('slug', '=', 'society').executeTakeFirstOrThrow()).id;
    async function publishedOriginal(title: string) {
      const created = await createArticle(editor, { title, sectionId, body: textBody('A story.') });
      const published = await editor.call('POST', `/api/admin/articles/${created.id}/publish`, { version: created.version });
      assert.equal(published.status, 200, JSON.stringify(published.body));
      return published.body as { id: number; version: number; path: string };
    }
    const first = await publishedOriginal('Bridge opens in spring');
    const second = await publishedOriginal('Bridge opening moved to autumn');
    const draft = await editor.call('POST', `/api/admin/articles/${first.id}/translations`, { language: 'ru' });
    assert.equal(draft.status, 201, JSON.stringify(draft.body));
    const saved = await editor.call('PUT', `/api/admin/articles/${draft.body.id}`, { version: draft.body.version, title: 'Мост откроют весной', slug: 'most-otkroyut', body: textBody('Текст.') });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const live = await editor.call('POST', `/api/admin/articles/${draft.body.id}/publish`, { version: saved.body.version });
    assert.equal(live.status, 200);
    const russianUrl = `${server.url}/ru/obshchestvo/most-otkroyut`;
    assert.equal(hreflangsOf(await (await get(first.path)).text()).get('ru'), russianUrl, 'the first original links its translation (and is cached so)');
    assert.ok(!hreflangsOf(await (await get(second.path)).text()).has('ru'));

    const relinked = await editor.call('PUT', `/api/admin/articles/${draft.body.id}`, { version: live.body.version, translationOfId: second.id });
    assert.equal(relinked.status, 200, JSON.stringify(relinked.body));
    assert.ok(!hreflangsOf(await (await get(first.path)).text()).has('ru'), 'the group it left no longer links it');
    assert.equal(hreflangsOf(await (await get(second.path)).text()).get('ru'), russianUrl);
  });

  it('drops a language the settings no longer name (and its Latin edition) at once', async () => {
    const db = server.context.database.db;
    const settings = await loadSettings(db);
    await saveSettings(db, { ...settings, kazakhLatin: false });
    server.context.events.emit('settings.updated');
    assert.equal((await get('/kk-latn/')).status, 404);
    assert.equal((await get('/kk/')).status, 200);
    assert.ok(!hreflangsOf(await (await get('/')).text()).has('kk-Latn'));
    await saveSettings(db, settings);
    server.context.events.emit('settings.updated');
    assert.equal((await get('/kk-latn/')).status, 200);
  });
});
