import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LIST_PAGE_SIZE } from '#src/web/site/page-params.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createAuthorFixture, createImageFixture, createPublishedArticle, createSectionFixture, createTagFixture } from '../../support/factories.ts';

describe('the queries of list pages, article pages and the Main Page', () => {
  let server: TestServer;
  let sectionSlug: string;
  let tagSlug: string;
  let authorSlug: string;

  before(async () => {
    server = await startTestServer();
    const section = await createSectionFixture(server.context);
    const tag = await createTagFixture(server.context);
    const author = await createAuthorFixture(server.context);
    ({ slug: sectionSlug } = section);
    ({ slug: tagSlug } = tag);
    ({ slug: authorSlug } = author);
    // Three pages of one section, tag and author.
    for (let i = 0; i < 2 * LIST_PAGE_SIZE + 1; i++) {
      await createPublishedArticle(server.context, { sectionId: section.id, tagIds: [tag.id], authorIds: [author.id], publishedAt: new Date(Date.now() - (i + 1) * 60_000).toISOString() });
    }
  });
  after(() => server.close());

  /**
   * Queries run while fetching a path the page cache does not hold (everything was dropped first),
   * counted at the database's executor, which every reader of the database shares, whenever it took its handle.
   */
  async function queriesFor(path: string, counted: (sql: string) => boolean = () => true): Promise<number> {
    let count = 0;
    const executor = server.context.database.db.getExecutor();
    const execute = executor.executeQuery;
    executor.executeQuery = ((...args: Parameters<typeof execute>) => {
      if (counted(args[0].sql)) count++;
      return execute.apply(executor, args);
    }) as typeof execute;
    try {
      server.context.events.emit('article.updated', { articleId: 1 });
      const response = await fetch(`${server.url}${path}`);
      assert.equal(response.status, 200, path);
      await response.text();
    } finally {
      executor.executeQuery = execute;
    }
    return count;
  }

  it('reads the site settings and chrome once, not on every page', async () => {
    await queriesFor(`/${sectionSlug}`);
    // The chrome is remembered until an event changes it: afterwards a page reads it again.
    const remembered = await queriesFor(`/${sectionSlug}`);
    server.context.events.emit('settings.updated');
    const afterChange = await queriesFor(`/${sectionSlug}`);
    assert.ok(afterChange > remembered, `${afterChange} queries after a settings change, ${remembered} before`);
  });

  it('runs as many queries for the last page of a list as for its first and second', async () => {
    for (const path of [`/${sectionSlug}`, `/tag/${tagSlug}`, `/author/${authorSlug}`]) {
      const [first, second, last] = [await queriesFor(path), await queriesFor(`${path}?page=2`), await queriesFor(`${path}?page=3`)];
      assert.equal(second, last, path);
      // The first page of a section also reads its pinned stories (ADR 0035).
      assert.ok(first <= last + 1, `${path}: ${first} queries on page 1, ${last} on page 3`);
      assert.ok(last <= 12, `${path}: ${last} queries`);
    }
  });

  it('reads an article page in two queries once its images were read (one on PostgreSQL): its translations come with its bylines and tags', async () => {
    const context = server.context;
    const section = await createSectionFixture(context);
    const image = await createImageFixture(context);
    // The chrome (settings, sections, menus), remembered from here on; the section has no card yet
    // whose image a list page would read (list pages read images through the same memo).
    await queriesFor(`/${section.slug}`);
    const lone = await createPublishedArticle(context, { sectionId: section.id, leadMediaId: image.id });
    const original = await createPublishedArticle(context, { sectionId: section.id, leadMediaId: image.id });
    await createPublishedArticle(context, { sectionId: section.id, language: 'ru', translationOfId: original.id, leadMediaId: image.id });
    const first = await queriesFor(lone.path);
    // The page is cached now: what is counted is the event's own (PostgreSQL relays it with pg_notify).
    const eventQueries = await queriesFor(lone.path);
    // The article's row; its bylines, tags, corrections and translations (on PostgreSQL in the row's
    // query, ADR 0064); its images, not read before.
    const page = context.database.kind === 'postgres' ? 1 : 2;
    assert.equal(first - eventQueries, page + 1);
    // The same image again, from memory: an article with a translation costs no more than one without.
    assert.equal((await queriesFor(original.path)) - eventQueries, page);
  });

  it("reads a list page's card images once, until an image changes", async () => {
    const context = server.context;
    const section = await createSectionFixture(context);
    const image = await createImageFixture(context);
    await createPublishedArticle(context, { sectionId: section.id, leadMediaId: image.id });
    const imageQueries = (path: string) => queriesFor(path, (sql) => /\bmedia_variants\b/.test(sql));
    for (const path of [`/${section.slug}`, '/', `/${section.slug}/feed.xml`]) {
      context.events.emit('media.updated', { mediaId: image.id });
      assert.equal(await imageQueries(path), 1, `${path}: the images read after an image changed`);
      assert.equal(await imageQueries(path), 0, `${path}: the images again, from memory`);
    }
  });

  it('runs a bounded number of queries for the Main Page', async () => {
    const queries = await queriesFor('/');
    // The layout, the newest of each top section and of all, their images: not one query per card.
    const sections = (await server.context.database.db.selectFrom('sections').select('id').where('parent_id', 'is', null).execute()).length;
    assert.ok(queries <= sections + 6, `${queries} queries for ${sections} top sections`);
  });
});
