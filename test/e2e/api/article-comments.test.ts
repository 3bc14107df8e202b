import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleJson } from '#src/domain/articles/article-json.ts';
import { handleOf } from '#src/domain/comments/comment-mentions.ts';
import { createUserService } from '#src/domain/people/user-service.ts';
import { asSystem } from '#src/domain/people/actor.ts';
import type { DomainEvents } from '#src/lib/events.ts';
import { createUserFixture } from '../../support/auth.ts';
import { createSectionFixture } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { apiUser, createArticle, type ApiUser } from './articles-client.ts';

type Mentioned = DomainEvents['review.mentioned'][0];

describe('review comments on an article (/api/admin/articles/:id/comments)', () => {
  let server: TestServer;
  let sectionId: number;
  let writer: ApiUser;
  let editor: ApiUser;
  let otherEditor: ApiUser;
  let outsider: ApiUser;
  const heard: Mentioned[] = [];

  before(async () => {
    server = await startTestServer();
    sectionId = (await createSectionFixture(server.context)).id;
    [writer, editor, otherEditor, outsider] = await Promise.all([
      apiUser(server, 'contributor'),
      apiUser(server, 'editor'),
      apiUser(server, 'editor'),
      apiUser(server, 'contributor'),
    ]);
    server.context.events.on('review.mentioned', (event) => heard.push(event));
  });
  after(() => server.close());

  /** A draft by the writer, submitted for review. */
  async function articleInReview(title: string): Promise<ArticleJson> {
    const draft = await createArticle(writer, { title, sectionId });
    const submitted = await writer.call<ArticleJson>('POST', `/api/admin/articles/${draft.id}/submit`, { version: draft.version });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    return submitted.body;
  }

  it('lets an editor and the writer talk in a thread, mentions reaching exactly the people named', async () => {
    const article = await articleInReview('Harvest figures');
    const path = `/api/admin/articles/${article.id}/comments`;
    const opening = await editor.call('POST', path, { body: `@${handleOf(writer.user.email)} the second figure needs a source. cc @${otherEditor.user.name}` });
    assert.equal(opening.status, 201, JSON.stringify(opening.body));
    assert.deepEqual(
      opening.body.mentions.map((m: { userId: number }) => m.userId).sort(),
      [writer.user.id, otherEditor.user.id].sort(),
    );
    const reply = await writer.call('POST', `${path}/${opening.body.id}/replies`, { body: `Added the ministry's table, @${editor.user.name}.` });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    assert.equal(reply.body.parentId, opening.body.id);

    const events = heard.filter((e) => e.articleId === article.id);
    assert.deepEqual(events, [
      { articleId: article.id, commentId: opening.body.id, authorId: editor.user.id, mentionedUserIds: [writer.user.id, otherEditor.user.id] },
      { articleId: article.id, commentId: reply.body.id, authorId: writer.user.id, mentionedUserIds: [editor.user.id] },
    ]);

    const listed = await writer.call('GET', path);
    assert.equal(listed.status, 200);
    assert.equal(listed.body.threads.length, 1);
    assert.equal(listed.body.threads[0].author.name, editor.user.name);
    assert.deepEqual(listed.body.threads[0].replies.map((r: { id: number }) => r.id), [reply.body.id]);
    assert.deepEqual(listed.body.reviewSteps.map((s: { action: string }) => s.action), ['submitted']);

    const audit = await server.context.database.db
      .selectFrom('audit_log')
      .select(['user_id', 'details'])
      .where('action', '=', 'comment.created')
      .where('subject_id', '=', String(article.id))
      .orderBy('id')
      .execute();
    assert.deepEqual(audit.map((a) => a.user_id), [editor.user.id, writer.user.id]);
    assert.equal(JSON.parse(audit[1]!.details).replyTo, opening.body.id);
  });

  it('puts a reply to a reply in the same thread (one level of replies)', async () => {
    const article = await articleInReview('Thread depth');
    const path = `/api/admin/articles/${article.id}/comments`;
    const opening = await editor.call('POST', path, { body: 'Check the dates.' });
    const reply = await writer.call('POST', `${path}/${opening.body.id}/replies`, { body: 'Which ones?' });
    const deeper = await editor.call('POST', `${path}/${reply.body.id}/replies`, { body: 'The second paragraph.' });
    assert.equal(deeper.status, 201);
    assert.equal(deeper.body.parentId, opening.body.id);
  });

  it('keeps the note of a return in the discussion after the writer resubmits', async () => {
    const article = await articleInReview('Returned story');
    const returned = await editor.call<ArticleJson>('POST', `/api/admin/articles/${article.id}/return`, { version: article.version, note: 'Shorten the intro.' });
    assert.equal(returned.status, 200, JSON.stringify(returned.body));
    const resubmitted = await writer.call<ArticleJson>('POST', `/api/admin/articles/${article.id}/submit`, { version: returned.body.version });
    assert.equal(resubmitted.status, 200);
    const listed = await writer.call('GET', `/api/admin/articles/${article.id}/comments`);
    assert.deepEqual(
      listed.body.reviewSteps.map((s: { action: string; note: string }) => [s.action, s.note]),
      [['submitted', ''], ['returned', 'Shorten the intro.'], ['submitted', '']],
    );
  });

  it('refuses a mention of a disabled colleague, naming them, and stores nothing', async () => {
    const article = await articleInReview('Disabled mention');
    const gone = await createUserFixture(server.context, { role: 'editor', name: 'Dana Left' });
    await createUserService(server.context).setDisabled(asSystem(), gone.id, true);
    const answer = await editor.call('POST', `/api/admin/articles/${article.id}/comments`, { body: 'Ask @Dana Left about it.' });
    assert.equal(answer.status, 422, JSON.stringify(answer.body));
    assert.equal(answer.body.field, 'body');
    assert.match(answer.body.message, /@Dana Left .*disabled/);
    const listed = await editor.call('GET', `/api/admin/articles/${article.id}/comments`);
    assert.deepEqual(listed.body.threads, []);
  });

  it('refuses a mention of nobody, and of a colleague who could not open the article, naming each', async () => {
    const article = await articleInReview('Unknown mention');
    const path = `/api/admin/articles/${article.id}/comments`;
    const unknown = await editor.call('POST', path, { body: 'Ask @nobody-here-at-all please.' });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.field, 'body');
    assert.match(unknown.body.message, /@nobody-here-at-all/);
    const blind = await editor.call('POST', path, { body: `@${handleOf(outsider.user.email)} have a look` });
    assert.equal(blind.status, 422);
    assert.match(blind.body.message, new RegExp(`@${handleOf(outsider.user.email)} cannot open this article`));
  });

  it('refuses a comment over the size limit, naming the field', async () => {
    const article = await articleInReview('Long comment');
    const answer = await editor.call('POST', `/api/admin/articles/${article.id}/comments`, { body: 'x'.repeat(5001) });
    assert.equal(answer.status, 400, JSON.stringify(answer.body));
    assert.equal(answer.body.field, 'body');
    assert.match(answer.body.message, /5000/);
  });

  it('does not treat an email address in the text as a mention', async () => {
    const article = await articleInReview('Email in text');
    const answer = await editor.call('POST', `/api/admin/articles/${article.id}/comments`, { body: 'Write to press@ministry.example for the table.' });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.deepEqual(answer.body.mentions, []);
  });

  it('keeps the comments of an article from colleagues who may not read it', async () => {
    const article = await articleInReview('Private draft talk');
    const path = `/api/admin/articles/${article.id}/comments`;
    await editor.call('POST', path, { body: 'Only for the writer.' });
    assert.equal((await outsider.call('GET', path)).status, 403);
    assert.equal((await outsider.call('POST', path, { body: 'Let me in' })).status, 403);
    assert.equal((await editor.call('GET', '/api/admin/articles/99999999/comments')).status, 404);
  });

  it('lets only its author edit a comment, marks it edited, and tells only the newly mentioned', async () => {
    const article = await articleInReview('Edits');
    const path = `/api/admin/articles/${article.id}/comments`;
    const comment = await editor.call('POST', path, { body: `@${writer.user.name} check the quote.` });
    assert.equal(comment.body.editedAt, null);
    assert.equal((await otherEditor.call('PATCH', `${path}/${comment.body.id}`, { body: 'Rewritten by someone else.' })).status, 403);
    const edited = await editor.call('PATCH', `${path}/${comment.body.id}`, { body: `@${writer.user.name} check the quote, and @${otherEditor.user.name} the photo.` });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.ok(edited.body.editedAt);
    assert.deepEqual(
      heard.filter((e) => e.commentId === comment.body.id).map((e) => e.mentionedUserIds),
      [[writer.user.id], [otherEditor.user.id]],
    );
    const refused = await editor.call('PATCH', `${path}/${comment.body.id}`, { body: 'Ask @nobody-at-all.' });
    assert.equal(refused.status, 422);
    const listed = await editor.call('GET', path);
    assert.match(listed.body.threads[0].body, /the photo\.$/);
  });

  it('lets an author withdraw their own comment and an editor any, but not a writer someone else’s', async () => {
    const article = await articleInReview('Withdrawals');
    const path = `/api/admin/articles/${article.id}/comments`;
    const fromEditor = await editor.call('POST', path, { body: 'A hasty remark.' });
    const fromWriter = await writer.call('POST', path, { body: 'A question.' });
    assert.equal((await writer.call('DELETE', `${path}/${fromEditor.body.id}`)).status, 403);
    const own = await writer.call('DELETE', `${path}/${fromWriter.body.id}`);
    assert.equal(own.status, 200);
    assert.equal(own.body.body, '');
    assert.ok(own.body.deletedAt);
    assert.equal((await otherEditor.call('DELETE', `${path}/${fromEditor.body.id}`)).status, 200);
    const listed = await writer.call('GET', path);
    assert.deepEqual(listed.body.threads.map((t: { deletedAt: string | null }) => t.deletedAt !== null), [true, true]);
  });

  it('resolves a thread (from any of its comments) and opens it again, a reply opening it too, each step audited once', async () => {
    const article = await articleInReview('Settled points');
    const path = `/api/admin/articles/${article.id}/comments`;
    const opening = await editor.call('POST', path, { body: 'The headline is too long.' });
    const answer = await writer.call('POST', `${path}/${opening.body.id}/replies`, { body: 'Shortened it.' });

    // The writer settles it through the reply: the thread is what is resolved.
    const resolved = await writer.call('POST', `${path}/${answer.body.id}/resolve`);
    assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
    assert.equal(resolved.body.id, opening.body.id);
    assert.deepEqual(resolved.body.resolution.by, { id: writer.user.id, name: writer.user.name });
    assert.equal((await editor.call('POST', `${path}/${opening.body.id}/resolve`)).body.resolution.by.id, writer.user.id, 'resolving twice changes nothing');
    assert.equal((await outsider.call('POST', `${path}/${opening.body.id}/resolve`)).status, 403);
    assert.equal((await editor.call('POST', `${path}/999999/resolve`)).status, 404);
    const listed = await editor.call('GET', path);
    assert.ok(listed.body.threads[0].resolution);

    const reopened = await editor.call('POST', `${path}/${opening.body.id}/reopen`);
    assert.equal(reopened.status, 200);
    assert.equal(reopened.body.resolution, null);
    await editor.call('POST', `${path}/${opening.body.id}/resolve`);
    await editor.call('POST', `${path}/${opening.body.id}/replies`, { body: 'On second thought, the subtitle too.' });
    assert.equal((await editor.call('GET', path)).body.threads[0].resolution, null, 'a reply raises the point again');

    const audit = await server.context.database.db
      .selectFrom('audit_log')
      .select(['action', 'user_id'])
      .where('subject_type', '=', 'article')
      .where('subject_id', '=', String(article.id))
      .where('action', 'in', ['comment.resolved', 'comment.reopened'])
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => [a.action, a.user_id]),
      [
        ['comment.resolved', writer.user.id],
        ['comment.reopened', editor.user.id],
        ['comment.resolved', editor.user.id],
      ],
    );
  });
});
