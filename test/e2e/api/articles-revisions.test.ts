import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleJson } from '#src/domain/articles/article-json.ts';
import { createSectionFixture } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { apiUser, createArticle, textBody, type ApiUser } from './articles-client.ts';

type Revision = { id: number; version: number; kind: string; createdAt: string; createdBy: { id: number; name: string } | null };
type Diff = { fields: Array<{ field: string; changes: Array<{ value: string; added?: boolean; removed?: boolean }> }> };

describe('article revisions and conflicts', () => {
  let server: TestServer;
  let sectionId: number;
  let alice: ApiUser;
  let bob: ApiUser;
  let contributor: ApiUser;

  before(async () => {
    server = await startTestServer();
    sectionId = (await createSectionFixture(server.context)).id;
    [alice, bob, contributor] = await Promise.all([apiUser(server, 'editor'), apiUser(server, 'editor'), apiUser(server, 'contributor')]);
  });
  after(() => server.close());

  async function revisions(as: ApiUser, id: number): Promise<Revision[]> {
    const response = await as.call<{ items: Revision[] }>('GET', `/api/admin/articles/${id}/revisions`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body.items;
  }

  it('answers 409 with the current article for a stale version, and keeps the refused text as a conflict revision', async () => {
    const created = await createArticle(alice, { title: 'Shared story', sectionId, body: textBody('Original text.') });
    const first = await alice.call<ArticleJson>('PUT', `/api/admin/articles/${created.id}`, { version: 1, body: textBody('Alice wrote this.') });
    assert.equal(first.status, 200);
    const stale = await bob.call('PUT', `/api/admin/articles/${created.id}`, { version: 1, body: textBody('Bob wrote that.') });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error, 'conflict');
    assert.equal(stale.body.current.version, 2);
    assert.deepEqual(stale.body.current.body, textBody('Alice wrote this.'));
    assert.deepEqual(stale.body.yours.body, textBody('Bob wrote that.'));
    // Nothing typed is lost: Bob's text is a revision he can compare with and restore.
    const list = await revisions(bob, created.id);
    const conflict = list.find((r) => r.kind === 'conflict');
    assert.ok(conflict, JSON.stringify(list));
    assert.equal(conflict.id, stale.body.yours.revisionId);
    assert.equal(conflict.createdBy?.id, bob.user.id);
    const stored = await alice.call<ArticleJson>('GET', `/api/admin/articles/${created.id}`);
    assert.deepEqual(stored.body.body, textBody('Alice wrote this.'));
    const restored = await bob.call<ArticleJson>('POST', `/api/admin/articles/${created.id}/revisions/${conflict.id}/restore`, { version: 2 });
    assert.equal(restored.status, 200, JSON.stringify(restored.body));
    assert.deepEqual(restored.body.body, textBody('Bob wrote that.'));
  });

  it('answers 409 for a workflow action on a stale version', async () => {
    const created = await createArticle(alice, { title: 'Stale publish', sectionId });
    await alice.call('PUT', `/api/admin/articles/${created.id}`, { version: 1, standfirst: 'Newer.' });
    const response = await bob.call('POST', `/api/admin/articles/${created.id}/publish`, { version: 1 });
    assert.equal(response.status, 409);
    assert.equal(response.body.current.standfirst, 'Newer.');
    assert.equal(response.body.current.status, 'draft');
  });

  it('lets only one of two simultaneous saves of one version win', async () => {
    const created = await createArticle(alice, { title: 'Race', sectionId });
    const [a, b] = await Promise.all([
      alice.call('PUT', `/api/admin/articles/${created.id}`, { version: 1, standfirst: 'A' }),
      bob.call('PUT', `/api/admin/articles/${created.id}`, { version: 1, standfirst: 'B' }),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 409]);
    const stored = await alice.call<ArticleJson>('GET', `/api/admin/articles/${created.id}`);
    assert.equal(stored.body.version, 2);
  });

  it('coalesces consecutive autosaves by one user into one revision', async () => {
    const created = await createArticle(alice, { title: 'Autosaved', sectionId });
    let version = created.version;
    for (const text of ['Draft one.', 'Draft one two.', 'Draft one two three.']) {
      const saved = await alice.call<ArticleJson>('PUT', `/api/admin/articles/${created.id}`, { version, autosave: true, body: textBody(text) });
      assert.equal(saved.status, 200);
      version = saved.body.version;
    }
    let list = await revisions(alice, created.id);
    assert.deepEqual(list.map((r) => r.kind), ['autosave', 'create']);
    assert.equal(list[0]!.version, version);
    // Another person's autosave, or a real save, starts a new revision.
    const bobs = await bob.call<ArticleJson>('PUT', `/api/admin/articles/${created.id}`, { version, autosave: true, standfirst: 'Bob.' });
    const saved = await alice.call<ArticleJson>('PUT', `/api/admin/articles/${created.id}`, { version: bobs.body.version, standfirst: 'Alice.' });
    const after = await alice.call<ArticleJson>('PUT', `/api/admin/articles/${created.id}`, { version: saved.body.version, autosave: true, standfirst: 'Alice again.' });
    assert.equal(after.status, 200);
    list = await revisions(alice, created.id);
    assert.deepEqual(list.map((r) => r.kind), ['autosave', 'save', 'autosave', 'autosave', 'create']);
  });

  it('diffs two revisions word by word, body as plain text', async () => {
    const created = await createArticle(alice, { title: 'The old headline', sectionId, body: textBody('The cat sat on the mat.') });
    await alice.call('PUT', `/api/admin/articles/${created.id}`, { version: 1, title: 'The new headline', body: textBody('The dog sat on the mat.') });
    const [newer, older] = await revisions(alice, created.id);
    const diff = await alice.call<Diff>('GET', `/api/admin/articles/${created.id}/revisions/diff?from=${older!.id}&to=${newer!.id}`);
    assert.equal(diff.status, 200, JSON.stringify(diff.body));
    const title = diff.body.fields.find((f) => f.field === 'title');
    assert.deepEqual(title?.changes.filter((c) => c.removed).map((c) => c.value), ['old']);
    assert.deepEqual(title?.changes.filter((c) => c.added).map((c) => c.value), ['new']);
    const body = diff.body.fields.find((f) => f.field === 'body');
    assert.deepEqual(body?.changes.filter((c) => c.removed).map((c) => c.value), ['cat']);
    assert.deepEqual(body?.changes.filter((c) => c.added).map((c) => c.value), ['dog']);
    assert.equal(body?.changes.map((c) => (c.added ? '' : c.value)).join(''), 'The cat sat on the mat.');
    // The slug followed the title while the article was an unpublished draft.
    assert.ok(diff.body.fields.some((f) => f.field === 'slug'));
    assert.ok(!diff.body.fields.some((f) => f.field === 'standfirst'), 'unchanged fields are not listed');
  });

  it('restores an old revision as a new save', async () => {
    const created = await createArticle(alice, { title: 'Restorable', sectionId, body: textBody('First version.') });
    const second = await alice.call<ArticleJson>('PUT', `/api/admin/articles/${created.id}`, { version: 1, body: textBody('Second version.') });
    const list = await revisions(alice, created.id);
    const original = list.find((r) => r.kind === 'create')!;
    const restored = await alice.call<ArticleJson>('POST', `/api/admin/articles/${created.id}/revisions/${original.id}/restore`, { version: second.body.version });
    assert.equal(restored.status, 200);
    assert.deepEqual(restored.body.body, textBody('First version.'));
    assert.equal(restored.body.version, 3);
    const after = await revisions(alice, created.id);
    assert.equal(after[0]!.kind, 'restore');
    assert.equal(after.length, 3);
  });

  it('answers 404 for a revision of another article, and 403 for another writer’s history', async () => {
    const one = await createArticle(alice, { title: 'One', sectionId });
    const two = await createArticle(alice, { title: 'Two', sectionId });
    const [revisionOfTwo] = await revisions(alice, two.id);
    const wrong = await alice.call('GET', `/api/admin/articles/${one.id}/revisions/diff?from=${revisionOfTwo!.id}&to=${revisionOfTwo!.id}`);
    assert.equal(wrong.status, 404);
    assert.equal((await contributor.call('GET', `/api/admin/articles/${one.id}/revisions`)).status, 403);
  });
});
