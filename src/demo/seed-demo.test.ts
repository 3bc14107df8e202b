import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from '../../test/support/test-server.ts';
import { figureMediaIds } from '#src/domain/articles/article-body.ts';
import { findArticleById } from '#src/domain/articles/article-repository.ts';
import { findMediaByIds } from '#src/domain/media/media-repository.ts';
import { createPublishedArticles } from '#src/domain/articles/published-articles.ts';
import { DEFAULT_SETTINGS, loadSettings } from '#src/domain/settings/settings-repository.ts';
import { slugify } from '#src/lib/slug.ts';
import { DEMO_ARTICLES } from './demo-articles.ts';
import { DEMO_ARTICLES_KK } from './demo-articles-kk.ts';
import { DEMO_ARTICLES_RU } from './demo-articles-ru.ts';
import { DEMO_AUTHORS, DEMO_LOCATIONS, DEMO_SECTIONS } from './demo-catalog.ts';
import { DEMO_TAG_NAMES } from './demo-translations.ts';
import { seedDemoContent } from './seed-demo.ts';

describe('seedDemoContent', () => {
  let server: TestServer;
  let created: number;

  before(async () => {
    server = await startTestServer();
    created = await seedDemoContent(server.context, { onlyIfEmpty: true });
  });
  after(() => server.close());

  it('creates at least 20 published articles in at least 4 sections, one of them nested', async () => {
    const db = server.context.database.db;
    assert.ok(created >= 20, `created ${created}`);
    assert.equal(created, DEMO_ARTICLES.length + DEMO_ARTICLES_RU.length + DEMO_ARTICLES_KK.length);
    const rows = await db.selectFrom('articles').select(['id', 'status', 'section_id', 'published_at']).execute();
    assert.equal(rows.length, created);
    assert.ok(rows.every((r) => r.status === 'published' && r.published_at));
    const sectionIds = new Set(rows.map((r) => r.section_id));
    assert.ok(sectionIds.size >= 4, `${sectionIds.size} sections`);
    const nested = await db.selectFrom('sections').select('id').where('parent_id', 'is not', null).execute();
    assert.ok(nested.some((s) => sectionIds.has(s.id)), 'a nested section has articles');
  });

  it('dates articles on both sides of 1 March 2024 (Almaty’s switch to UTC+5), stored as UTC ISO strings', async () => {
    const rows = await server.context.database.db.selectFrom('articles').select('published_at').execute();
    const instants = rows.map((r) => r.published_at!);
    assert.ok(instants.every((t) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(t)), 'ISO UTC');
    assert.ok(instants.some((t) => t < '2024-02-29T18:00:00.000Z'));
    assert.ok(instants.some((t) => t > '2024-02-29T18:00:00.000Z'));
  });

  it('gives every article a lead image with variants on disk, authors, a located dateline and tags', async () => {
    const db = server.context.database.db;
    const ids = (await db.selectFrom('articles').select('id').execute()).map((r) => r.id);
    const readingMinutes = new Set<number>();
    let figures = 0;
    const zones = new Set<string>();
    for (const id of ids) {
      const article = (await findArticleById(db, id))!;
      assert.ok(article.leadMediaId, `article ${id} has a lead image`);
      assert.ok(article.authorIds.length >= 1);
      assert.ok(article.tagIds.length >= 1);
      assert.ok(article.sourceAttribution.length > 0);
      const location = await db.selectFrom('locations').select('time_zone').where('id', '=', article.locationId!).executeTakeFirstOrThrow();
      zones.add(location.time_zone);
      readingMinutes.add(article.readingMinutes);
      const placed = figureMediaIds(article.body);
      figures += placed.length;
      const media = await findMediaByIds(db, [article.leadMediaId!, ...placed]);
      for (const view of media.values()) {
        assert.ok(view.altText, `image ${view.id} has alt text`);
        assert.ok(view.variants.some((v) => v.format === 'webp'));
        for (const variant of view.variants) {
          assert.ok(fs.existsSync(path.join(server.context.config.mediaDir, variant.url.replace(/^\/media\//, ''))));
        }
      }
      assert.equal(media.size, new Set([article.leadMediaId!, ...placed]).size, 'every placed image exists');
    }
    assert.ok(figures >= 3, `${figures} inline figures`);
    assert.ok(zones.has('Asia/Almaty') && zones.size >= 2, 'more than one time zone');
    assert.ok(Math.min(...readingMinutes) <= 1 && Math.max(...readingMinutes) >= 4, `reading minutes ${[...readingMinutes]}`);
  });

  it('uses every renderer path: headings, lists (nested and numbered), quotes, links, marks, embeds and rules', async () => {
    const bodies = (await server.context.database.db.selectFrom('articles').select('body').execute()).map((r) => r.body).join('\n');
    for (const needle of [
      '"type":"heading"',
      '"level":3',
      '"type":"bulletList"',
      '"type":"orderedList"',
      '"type":"blockquote"',
      '"type":"figure"',
      '"type":"embed"',
      '"type":"horizontalRule"',
      '"type":"bold"',
      '"type":"italic"',
      '"type":"underline"',
      '"type":"strike"',
      '"href":"https://',
      '"href":"http://',
    ]) {
      assert.ok(bodies.includes(needle), `some body has ${needle}`);
    }
    assert.match(bodies, /"type":"listItem","content":\[\{"type":"paragraph"[^\]]*\]\},\{"type":"bulletList"/, 'a nested list');
  });

  it('gives authors portraits and the site a name, logo, social links, zone and reuse share', async () => {
    const db = server.context.database.db;
    const authors = await db.selectFrom('authors').select(['bio', 'photo_media_id']).execute();
    assert.ok(authors.length >= 4 && authors.length <= 6);
    assert.ok(authors.every((a) => a.bio && a.photo_media_id));
    const settings = await loadSettings(db);
    assert.notEqual(settings.name, DEFAULT_SETTINGS.name);
    assert.ok(settings.logoMediaId);
    assert.equal(settings.timeZone, 'Asia/Almaty');
    assert.equal(settings.reuseSharePercent, 30);
    assert.ok(Object.keys(settings.socialLinks).length >= 3);
    const logo = (await findMediaByIds(db, [settings.logoMediaId!])).get(settings.logoMediaId!)!;
    assert.equal(logo.mimeType, 'image/png');
    assert.ok(logo.variants.some((v) => v.format === 'png'), 'transparent logo keeps a PNG fallback');
  });

  it('adds Russian and Kazakh stories, each translation linked to its English original', async () => {
    const db = server.context.database.db;
    const rows = await db.selectFrom('articles').select(['id', 'slug', 'language', 'translation_of_id']).execute();
    const count = (language: string) => rows.filter((r) => r.language === language).length;
    assert.equal(count('en'), DEMO_ARTICLES.length);
    assert.ok(count('ru') >= 6 && count('kk') >= 6, `ru ${count('ru')}, kk ${count('kk')}`);
    assert.ok(rows.filter((r) => r.language === 'en').every((r) => r.translation_of_id === null), 'English stories are originals');
    const english = new Map(rows.filter((r) => r.language === 'en').map((r) => [r.slug, r.id]));
    let linked = 0;
    for (const story of [...DEMO_ARTICLES_RU, ...DEMO_ARTICLES_KK]) {
      const row = rows.find((r) => r.language === story.language && r.slug === story.slug);
      assert.ok(row, `${story.language} ${story.slug} was seeded`);
      assert.equal(row.translation_of_id, story.translationOf ? english.get(story.translationOf) : null, story.slug);
      if (story.translationOf) linked++;
    }
    assert.ok(linked >= 8, `${linked} translations`);

    // Readers find them: by address in their language, and the English original lists both versions.
    const published = createPublishedArticles(server.context);
    const original = english.get('astana-opens-skating-trail-on-yesil-embankment')!;
    const versions = await published.translationsOf(original);
    assert.deepEqual(versions.map((v) => v.language).sort(), ['kk', 'ru']);
    const kazakh = versions.find((v) => v.language === 'kk')!;
    assert.equal(kazakh.sectionSlug, 'janalyqtar');
    const page = await published.findArticle('kk', kazakh.sectionSlug, kazakh.slug);
    assert.equal(page?.article.title, 'Астанада Есіл жағалауымен мұз жолы ашылды');
    const russianOnly = DEMO_ARTICLES_RU.find((s) => !s.translationOf)!;
    const ruPage = await published.findArticle('ru', 'obshchestvo', russianOnly.slug);
    assert.equal(ruPage?.article.title, russianOnly.title);
    assert.deepEqual(await published.translationsOf(ruPage!.article.id), []);
  });

  it('names sections, tags, authors and places in Russian and Kazakh, and the portal in both', async () => {
    const db = server.context.database.db;
    const rows = await db.selectFrom('term_translations').selectAll().execute();
    const of = (kind: string, language: string) => rows.filter((r) => r.kind === kind && r.language === language);
    for (const language of ['ru', 'kk']) {
      assert.equal(of('section', language).length, DEMO_SECTIONS.length, `sections in ${language}`);
      assert.equal(of('author', language).length, DEMO_AUTHORS.length, `authors in ${language}`);
      assert.equal(of('location', language).length, DEMO_LOCATIONS.length, `places in ${language}`);
      assert.equal(of('tag', language).length, Object.keys(DEMO_TAG_NAMES).length, `tags in ${language}`);
    }
    const astana = await db.selectFrom('locations').select('id').where('city', '=', 'Astana').executeTakeFirstOrThrow();
    const astanaKk = rows.find((r) => r.kind === 'location' && r.term_id === astana.id && r.language === 'kk')!;
    assert.equal(`${astanaKk.name}, ${astanaKk.description}`, 'Астана, Қазақстан');
    assert.equal(astanaKk.slug, null);

    const published = createPublishedArticles(server.context);
    assert.equal((await published.sectionBySlug('kk', 'janalyqtar'))?.name, 'Жаңалықтар');
    assert.equal((await published.sectionBySlug('ru', 'puteshestviia'))?.name, 'Путешествия');
    assert.equal((await published.tagBySlug('ru', 'zima'))?.name, 'Зима');
    const author = await published.authorBySlug('kk', slugify('Әйгерім Сейітқали'));
    assert.equal(author?.name, 'Әйгерім Сейітқали');
    assert.match(author?.bio ?? '', /экономика тілшісі/);

    const kk = await published.siteChrome('kk');
    assert.equal(kk.settings.name, 'Дала хабаршысы');
    assert.ok(kk.sections.some((s) => s.name === 'Мәдениет'));
    // Each language's "About" page, published and linked from its footer.
    assert.deepEqual(kk.menus.footer.map((p) => [p.title, p.path]), [['Портал туралы', 'portal-turaly']]);
    const ru = await published.siteChrome('ru');
    assert.equal(ru.settings.name, 'Степной курьер');
    assert.match(ru.settings.reusePolicyText, /\{share\}%/);
    assert.equal((await published.siteChrome('en')).settings.name, 'Steppe Courier');
  });

  it('adds nothing when called again on a database that has articles', async () => {
    const db = server.context.database.db;
    const count = async (table: 'articles' | 'media' | 'sections' | 'authors') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await Promise.all([count('articles'), count('media'), count('sections'), count('authors')]);
    assert.equal(await seedDemoContent(server.context, { onlyIfEmpty: true }), 0);
    assert.deepEqual(await Promise.all([count('articles'), count('media'), count('sections'), count('authors')]), before);
  });

  it('skips every story it already added when run again without onlyIfEmpty, keeping links and names', async () => {
    const db = server.context.database.db;
    const snapshot = async () => ({
      links: await db.selectFrom('articles').select(['id', 'language', 'translation_of_id']).orderBy('id').execute(),
      names: Number((await db.selectFrom('term_translations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    });
    const before = await snapshot();
    assert.equal(await seedDemoContent(server.context, { onlyIfEmpty: false }), 0);
    assert.deepEqual(await snapshot(), before);
  });
});
