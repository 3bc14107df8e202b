import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';
import { addCorrectionFixture, createArticleFixture, createAuthorFixture, createPublishedArticle, createSectionFixture, createTagFixture } from '../../../test/support/factories.ts';
import {
  countPublishedArticles,
  findArticlePageById,
  findPublishedArticlePage,
  listPublishedArticles,
  listReadOf,
  type PublishedTermFilter,
} from './published-article-repository.ts';

describe("a published article's page read by its path (one query on PostgreSQL, ADR 0064)", () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('answers what the read by id (the row, then its refs) answers: bylines, tags, corrections in order, translations', async () => {
    const context = server.context;
    const db = context.database.db;
    const section = await createSectionFixture(context);
    const [first, second] = [await createAuthorFixture(context), await createAuthorFixture(context)];
    const [tagA, tagB, tagC] = [await createTagFixture(context), await createTagFixture(context), await createTagFixture(context)];
    const original = await createPublishedArticle(context, { sectionId: section.id, authorIds: [second.id, first.id], tagIds: [tagC.id, tagA.id, tagB.id] });
    // Corrections made out of id order, two at one instant (then by id), one with sub-millisecond digits PostgreSQL keeps.
    await addCorrectionFixture(context, original.id, { kind: 'update', text: 'Later note.', createdAt: '2024-05-02T10:00:00.000Z' });
    await addCorrectionFixture(context, original.id, { kind: 'correction', text: 'Earlier note.', createdAt: '2024-05-01T09:30:15.250Z' });
    await addCorrectionFixture(context, original.id, { kind: 'correction', text: 'Same instant.', createdAt: '2024-05-02T10:00:00.000Z' });
    const ru = await createPublishedArticle(context, { sectionId: section.id, language: 'ru', translationOfId: original.id, authorIds: [first.id] });
    await createPublishedArticle(context, { sectionId: section.id, language: 'kk', translationOfId: original.id });
    // A translation not yet published: readers do not see it in the switcher.
    await createPublishedArticle(context, { sectionId: section.id, language: 'uz', translationOfId: original.id, publishedAt: new Date(Date.now() + 3_600_000).toISOString() });
    const lone = await createPublishedArticle(context, { sectionId: section.id });

    const now = new Date().toISOString();
    for (const [article, language] of [[original, 'en'], [ru, 'ru'], [lone, 'en']] as const) {
      // Past PostgreSQL's five custom plans of the prepared statement: the generic plan answers too.
      for (let run = 0; run < 7; run++) {
        const byPath = await findPublishedArticlePage(db, language, section.id, article.slug, now);
        assert.deepEqual(byPath, await findArticlePageById(db, article.id, now), `${language} ${article.slug}, run ${run + 1}`);
      }
    }
    const page = (await findPublishedArticlePage(db, 'en', section.id, original.slug, now))!;
    assert.deepEqual(page.article.authors.map((a) => a.id), [second.id, first.id]);
    assert.deepEqual(page.article.tags.map((t) => t.id), [tagC.id, tagA.id, tagB.id]);
    assert.deepEqual(page.article.corrections.map((c) => [c.text, c.createdAt]), [
      ['Earlier note.', '2024-05-01T09:30:15.250Z'],
      ['Later note.', '2024-05-02T10:00:00.000Z'],
      ['Same instant.', '2024-05-02T10:00:00.000Z'],
    ]);
    assert.deepEqual(page.translations.map((t) => t.language), ['kk', 'ru']);
    assert.equal(await findPublishedArticlePage(db, 'en', section.id, 'no-such-article', now), undefined);
  });
});

const hour = 3_600_000;

/** A section with a subsection, a tag and an author to file articles under, and `at`: the instant `offset` ms from now. */
async function termListFixtures(context: TestServer['context']) {
  const parent = await createSectionFixture(context);
  const child = await createSectionFixture(context, { parentId: parent.id });
  const start = Date.now();
  return { parent, child, tag: await createTagFixture(context), author: await createAuthorFixture(context), at: (offset: number) => new Date(start + offset).toISOString() };
}

