import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from '../../test/support/test-server.ts';
import { figureMediaIds } from '#src/domain/articles/article-body.ts';
import { findArticleById } from '#src/domain/articles/article-repository.ts';
import { findMediaByIds } from '#src/domain/media/media-repository.ts';
import { DEFAULT_SETTINGS, loadSettings } from '#src/domain/settings/settings-repository.ts';
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

  it('adds nothing when called again on a database that has articles', async () => {
    const db = server.context.database.db;
    const count = async (table: 'articles' | 'media' | 'sections' | 'authors') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await Promise.all([count('articles'), count('media'), count('sections'), count('authors')]);
    assert.equal(await seedDemoContent(server.context, { onlyIfEmpty: true }), 0);
    assert.deepEqual(await Promise.all([count('articles'), count('media'), count('sections'), count('authors')]), before);
  });
});
