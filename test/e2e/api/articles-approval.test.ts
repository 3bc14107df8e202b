import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleJson } from '#src/domain/articles/article-json.ts';
import { createSectionFixture } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { apiUser, createArticle, textBody, type ApiUser } from './articles-client.ts';

// ADR 0034: approving an article in review publishes it (or schedules it); the review trail and the audit log say so, whichever route did it.
describe('approving an article in review', () => {
  let server: TestServer;
  let section: { id: number };
  let editor: ApiUser;
  let contributor: ApiUser;

  before(async () => {
    server = await startTestServer();
    section = await createSectionFixture(server.context);
    [editor, contributor] = await Promise.all([apiUser(server, 'editor'), apiUser(server, 'contributor')]);
  });
  after(() => server.close());

  async function submitted(title: string): Promise<ArticleJson> {
    const draft = await createArticle(contributor, { title, sectionId: section.id, body: textBody('Text for review.') });
    const sent = await contributor.call<ArticleJson>('POST', `/api/admin/articles/${draft.id}/submit`, { version: draft.version });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    return sent.body;
  }

  async function trailOf(id: number) {
    const db = server.context.database.db;
    const [reviews, audit] = await Promise.all([
      db.selectFrom('article_reviews').select(['action', 'created_by']).where('article_id', '=', id).orderBy('id').execute(),
      db.selectFrom('audit_log').select(['action', 'details']).where('subject_type', '=', 'article').where('subject_id', '=', String(id)).orderBy('id').execute(),
    ]);
    return { reviews: reviews.map((r) => r.action), audit: audit.map((a) => [a.action, Object.keys(JSON.parse(a.details)).sort().join(',')]) };
  }

  it('publishes at once on "approve", recorded as approved and as an approval that went live', async () => {
    const article = await submitted('Approved through the approve route');
    const approved = await editor.call<ArticleJson>('POST', `/api/admin/articles/${article.id}/approve`, { version: article.version });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.status, 'published');
    assert.deepEqual(await trailOf(article.id), { reviews: ['submitted', 'approved'], audit: [['article.approve', 'path']] });
  });

  it('counts "publish now" on an article in review as its approval', async () => {
    const article = await submitted('Published straight from review');
    const published = await editor.call<ArticleJson>('POST', `/api/admin/articles/${article.id}/publish`, { version: article.version });
    assert.equal(published.body.status, 'published');
    assert.deepEqual(await trailOf(article.id), { reviews: ['submitted', 'approved'], audit: [['article.approve', 'path']] });
  });

  it('counts scheduling an article in review as its approval, with the time in the audit entry', async () => {
    const article = await submitted('Scheduled straight from review');
    const scheduledAt = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await editor.call<ArticleJson>('POST', `/api/admin/articles/${article.id}/schedule`, { version: article.version, scheduledAt });
    assert.equal(scheduled.body.status, 'scheduled');
    assert.deepEqual(await trailOf(article.id), { reviews: ['submitted', 'approved'], audit: [['article.approve', 'scheduledAt']] });
  });

  it('records no approval when a draft that was never submitted is published', async () => {
    const draft = await createArticle(editor, { title: 'Never in review', sectionId: section.id, body: textBody('Text.') });
    await editor.call('POST', `/api/admin/articles/${draft.id}/publish`, { version: draft.version });
    assert.deepEqual(await trailOf(draft.id), { reviews: [], audit: [['article.publish', 'path']] });
  });
});
