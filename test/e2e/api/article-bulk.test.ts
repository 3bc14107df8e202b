import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createArticleFixture, createAuthorFixture, createPublishedArticle, createSectionFixture, createTagFixture } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { apiUser, createArticle, type ApiUser } from './articles-client.ts';

describe('POST /api/admin/articles/bulk', () => {
  let server: TestServer;
  let editor: ApiUser;
  let author: ApiUser;

  before(async () => {
    server = await startTestServer();
    editor = await apiUser(server, 'editor');
    author = await apiUser(server, 'author');
  });
  after(() => server?.close());

  const stateOf = (id: number) => editor.call('GET', `/api/admin/articles/${id}`).then((r) => r.body as { status: string; sectionId: number; tagIds: number[]; path: string });

  it('moves articles to a section, each through the article service (revision, audit, new path)', async () => {
    const from = await createSectionFixture(server.context, { name: 'Desk From' });
    const to = await createSectionFixture(server.context, { name: 'Desk To' });
    const a = await createPublishedArticle(server.context, { sectionId: from.id });
    const b = await createArticleFixture(server.context, { sectionId: from.id, status: 'draft' });
    const c = await createArticleFixture(server.context, { sectionId: to.id, status: 'draft' });
    const { status, body } = await editor.call('POST', '/api/admin/articles/bulk', { action: 'move', articleIds: [a.id, b.id, c.id], sectionId: to.id });
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(body.items.map((i: { outcome: string }) => i.outcome), ['changed', 'changed', 'unchanged']);
    assert.equal((await stateOf(a.id)).sectionId, to.id);
    assert.equal((await stateOf(a.id)).path, `/${to.slug}/${a.slug}`);
    const moved = await fetch(`${server.url}${a.path}`, { redirect: 'manual' });
    assert.equal(moved.status, 301, 'the old address of a live article redirects');
    const db = server.context.database.db;
    const revisions = await db.selectFrom('article_revisions').select(['article_id', 'kind']).where('article_id', 'in', [a.id, b.id, c.id]).where('kind', '=', 'save').execute();
    assert.deepEqual(revisions.map((r) => r.article_id).sort(), [a.id, b.id].sort(), 'a revision for each one moved');
    const audit = await db.selectFrom('audit_log').select(['details', 'user_id']).where('action', '=', 'article.bulk').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(audit.user_id, editor.user.id);
    assert.deepEqual(JSON.parse(audit.details).results, [
      { id: a.id, outcome: 'changed' },
      { id: b.id, outcome: 'changed' },
      { id: c.id, outcome: 'unchanged' },
    ]);
  });

  it('adds and removes a tag, and trashes and restores, saying which were already so', async () => {
    const tag = await createTagFixture(server.context);
    const a = await createArticleFixture(server.context, { status: 'draft' });
    const b = await createArticleFixture(server.context, { status: 'draft', tagIds: [tag.id] });
    let r = await editor.call('POST', '/api/admin/articles/bulk', { action: 'add-tag', articleIds: [a.id, b.id], tagId: tag.id });
    assert.deepEqual(r.body.items.map((i: { outcome: string }) => i.outcome), ['changed', 'unchanged']);
    assert.deepEqual((await stateOf(a.id)).tagIds, [tag.id]);
    r = await editor.call('POST', '/api/admin/articles/bulk', { action: 'remove-tag', articleIds: [a.id, b.id], tagId: tag.id });
    assert.deepEqual(r.body.items.map((i: { outcome: string }) => i.outcome), ['changed', 'changed']);
    assert.deepEqual((await stateOf(b.id)).tagIds, []);
    r = await editor.call('POST', '/api/admin/articles/bulk', { action: 'trash', articleIds: [a.id, b.id] });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal((await stateOf(b.id)).status, 'trashed');
    r = await editor.call('POST', '/api/admin/articles/bulk', { action: 'restore', articleIds: [a.id, b.id] });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal((await stateOf(a.id)).status, 'draft');
  });

  it('refuses the whole action, naming the article, when one of them may not be changed by the caller; nothing is changed', async () => {
    const mine = await createArticle(author, { title: 'My own draft' });
    const theirs = await createPublishedArticle(server.context, { title: 'Someone else’s story' });
    const { status, body } = await author.call('POST', '/api/admin/articles/bulk', { action: 'trash', articleIds: [mine.id, theirs.id] });
    assert.equal(status, 403, JSON.stringify(body));
    assert.match(body.message, new RegExp(`article ${theirs.id} “Someone else’s story”`));
    assert.equal((await stateOf(mine.id)).status, 'draft', 'the allowed one was not trashed either');

    const hidden = await createArticleFixture(server.context, { status: 'draft' });
    const unseen = await author.call('POST', '/api/admin/articles/bulk', { action: 'trash', articleIds: [mine.id, hidden.id] });
    assert.equal(unseen.status, 422);
    assert.equal(unseen.body.field, 'articleIds.1');
    assert.equal((await stateOf(hidden.id)).status, 'draft');
  });

  it('refuses bad input naming the field: no articles, an unknown section or tag, a restore of an article not in the trash', async () => {
    const a = await createArticleFixture(server.context, { status: 'draft', title: 'Not trashed' });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ action: 'trash', articleIds: [] }, 'articleIds'],
      [{ action: 'move', articleIds: [a.id], sectionId: 99_999_999 }, 'sectionId'],
      [{ action: 'add-tag', articleIds: [a.id], tagId: 99_999_999 }, 'tagId'],
      [{ action: 'restore', articleIds: [a.id] }, 'articleIds.0'],
      [{ action: 'publish', articleIds: [a.id] }, 'action'],
    ];
    for (const [input, field] of cases) {
      const { status, body } = await editor.call('POST', '/api/admin/articles/bulk', input);
      assert.ok(status === 400 || status === 422, `${field}: ${status}`);
      assert.equal(body.field, field, JSON.stringify(body));
    }
    assert.equal((await stateOf(a.id)).status, 'draft');
  });

  it('lists articles by section (with its subsections) and by author, for the desk’s filters', async () => {
    const parent = await createSectionFixture(server.context, { name: 'Filter Parent' });
    const child = await createSectionFixture(server.context, { name: 'Filter Child', parentId: parent.id });
    const writer = await createAuthorFixture(server.context, { name: 'Filter Writer' });
    const inParent = await createArticleFixture(server.context, { sectionId: parent.id });
    const inChild = await createArticleFixture(server.context, { sectionId: child.id, authorIds: [writer.id] });
    await createArticleFixture(server.context);
    const ids = async (query: string) => ((await editor.call('GET', `/api/admin/articles?${query}`)).body.items as Array<{ id: number }>).map((a) => a.id).sort((x, y) => x - y);
    assert.deepEqual(await ids(`sectionId=${parent.id}`), [inParent.id, inChild.id]);
    assert.deepEqual(await ids(`sectionId=${child.id}`), [inChild.id]);
    assert.deepEqual(await ids(`authorId=${writer.id}`), [inChild.id]);
    assert.deepEqual(await ids(`sectionId=${parent.id}&authorId=${writer.id}`), [inChild.id]);
    const bad = await editor.call('GET', '/api/admin/articles?sectionId=first');
    assert.equal(bad.status, 400);
  });
});

