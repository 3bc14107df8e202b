import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleJson } from '#src/domain/articles/article-json.ts';
import { createAuthorFixture, createLocationFixture, createSectionFixture, createTagFixture } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { apiUser, createArticle, textBody, type ApiUser } from './articles-client.ts';

describe('/api/admin/articles', () => {
  let server: TestServer;
  let sectionId: number;
  let sectionSlug: string;
  let contributor: ApiUser;
  let author: ApiUser;
  let otherAuthor: ApiUser;
  let editor: ApiUser;

  before(async () => {
    server = await startTestServer();
    const section = await createSectionFixture(server.context);
    sectionId = section.id;
    sectionSlug = section.slug;
    [contributor, author, otherAuthor, editor] = await Promise.all([
      apiUser(server, 'contributor'),
      apiUser(server, 'author'),
      apiUser(server, 'author'),
      apiUser(server, 'editor'),
    ]);
  });
  after(() => server.close());

  it('creates a draft with a slug made from a Kazakh title, and its public path', async () => {
    const article = await createArticle(author, { title: 'Қазақстан жаңалықтары', sectionId });
    assert.equal(article.status, 'draft');
    assert.equal(article.slug, 'qazaqstan-janalyqtary');
    assert.equal(article.path, `/${sectionSlug}/qazaqstan-janalyqtary`);
    assert.equal(article.version, 1);
    assert.deepEqual(article.corrections, []);
  });

  it("bylines a new draft to the writer's own author profile unless the request names authors", async () => {
    const writer = await apiUser(server, 'author');
    const profile = await createAuthorFixture(server.context, { name: 'Marat Sadykov' });
    const other = await createAuthorFixture(server.context, { name: 'Dana Abenova' });
    await server.context.database.db.updateTable('users').set({ author_id: profile.id }).where('id', '=', writer.user.id).execute();
    assert.deepEqual((await createArticle(writer, { title: 'Bylined by default', sectionId })).authorIds, [profile.id]);
    assert.deepEqual((await createArticle(writer, { title: 'Bylined by hand', sectionId, authorIds: [other.id] })).authorIds, [other.id]);
    assert.deepEqual((await createArticle(writer, { title: 'Left unsigned', sectionId, authorIds: [] })).authorIds, []);
    assert.deepEqual((await createArticle(editor, { title: 'No profile, no byline', sectionId })).authorIds, []);
  });

  it('makes slugs unique within the section by appending -2, -3', async () => {
    const first = await createArticle(author, { title: 'Same headline', sectionId });
    const second = await createArticle(author, { title: 'Same headline', sectionId });
    const third = await createArticle(author, { title: 'Same headline', sectionId });
    assert.deepEqual([first.slug, second.slug, third.slug], ['same-headline', 'same-headline-2', 'same-headline-3']);
  });

  it('gives simultaneous articles with one title distinct slugs', async () => {
    const title = `Breaking ${Date.now()}`;
    const created = await Promise.all(Array.from({ length: 4 }, () => author.call<ArticleJson>('POST', '/api/admin/articles', { title, sectionId })));
    assert.deepEqual(created.map((r) => r.status), [201, 201, 201, 201]);
    assert.equal(new Set(created.map((r) => r.body.slug)).size, 4);
  });

  it("lets a draft's slug follow its title until it is set by hand", async () => {
    const draft = await createArticle(author, { title: 'Working title', sectionId });
    const retitled = await author.call<ArticleJson>('PUT', `/api/admin/articles/${draft.id}`, { version: 1, title: 'Final title' });
    assert.equal(retitled.body.slug, 'final-title');
    const handSet = await author.call<ArticleJson>('PUT', `/api/admin/articles/${draft.id}`, { version: 2, slug: 'chosen-slug' });
    assert.equal(handSet.body.slug, 'chosen-slug');
    // The client sends the slug it was given alongside a new title: the slug stays.
    const again = await author.call<ArticleJson>('PUT', `/api/admin/articles/${draft.id}`, { version: 3, title: 'Another title', slug: 'chosen-slug' });
    assert.equal(again.body.slug, 'chosen-slug');
    const later = await author.call<ArticleJson>('PUT', `/api/admin/articles/${draft.id}`, { version: 4, title: 'Yet another title' });
    assert.equal(later.body.slug, 'chosen-slug');
  });

  it('edits, then publishes, with derived word count and a publish time', async () => {
    const created = await createArticle(author, { title: 'Budget passes', sectionId });
    const tag = await createTagFixture(server.context);
    const byline = await createAuthorFixture(server.context);
    const location = await createLocationFixture(server.context);
    const saved = await author.call<ArticleJson>('PUT', `/api/admin/articles/${created.id}`, {
      version: created.version,
      standfirst: 'Parliament agreed.',
      body: textBody('One two three four five.', 'Six seven.'),
      tagIds: [tag.id],
      authorIds: [byline.id],
      locationId: location.id,
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.version, 2);
    assert.equal(saved.body.wordCount, 7);
    assert.deepEqual(saved.body.tagIds, [tag.id]);
    assert.deepEqual(saved.body.authorIds, [byline.id]);
    const published = await author.call<ArticleJson>('POST', `/api/admin/articles/${created.id}/publish`, { version: 2 });
    assert.equal(published.status, 200, JSON.stringify(published.body));
    assert.equal(published.body.status, 'published');
    assert.ok(published.body.publishedAt && Date.parse(published.body.publishedAt) <= Date.now());
    const read = await editor.call<ArticleJson>('GET', `/api/admin/articles/${created.id}`);
    assert.equal(read.body.standfirst, 'Parliament agreed.');
    const audit = await server.context.database.db
      .selectFrom('audit_log')
      .select(['action', 'user_id'])
      .where('subject_type', '=', 'article')
      .where('subject_id', '=', String(created.id))
      .execute();
    assert.deepEqual(audit, [{ action: 'article.publish', user_id: author.user.id }]);
  });

  it('keeps published_at when an article is unpublished and published again', async () => {
    const created = await createArticle(author, { title: 'Republished', sectionId });
    const first = await author.call<ArticleJson>('POST', `/api/admin/articles/${created.id}/publish`, { version: 1 });
    const down = await author.call<ArticleJson>('POST', `/api/admin/articles/${created.id}/unpublish`, { version: first.body.version });
    assert.equal(down.body.status, 'draft');
    const again = await author.call<ArticleJson>('POST', `/api/admin/articles/${created.id}/publish`, { version: down.body.version });
    assert.equal(again.body.publishedAt, first.body.publishedAt);
  });

  it('refuses a contributor publishing (403) but lets them submit for review', async () => {
    const draft = await createArticle(contributor, { title: 'From a contributor', sectionId });
    const publish = await contributor.call('POST', `/api/admin/articles/${draft.id}/publish`, { version: draft.version });
    assert.equal(publish.status, 403);
    const submit = await contributor.call<ArticleJson>('POST', `/api/admin/articles/${draft.id}/submit`, { version: draft.version });
    assert.equal(submit.status, 200, JSON.stringify(submit.body));
    assert.equal(submit.body.status, 'review');
  });

  it('lets a contributor edit their draft but not once it is published', async () => {
    const draft = await createArticle(contributor, { title: 'Contributor copy', sectionId });
    const edit = await contributor.call<ArticleJson>('PUT', `/api/admin/articles/${draft.id}`, { version: 1, standfirst: 'Fine.' });
    assert.equal(edit.status, 200);
    const published = await editor.call<ArticleJson>('POST', `/api/admin/articles/${draft.id}/publish`, { version: edit.body.version });
    assert.equal(published.status, 200);
    const late = await contributor.call('PUT', `/api/admin/articles/${draft.id}`, { version: published.body.version, standfirst: 'Changed.' });
    assert.equal(late.status, 403);
  });

  it("lets an author publish their own article but not another author's", async () => {
    const own = await createArticle(author, { title: 'Mine', sectionId });
    const theirs = await createArticle(otherAuthor, { title: 'Theirs', sectionId });
    assert.equal((await author.call('POST', `/api/admin/articles/${own.id}/publish`, { version: 1 })).status, 200);
    assert.equal((await author.call('POST', `/api/admin/articles/${theirs.id}/publish`, { version: 1 })).status, 403);
    assert.equal((await author.call('PUT', `/api/admin/articles/${theirs.id}`, { version: 1, title: 'Hijacked' })).status, 403);
    assert.equal((await author.call('GET', `/api/admin/articles/${theirs.id}`)).status, 403);
  });

  it("refuses every workflow step on another writer's article, and a contributor's own beyond submitting", async () => {
    const theirs = await createArticle(editor, { title: 'Editor owned', sectionId });
    const published = await editor.call<ArticleJson>('POST', `/api/admin/articles/${theirs.id}/publish`, { version: 1 });
    const v = published.body.version;
    for (const as of [contributor, author]) {
      for (const step of ['unpublish', 'trash', 'restore', 'submit', 'approve']) {
        assert.equal((await as.call('POST', `/api/admin/articles/${theirs.id}/${step}`, { version: v })).status, 403, `${as.user.role} ${step}`);
      }
      assert.equal((await as.call('POST', `/api/admin/articles/${theirs.id}/corrections`, { kind: 'update', text: 'x' })).status, 403);
      assert.equal((await as.call('GET', `/api/admin/articles/${theirs.id}/revisions`)).status, 403);
      assert.equal((await as.call('PUT', `/api/admin/articles/${theirs.id}`, { version: v, title: 'x' })).status, 403);
    }
    const own = await createArticle(contributor, { title: 'Contributor owned', sectionId });
    for (const step of ['trash', 'unpublish']) {
      assert.equal((await contributor.call('POST', `/api/admin/articles/${own.id}/${step}`, { version: 1 })).status, 403, step);
    }
    const future = new Date(Date.now() + 3600_000).toISOString();
    assert.equal((await contributor.call('POST', `/api/admin/articles/${own.id}/schedule`, { version: 1, scheduledAt: future })).status, 403);
    const stored = await editor.call<ArticleJson>('GET', `/api/admin/articles/${theirs.id}`);
    assert.equal(stored.body.version, v, 'nothing changed');
  });

  it('lets an editor publish anyone’s article', async () => {
    const theirs = await createArticle(contributor, { title: 'For the editor', sectionId });
    const published = await editor.call<ArticleJson>('POST', `/api/admin/articles/${theirs.id}/publish`, { version: 1 });
    assert.equal(published.status, 200);
    assert.equal(published.body.status, 'published');
  });

  it('answers 401 without a session', async () => {
    const response = await fetch(`${server.url}/api/admin/articles`);
    assert.equal(response.status, 401);
  });

  it('lists articles in the reader’s scope: editors all, writers their own plus published', async () => {
    const marker = `scope${Date.now()}`;
    const mine = await createArticle(contributor, { title: `${marker} mine`, sectionId });
    const othersDraft = await createArticle(otherAuthor, { title: `${marker} other draft`, sectionId });
    const othersPublished = await createArticle(otherAuthor, { title: `${marker} other published`, sectionId });
    await otherAuthor.call('POST', `/api/admin/articles/${othersPublished.id}/publish`, { version: 1 });
    const asContributor = await contributor.call<{ items: Array<{ id: number }>; total: number }>('GET', `/api/admin/articles?q=${marker}`);
    assert.deepEqual(asContributor.body.items.map((a) => a.id).sort(), [mine.id, othersPublished.id].sort());
    assert.equal(asContributor.body.total, 2);
    const asEditor = await editor.call<{ items: Array<{ id: number }>; total: number }>('GET', `/api/admin/articles?q=${marker}`);
    assert.deepEqual(asEditor.body.items.map((a) => a.id).sort(), [mine.id, othersDraft.id, othersPublished.id].sort());
    const drafts = await editor.call<{ items: Array<{ id: number; status: string }> }>('GET', `/api/admin/articles?q=${marker}&status=draft`);
    assert.deepEqual(drafts.body.items.map((a) => a.id).sort(), [mine.id, othersDraft.id].sort());
    const onlyMine = await otherAuthor.call<{ items: Array<{ id: number }> }>('GET', `/api/admin/articles?q=${marker}&mine=1`);
    assert.deepEqual(onlyMine.body.items.map((a) => a.id).sort(), [othersDraft.id, othersPublished.id].sort());
  });

  it('answers 400 naming the field for malformed input', async () => {
    const empty = await author.call('POST', '/api/admin/articles', { title: '   ', sectionId });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.field, 'title');
    const badBody = await author.call('POST', '/api/admin/articles', { title: 'x', sectionId, body: { type: 'doc', content: [{ type: 'script' }] } });
    assert.equal(badBody.status, 400);
    assert.match(badBody.body.field, /^body/);
    const badLink = await author.call('POST', '/api/admin/articles', {
      title: 'x',
      sectionId,
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] },
    });
    assert.equal(badLink.status, 400);
    assert.match(badLink.body.field, /^body/);
    const badSlug = await author.call('POST', '/api/admin/articles', { title: 'x', sectionId, slug: 'Not A Slug' });
    assert.equal(badSlug.status, 400);
    assert.equal(badSlug.body.field, 'slug');
    const noVersion = await author.call('PUT', '/api/admin/articles/1', { title: 'x' });
    assert.equal(noVersion.status, 400);
    assert.equal(noVersion.body.field, 'version');
  });

  it('answers 422 naming the field for references that do not exist', async () => {
    const missingSection = await author.call('POST', '/api/admin/articles', { title: 'x', sectionId: 999999 });
    assert.equal(missingSection.status, 422);
    assert.equal(missingSection.body.field, 'sectionId');
    const draft = await createArticle(author, { title: 'References', sectionId });
    for (const [field, value] of [['tagIds', [999999]], ['authorIds', [999999]], ['locationId', 999999], ['leadMediaId', 999999]] as const) {
      const response = await author.call('PUT', `/api/admin/articles/${draft.id}`, { version: draft.version, [field]: value });
      assert.equal(response.status, 422, field);
      assert.equal(response.body.field, field);
    }
    const figure = await author.call('PUT', `/api/admin/articles/${draft.id}`, {
      version: draft.version,
      body: { type: 'doc', content: [{ type: 'figure', attrs: { mediaId: 999999 } }] },
    });
    assert.equal(figure.status, 422);
    assert.equal(figure.body.field, 'body');
  });

  it('refuses an explicit slug another article in the section uses', async () => {
    const first = await createArticle(author, { title: 'Taken slug', sectionId });
    const second = await createArticle(author, { title: 'Other', sectionId });
    const response = await author.call('PUT', `/api/admin/articles/${second.id}`, { version: second.version, slug: first.slug });
    assert.equal(response.status, 422);
    assert.equal(response.body.field, 'slug');
  });

  it('answers 404 for an article that does not exist', async () => {
    assert.equal((await editor.call('GET', '/api/admin/articles/987654')).status, 404);
  });

  it('moves to the trash and restores to the status before', async () => {
    const created = await createArticle(author, { title: 'Trash me', sectionId });
    const published = await author.call<ArticleJson>('POST', `/api/admin/articles/${created.id}/publish`, { version: 1 });
    const trashed = await author.call<ArticleJson>('POST', `/api/admin/articles/${created.id}/trash`, { version: published.body.version });
    assert.equal(trashed.body.status, 'trashed');
    const inTrash = await editor.call<{ items: Array<{ id: number }> }>('GET', '/api/admin/articles?status=trashed');
    assert.ok(inTrash.body.items.some((a) => a.id === created.id));
    const listed = await editor.call<{ items: Array<{ id: number }> }>('GET', '/api/admin/articles?q=Trash%20me');
    assert.ok(!listed.body.items.some((a) => a.id === created.id), 'trashed articles stay out of the default list');
    const restored = await author.call<ArticleJson>('POST', `/api/admin/articles/${created.id}/restore`, { version: trashed.body.version });
    assert.equal(restored.body.status, 'published');
    const actions = await server.context.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', String(created.id))
      .orderBy('id')
      .execute();
    assert.deepEqual(actions.map((a) => a.action), ['article.publish', 'article.trash', 'article.restore']);
  });

  it('restores a trashed scheduled article to draft when its time passed in the trash', async () => {
    const created = await createArticle(author, { title: 'Lapsed schedule', sectionId });
    const future = new Date(Date.now() + 3600_000).toISOString();
    const scheduled = await author.call<ArticleJson>('POST', `/api/admin/articles/${created.id}/schedule`, { version: 1, scheduledAt: future });
    const trashed = await author.call<ArticleJson>('POST', `/api/admin/articles/${created.id}/trash`, { version: scheduled.body.version });
    // Time passes while it sits in the trash.
    await server.context.database.db.updateTable('articles').set({ scheduled_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', created.id).execute();
    const restored = await author.call<ArticleJson>('POST', `/api/admin/articles/${created.id}/restore`, { version: trashed.body.version });
    assert.equal(restored.body.status, 'draft');
    assert.equal(restored.body.scheduledAt, null);
  });

  it('runs the review workflow: submit, return with a note, submit, approve', async () => {
    const draft = await createArticle(contributor, { title: 'Needs review', sectionId });
    const submitted = await contributor.call<ArticleJson>('POST', `/api/admin/articles/${draft.id}/submit`, { version: 1 });
    const queue = await editor.call<{ items: Array<{ id: number }> }>('GET', '/api/admin/review');
    assert.ok(queue.body.items.some((a) => a.id === draft.id));
    assert.equal((await contributor.call('POST', `/api/admin/articles/${draft.id}/approve`, { version: submitted.body.version })).status, 403);
    const noNote = await editor.call('POST', `/api/admin/articles/${draft.id}/return`, { version: submitted.body.version, note: '' });
    assert.equal(noNote.status, 400);
    assert.equal(noNote.body.field, 'note');
    const returned = await editor.call<ArticleJson>('POST', `/api/admin/articles/${draft.id}/return`, { version: submitted.body.version, note: 'Add a source.' });
    assert.equal(returned.body.status, 'draft');
    const mine = await contributor.call<{ items: Array<{ id: number }> }>('GET', '/api/admin/review');
    assert.ok(!mine.body.items.some((a) => a.id === draft.id));
    const again = await contributor.call<ArticleJson>('POST', `/api/admin/articles/${draft.id}/submit`, { version: returned.body.version });
    const approved = await editor.call<ArticleJson>('POST', `/api/admin/articles/${draft.id}/approve`, { version: again.body.version });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.status, 'published');
    const steps = await server.context.database.db.selectFrom('article_reviews').select(['action', 'note']).where('article_id', '=', draft.id).orderBy('id').execute();
    assert.deepEqual(steps, [
      { action: 'submitted', note: '' },
      { action: 'returned', note: 'Add a source.' },
      { action: 'submitted', note: '' },
      { action: 'approved', note: '' },
    ]);
  });

  it('refuses approve and return to writers before looking at the body (403, not 400)', async () => {
    const draft = await createArticle(author, { title: 'Not yours to approve', sectionId });
    assert.equal((await author.call('POST', `/api/admin/articles/${draft.id}/approve`, {})).status, 403);
    assert.equal((await author.call('POST', `/api/admin/articles/${draft.id}/return`, {})).status, 403);
    assert.equal((await editor.call('POST', `/api/admin/articles/${draft.id}/return`, {})).status, 400);
  });

  it('schedules only in the future', async () => {
    const draft = await createArticle(author, { title: 'Later', sectionId });
    const past = await author.call('POST', `/api/admin/articles/${draft.id}/schedule`, { version: 1, scheduledAt: '2001-01-01T00:00:00Z' });
    assert.equal(past.status, 422);
    assert.equal(past.body.field, 'scheduledAt');
    const garbage = await author.call('POST', `/api/admin/articles/${draft.id}/schedule`, { version: 1, scheduledAt: 'tomorrow' });
    assert.equal(garbage.status, 400);
    assert.equal(garbage.body.field, 'scheduledAt');
    const at = new Date(Date.now() + 3600_000).toISOString();
    const scheduled = await author.call<ArticleJson>('POST', `/api/admin/articles/${draft.id}/schedule`, { version: 1, scheduledAt: at });
    assert.equal(scheduled.body.status, 'scheduled');
    assert.equal(scheduled.body.scheduledAt, at);
  });

  it('tells who else has the article open', async () => {
    const draft = await createArticle(author, { title: 'Together', sectionId });
    const alone = await author.call<{ editors: unknown[] }>('POST', `/api/admin/articles/${draft.id}/presence`);
    assert.deepEqual(alone.body.editors, []);
    const seen = await editor.call<{ editors: Array<{ id: number; name: string }> }>('POST', `/api/admin/articles/${draft.id}/presence`);
    assert.deepEqual(seen.body.editors, [{ id: author.user.id, name: author.user.name }]);
    assert.equal((await otherAuthor.call('POST', `/api/admin/articles/${draft.id}/presence`)).status, 403);
  });
});