describe("a section's, tag's and author's count of published articles (kept with the articles, migration 0042)", () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('counts what the list lists at each instant: articles whose time comes are counted from then on', async () => {
    const context = server.context;
    const db = context.database.db;
    const { parent, child, tag, author, at } = await termListFixtures(context);
    for (const [sectionId, publishedAt, language] of [
      [parent.id, at(-2 * hour), 'en'],
      [child.id, at(-hour), 'en'],
      [child.id, at(-hour), 'ru'],
      [parent.id, at(hour), 'en'],
      [child.id, at(2 * hour), 'en'],
    ] as const) {
      await createPublishedArticle(context, { sectionId, publishedAt, language, tagIds: [tag.id], authorIds: [author.id] });
    }
    await createArticleFixture(context, { sectionId: parent.id, status: 'draft', tagIds: [tag.id], authorIds: [author.id] });
    await createArticleFixture(context, { sectionId: child.id, status: 'scheduled', scheduledAt: at(hour), tagIds: [tag.id], authorIds: [author.id] });

    const filters: PublishedTermFilter[] = [
      { language: 'en', sectionIds: [parent.id, child.id] },
      { language: 'en', sectionIds: [child.id] },
      { language: 'ru', sectionIds: [parent.id, child.id] },
      { language: 'kk', sectionIds: [parent.id] },
      { language: 'en', tagId: tag.id },
      { language: 'ru', tagId: tag.id },
      { language: 'en', authorId: author.id },
    ];
    const seen: string[] = [];
    for (const now of [at(-3 * hour), at(0), at(hour), at(3 * hour)]) {
      for (const filter of filters) {
        const listed = await listPublishedArticles(db, filter, { limit: 100, offset: 0 }, now);
        const counted = await countPublishedArticles(db, filter, now);
        assert.equal(counted, listed.length, `${JSON.stringify(filter)} at ${now}`);
        seen.push(String(counted));
      }
    }
    // The fixtures do reach every case: nothing yet, some due, more due as time passes.
    assert.deepEqual(seen, ['0', '0', '0', '0', '0', '0', '0', '2', '1', '1', '0', '2', '1', '2', '3', '1', '1', '0', '3', '1', '3', '4', '2', '1', '0', '4', '1', '4']);
  });
});

describe('a page of a list past its middle, read from the oldest end (ADR 0074)', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('reads the shorter walk: the page straddling the middle and a last partial page included', () => {
    assert.deepEqual(listReadOf({ limit: 10, offset: 0, total: 25 }), { end: 'newest', limit: 10, offset: 0 });
    assert.deepEqual(listReadOf({ limit: 10, offset: 10, total: 25 }), { end: 'oldest', limit: 10, offset: 5 });
    assert.deepEqual(listReadOf({ limit: 10, offset: 20, total: 25 }), { end: 'oldest', limit: 5, offset: 0 });
    assert.deepEqual(listReadOf({ limit: 10, offset: 10, total: 30 }), { end: 'newest', limit: 10, offset: 10 });
    assert.deepEqual(listReadOf({ limit: 10, offset: 30, total: 25 }), { end: 'newest', limit: 10, offset: 30 });
    assert.deepEqual(listReadOf({ limit: 10, offset: 20 }), { end: 'newest', limit: 10, offset: 20 });
  });

  it('answers every page with the cards the newest-end read gives, at instants around future-dated articles', async () => {
    const context = server.context;
    const db = context.database.db;
    const { parent, child, tag, author, at } = await termListFixtures(context);
    // 17 articles, some at one instant (ordered by id among themselves), three dated to come, one
    // in Russian; the tag and the author on every other one.
    for (let i = 0; i < 17; i++) {
      const publishedAt = i >= 14 ? at((i - 13) * hour) : at(-(Math.floor(i / 3) + 1) * hour);
      const links = i % 2 === 0 ? { tagIds: [tag.id], authorIds: [author.id] } : {};
      await createPublishedArticle(context, { sectionId: i % 3 === 0 ? child.id : parent.id, publishedAt, language: i === 5 ? 'ru' : 'en', ...links });
    }
    await createArticleFixture(context, { sectionId: parent.id, status: 'draft', tagIds: [tag.id], authorIds: [author.id] });

    const filters: PublishedTermFilter[] = [
      { language: 'en', sectionIds: [parent.id, child.id] },
      { language: 'en', sectionIds: [child.id] },
      { language: 'en', tagId: tag.id },
      { language: 'en', authorId: author.id },
    ];
    let oldestReads = 0;
    for (const now of [at(0), at(1.5 * hour), at(4 * hour)]) {
      for (const filter of filters) {
        const total = await countPublishedArticles(db, filter, now);
        for (const limit of [3, 4, 5]) {
          for (let offset = 0; offset <= total + limit; offset += limit) {
            const plain = await listPublishedArticles(db, filter, { limit, offset }, now);
            const read = await listPublishedArticles(db, filter, { limit, offset, total }, now);
            assert.deepEqual(read, plain, `${JSON.stringify(filter)}, ${limit} from ${offset} of ${total} at ${now}`);
            if (listReadOf({ limit, offset, total }).end === 'oldest') oldestReads++;
          }
        }
      }
    }
    assert.ok(oldestReads > 20, `pages read from the oldest end: ${oldestReads}`);
  });
});
