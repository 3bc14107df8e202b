import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleJson } from '#src/domain/articles/article-json.ts';
import { createSectionFixture } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { apiUser, createArticle, textBody, type ApiUser } from './articles-client.ts';

type PendingEdit = { baseVersion: number; keptAt: string; fields: Record<string, unknown> };

describe('/api/admin/articles/:id/pending-edit', () => {
  let server: TestServer;
  let sectionId: number;
  let editor: ApiUser;
  let colleague: ApiUser;
  let author: ApiUser;
  let contributor: ApiUser;

  before(async () => {
    server = await startTestServer();
    sectionId = (await createSectionFixture(server.context)).id;
    [editor, colleague, author, contributor] = await Promise.all([
      apiUser(server, 'editor'),
      apiUser(server, 'editor'),
      apiUser(server, 'author'),
      apiUser(server, 'contributor'),
    ]);
  });
  after(() => server.close());

  /** A published article written by `as` (an editor unless told). */
  async function publishedArticle(title: string, as: ApiUser = editor): Promise<ArticleJson> {
    const draft = await createArticle(as, { title, sectionId, body: textBody('The live first paragraph.') });
    const published = await as.call<ArticleJson>('POST', `/api/admin/articles/${draft.id}/publish`, { version: draft.version });
    assert.equal(published.status, 200, JSON.stringify(published.body));
    return published.body;
  }

  const pendingPath = (id: number) => `/api/admin/articles/${id}/pending-edit`;

  async function publicPage(path: string): Promise<string> {
    const response = await fetch(`${server.url}${path}`);
    assert.equal(response.status, 200, `${path} answers`);
    return response.text();
  }

  it('keeps a pending edit without changing the live article, its version or the public site', async () => {
    const live = await publishedArticle('Grain exports reach a record');
    const kept = await editor.call<PendingEdit>('PUT', pendingPath(live.id), {
      version: live.version,
      title: 'Grain exports reach a record high in November',
      body: textBody('The pending first paragraph.'),
    });
    assert.equal(kept.status, 200, JSON.stringify(kept.body));
    assert.equal(kept.body.baseVersion, live.version);
    assert.ok(!Number.isNaN(Date.parse(kept.body.keptAt)), 'keptAt is an instant');

    const read = await editor.call<{ pendingEdit: PendingEdit }>('GET', pendingPath(live.id));
    assert.equal(read.status, 200);
    assert.equal(read.body.pendingEdit.fields.title, 'Grain exports reach a record high in November');
    assert.deepEqual(read.body.pendingEdit.fields.body, textBody('The pending first paragraph.'));
    assert.equal(read.body.pendingEdit.baseVersion, live.version);

    const stored = await editor.call<ArticleJson>('GET', `/api/admin/articles/${live.id}`);
    assert.equal(stored.body.version, live.version, 'the version is unchanged');
    assert.equal(stored.body.title, 'Grain exports reach a record');
    assert.equal(stored.body.updatedAt, live.updatedAt);
    const page = await publicPage(live.path);
    assert.match(page, /The live first paragraph\./);
    assert.doesNotMatch(page, /pending first paragraph|record high in November/);
    const feed = await publicPage('/feed.xml');
    assert.match(feed, /Grain exports reach a record/);
    assert.doesNotMatch(feed, /record high in November/);
    const revisions = await editor.call<{ items: unknown[] }>('GET', `/api/admin/articles/${live.id}/revisions`);
    assert.equal(revisions.body.items.length, 2, 'no revision is written for a pending edit (create, publish)');
  });

  it('replaces the pending edit: one per article and person', async () => {
    const live = await publishedArticle('Almaty metro extends south');
    await editor.call('PUT', pendingPath(live.id), { version: live.version, title: 'First try' });
    const second = await editor.call<PendingEdit>('PUT', pendingPath(live.id), { version: live.version, title: 'Second try' });
    assert.equal(second.status, 200);
    const read = await editor.call<{ pendingEdit: PendingEdit }>('GET', pendingPath(live.id));
    assert.equal(read.body.pendingEdit.fields.title, 'Second try');
    const rows = await server.context.database.db.selectFrom('article_pending_edits').select('user_id').where('article_id', '=', live.id).execute();
    assert.deepEqual(rows, [{ user_id: editor.user.id }]);
  });

  it('discards the pending edit, and answers 204 again when there is none', async () => {
    const live = await publishedArticle('Wind farm opens near Yereymentau');
    await editor.call('PUT', pendingPath(live.id), { version: live.version, title: 'Wind farm opens, to be discarded' });
    const gone = await editor.call('DELETE', pendingPath(live.id));
    assert.equal(gone.status, 204);
    assert.equal((await editor.call('GET', pendingPath(live.id))).body.pendingEdit, null);
    assert.equal((await editor.call('DELETE', pendingPath(live.id))).status, 204);
  });

  it("shows nobody another person's pending edit, and lets nobody delete it", async () => {
    const live = await publishedArticle('Caspian seal count begins');
    await editor.call('PUT', pendingPath(live.id), { version: live.version, title: 'Mine, not yours' });
    const theirs = await colleague.call<{ pendingEdit: PendingEdit | null }>('GET', pendingPath(live.id));
    assert.equal(theirs.status, 200);
    assert.equal(theirs.body.pendingEdit, null);
    assert.equal((await colleague.call('DELETE', pendingPath(live.id))).status, 204);
    assert.equal((await editor.call('GET', pendingPath(live.id))).body.pendingEdit.fields.title, 'Mine, not yours');

    // Both keep their own, side by side.
    await colleague.call('PUT', pendingPath(live.id), { version: live.version, title: 'Yours, not mine' });
    assert.equal((await colleague.call('GET', pendingPath(live.id))).body.pendingEdit.fields.title, 'Yours, not mine');
    assert.equal((await editor.call('GET', pendingPath(live.id))).body.pendingEdit.fields.title, 'Mine, not yours');
  });

  it('refuses malformed edits with 400 naming the field, as an update would', async () => {
    const live = await publishedArticle('Steppe fires under control');
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ title: 'No version' }, /^version$/],
      [{ version: live.version, title: '   ' }, /^title$/],
      [{ version: live.version, slug: 'Not A Slug' }, /^slug$/],
      [{ version: live.version, body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] } }, /^body\./],
      [{ version: live.version, body: { type: 'doc', content: [{ type: 'script' }] } }, /^body\./],
      [{ version: live.version, tagIds: ['one'] }, /^tagIds/],
    ];
    for (const [payload, field] of cases) {
      const refused = await editor.call('PUT', pendingPath(live.id), payload);
      assert.equal(refused.status, 400, JSON.stringify(payload));
      assert.match(String(refused.body.field), field, `${JSON.stringify(payload)} → ${JSON.stringify(refused.body)}`);
    }
    // A body over the request limit of a save (2 MB) is refused before anything is stored.
    const huge = textBody(...Array.from({ length: 3000 }, () => 'x'.repeat(1000)));
    assert.equal((await editor.call('PUT', pendingPath(live.id), { version: live.version, body: huge })).status, 413);
    // A version the article never had is not a base.
    const future = await editor.call('PUT', pendingPath(live.id), { version: live.version + 5, title: 'From the future' });
    assert.equal(future.status, 422);
    assert.equal(future.body.field, 'version');
    assert.equal((await editor.call('GET', pendingPath(live.id))).body.pendingEdit, null, 'nothing was kept');
  });

  it('is dropped by a successful Update of the same person, which publishes the change', async () => {
    const live = await publishedArticle('Border crossing reopens');
    await editor.call('PUT', pendingPath(live.id), { version: live.version, title: 'Border crossing reopens for lorries' });
    await colleague.call('PUT', pendingPath(live.id), { version: live.version, title: 'A colleague’s idea' });
    const pending = (await editor.call<{ pendingEdit: PendingEdit }>('GET', pendingPath(live.id))).body.pendingEdit;
    const update = await editor.call<ArticleJson>('PUT', `/api/admin/articles/${live.id}`, { ...pending.fields, version: pending.baseVersion });
    assert.equal(update.status, 200, JSON.stringify(update.body));
    assert.equal(update.body.version, live.version + 1);
    assert.equal((await editor.call('GET', pendingPath(live.id))).body.pendingEdit, null);
    assert.match(await publicPage(update.body.path), /Border crossing reopens for lorries/);
    // The colleague's own pending edit stays; it now starts from an older version.
    const colleagues = await colleague.call<{ pendingEdit: PendingEdit }>('GET', pendingPath(live.id));
    assert.equal(colleagues.body.pendingEdit.fields.title, 'A colleague’s idea');
    assert.equal(colleagues.body.pendingEdit.baseVersion, live.version);
  });

  it('keeps the pending edit when publishing it meets a newer version (409), so it can be resolved', async () => {
    const live = await publishedArticle('Parliament passes the water bill');
    await editor.call('PUT', pendingPath(live.id), { version: live.version, standfirst: 'Pending standfirst.' });
    const other = await colleague.call<ArticleJson>('PUT', `/api/admin/articles/${live.id}`, { version: live.version, standfirst: 'Live standfirst.' });
    assert.equal(other.status, 200);
    const pending = (await editor.call<{ pendingEdit: PendingEdit }>('GET', pendingPath(live.id))).body.pendingEdit;
    const stale = await editor.call('PUT', `/api/admin/articles/${live.id}`, { ...pending.fields, version: pending.baseVersion });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.current.standfirst, 'Live standfirst.');
    assert.equal((await editor.call('GET', pendingPath(live.id))).body.pendingEdit.fields.standfirst, 'Pending standfirst.');
  });

  it('lets only people who may edit the article keep one: 401, 403, 404 and 422 as elsewhere', async () => {
    const live = await publishedArticle('Textile mill hires again');
    const edit = { version: live.version, title: 'Textile mill hires 200' };
    // A contributor may read a published article but not edit it.
    assert.equal((await contributor.call('PUT', pendingPath(live.id), edit)).status, 403);
    assert.equal((await contributor.call('GET', pendingPath(live.id))).body.pendingEdit, null);
    // An author edits only their own.
    assert.equal((await author.call('PUT', pendingPath(live.id), edit)).status, 403);
    const own = await publishedArticle('An author’s own story', author);
    assert.equal((await author.call('PUT', pendingPath(own.id), { version: own.version, title: 'An author’s own story, revised' })).status, 200);
    // Nobody outside reads another's draft, even to ask for a pending edit.
    const draft = await createArticle(author, { title: 'A private draft', sectionId });
    assert.equal((await contributor.call('GET', pendingPath(draft.id))).status, 403);
    // Drafts and articles in review save directly: they keep no pending edit.
    const refused = await editor.call('PUT', pendingPath(draft.id), { version: draft.version, title: 'Not pending' });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.field, 'status');
    assert.equal((await editor.call('PUT', pendingPath(999999), edit)).status, 404);
    assert.equal((await editor.call('GET', pendingPath(999999))).status, 404);
    const anonymous = await fetch(`${server.url}${pendingPath(live.id)}`);
    assert.equal(anonymous.status, 401);
    // Writes need the session's CSRF token, like every /api/admin write.
    const forged = await fetch(`${server.url}${pendingPath(live.id)}`, {
      method: 'PUT',
      headers: { cookie: editor.cookie, 'content-type': 'application/json' },
      body: JSON.stringify(edit),
    });
    assert.equal(forged.status, 403);
    const forgedDelete = await fetch(`${server.url}${pendingPath(live.id)}`, { method: 'DELETE', headers: { cookie: editor.cookie } });
    assert.equal(forgedDelete.status, 403);
  });

  it('survives unpublishing and the trash, and goes with the article when it is deleted', async () => {
    const live = await publishedArticle('Ferry timetable changes');
    await editor.call('PUT', pendingPath(live.id), { version: live.version, title: 'Ferry timetable changes again' });
    const unpublished = await editor.call<ArticleJson>('POST', `/api/admin/articles/${live.id}/unpublish`, { version: live.version });
    assert.equal(unpublished.status, 200);
    const trashed = await editor.call<ArticleJson>('POST', `/api/admin/articles/${live.id}/trash`, { version: unpublished.body.version });
    assert.equal(trashed.status, 200);
    assert.equal((await editor.call('GET', pendingPath(live.id))).body.pendingEdit.fields.title, 'Ferry timetable changes again');

    await server.context.database.db.deleteFrom('articles').where('id', '=', live.id).execute();
    const rows = await server.context.database.db.selectFrom('article_pending_edits').select('user_id').where('article_id', '=', live.id).execute();
    assert.deepEqual(rows, []);
  });

  it('is documented in the OpenAPI description', async () => {
    const spec = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const path = spec.paths['/api/admin/articles/{id}/pending-edit'];
    assert.ok(path, 'the path is documented');
    assert.deepEqual(Object.keys(path).sort(), ['delete', 'get', 'put']);
  });
});
