import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createReaderViews } from '#src/domain/views/reader-views.ts';
import { createPublishedArticle, createSectionFixture } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('counting views by the hour', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.close();
  });

  const rows = (articleId: number) =>
    server.context.database.db.selectFrom('article_views').select(['hour', 'views']).where('article_id', '=', articleId).orderBy('hour').execute();

  // A year ahead: views are kept only for articles published by the time of the flush.
  it('adds each view to the UTC hour it happened in, across an hour’s end and the flushes', async () => {
    const section = await createSectionFixture(server.context, { name: 'Hours' });
    const [a, b] = [await createPublishedArticle(server.context, { sectionId: section.id }), await createPublishedArticle(server.context, { sectionId: section.id })];
    let clock = Date.parse('2027-05-01T10:59:59.998Z');
    const views = createReaderViews(server.context, { windowHours: 24, limit: 5 }, () => clock);
    views.record(a.id);
    views.record(b.id);
    clock += 1;
    views.record(a.id);
    clock += 1; // 11:00:00.000
    views.record(a.id);
    await views.flush();
    views.record(a.id);
    clock = Date.parse('2027-05-01T13:30:00Z');
    views.record(b.id);
    await views.flush();
    await views.flush(); // nothing new: adds nothing
    assert.deepEqual(await rows(a.id), [
      { hour: '2027-05-01T10', views: 2 },
      { hour: '2027-05-01T11', views: 2 },
    ]);
    assert.deepEqual(await rows(b.id), [
      { hour: '2027-05-01T10', views: 1 },
      { hour: '2027-05-01T13', views: 1 },
    ]);
  });
});
