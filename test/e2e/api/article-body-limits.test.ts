import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleJson } from '#src/domain/articles/article-json.ts';
import { createSectionFixture } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { apiUser, createArticle, textBody, type ApiUser } from './articles-client.ts';

/** A body whose text sits `levels` nodes deep: blockquotes around one paragraph around one text. */
function nestedBody(levels: number) {
  let node: unknown = { type: 'paragraph', content: [{ type: 'text', text: 'deep' }] };
  for (let level = 3; level <= levels; level++) node = { type: 'blockquote', content: [node] };
  return { type: 'doc', content: [node] };
}

describe('article body limits and the text rule', () => {
  let server: TestServer;
  let sectionId: number;
  let author: ApiUser;

  before(async () => {
    server = await startTestServer();
    sectionId = (await createSectionFixture(server.context)).id;
    author = await apiUser(server, 'author');
  });
  after(() => server.close());

  /** PUTs raw JSON text (a document too deep for JSON.stringify to write). */
  async function putRaw(id: number, json: string): Promise<{ status: number; body: { message?: string; field?: string } }> {
    const response = await fetch(`${server.url}/api/admin/articles/${id}`, {
      method: 'PUT',
      headers: { cookie: author.cookie, 'x-csrf-token': author.csrfToken, 'content-type': 'application/json' },
      body: json,
    });
    return { status: response.status, body: (await response.json()) as { message?: string; field?: string } };
  }

  it('accepts a body 20 levels deep and refuses 21, 900 and 100,000 levels with a 422 naming the limit', async () => {
    const article = await createArticle(author, { title: 'Deep', sectionId });
    const twenty = await author.call<ArticleJson>('PUT', `/api/admin/articles/${article.id}`, { version: 1, body: nestedBody(20) });
    assert.equal(twenty.status, 200, JSON.stringify(twenty.body));
    for (const levels of [21, 900]) {
      const refused = await putRaw(article.id, JSON.stringify({ version: 2, body: nestedBody(levels) }));
      assert.equal(refused.status, 422, `${levels}: ${refused.status}`);
      assert.equal(refused.body.field, 'body');
      assert.match(refused.body.message ?? '', /more than 20 levels/);
    }
    const levels = 100_000;
    const deepest = `{"version":2,"body":{"type":"doc","content":[${'{"content":['.repeat(levels)}${']}'.repeat(levels)}]}}`;
    const refused = await putRaw(article.id, deepest);
    assert.equal(refused.status, 422);
    assert.match(refused.body.message ?? '', /more than 20 levels/);
    const stillThere = await author.call<ArticleJson>('GET', `/api/admin/articles/${article.id}`);
    assert.equal(stillThere.body.version, 2);
  });

  it('refuses a body of more than 20,000 nodes or 500,000 characters of text, naming the limit', async () => {
    const article = await createArticle(author, { title: 'Big', sectionId });
    const breaks = { type: 'doc', content: [{ type: 'paragraph', content: Array.from({ length: 20_001 }, () => ({ type: 'hardBreak' })) }] };
    const tooMany = await author.call('PUT', `/api/admin/articles/${article.id}`, { version: 1, body: breaks });
    assert.equal(tooMany.status, 422);
    assert.match(tooMany.body.message, /more than 20000 nodes/);
    const tooLong = await author.call('PUT', `/api/admin/articles/${article.id}`, { version: 1, body: textBody('a'.repeat(250_001), 'b'.repeat(250_000)) });
    assert.equal(tooLong.status, 422);
    assert.match(tooLong.body.message, /more than 500000 characters/);
  });

  it('stores a title and body text without NUL and other control characters', async () => {
    const article = await createArticle(author, { title: 'Clean', sectionId });
    const saved = await author.call<ArticleJson>('PUT', `/api/admin/articles/${article.id}`, {
      version: 1,
      title: 'Nul\u0000 and bell\u0007 title',
      standfirst: 'Stand\u0000first',
      leadCaption: 'Cap\u0007tion',
      body: textBody('Body\u0000 text\u0007 here'),
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const stored = await author.call<ArticleJson>('GET', `/api/admin/articles/${article.id}`);
    assert.equal(stored.body.title, 'Nul and bell title');
    assert.equal(stored.body.standfirst, 'Standfirst');
    assert.equal(stored.body.leadCaption, 'Caption');
    assert.deepEqual(stored.body.body, textBody('Body text here'));
  });
});
