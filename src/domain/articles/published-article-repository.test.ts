import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';
import { addCorrectionFixture, createAuthorFixture, createPublishedArticle, createSectionFixture, createTagFixture } from '../../../test/support/factories.ts';
import { findArticlePageById, findPublishedArticlePage } from './published-article-repository.ts';

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
