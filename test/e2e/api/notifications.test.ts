import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { asSystem } from '#src/domain/people/actor.ts';
import { createUserService } from '#src/domain/people/user-service.ts';
import { runSchedulerTick } from '#src/jobs/background.ts';
import { JOB_HANDLERS } from '#src/jobs/job-handlers.ts';
import { NOTIFICATION_DISPATCH_JOB } from '#src/jobs/notification-jobs.ts';
import { dispatchNotifications, needsDispatch } from '#src/domain/notifications/notification-dispatch.ts';
import { createUserFixture, getAs, loginAs, postForm } from '../../support/auth.ts';
import { createArticleFixture, createSectionFixture } from '../../support/factories.ts';
import { readMessage, startSmtpServer, type SmtpCatcher } from '../../support/smtp-catcher.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { apiUser, createArticle, textBody, type ApiUser } from './articles-client.ts';

/** The recipient, subject and decoded body of each mail the catcher holds, by recipient. */
function mailsByRecipient(smtp: SmtpCatcher): Map<string, { subject: string; body: string }> {
  const mails = new Map<string, { subject: string; body: string }>();
  for (const message of smtp.takeAll()) {
    const { headers, body } = readMessage(message);
    const to = /^To: (.*)$/m.exec(headers)![1]!.trim();
    const subject = /^Subject: (.*)$/m.exec(headers)![1]!.trim();
    assert.ok(!mails.has(to), `one mail per recipient, twice to ${to}`);
    mails.set(to, { subject: decodeHeader(subject), body });
  }
  return mails;
}

/** Undoes RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=). */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_m, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_n, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}

describe('notifications, written and mailed through the job queue', () => {
  let server: TestServer;
  let smtp: SmtpCatcher;

  /**
   * Does `happen`, finds the notification job it queued with its commit (the outbox, ADR 0052: there
   * as soon as `happen` is done, no waiting), then runs the queue: the job, then its mails.
   */
  async function afterNotificationJob(happen: () => unknown): Promise<void> {
    const db = server.context.database.db;
    const count = async () => Number((await db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', NOTIFICATION_DISPATCH_JOB).executeTakeFirstOrThrow()).n);
    const before = await count();
    await happen();
    assert.equal(await count(), before + 1, 'one notification job, queued with the change');
    await runSchedulerTick(server.context, { handlers: JOB_HANDLERS });
    await runSchedulerTick(server.context, { handlers: JOB_HANDLERS });
  }

  /** A comment's mention as its service records it, in a transaction of its own (the comment itself is not needed). */
  function recordMention(mention: { articleId: number; commentId: number; authorId: number; mentionedUserIds: number[] }): Promise<void> {
    return server.context.events.recordAfter(server.context.database.db, 'review.mentioned', mention);
  }

  async function notificationsOf(userId: number) {
    return server.context.database.db.selectFrom('notifications').selectAll().where('recipient_id', '=', userId).orderBy('id').execute();
  }

  before(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'newsroom@example.test' });
  });
  after(async () => {
    await server?.close();
    await smtp?.close();
  });
  beforeEach(() => {
    smtp.takeAll();
  });

  it('tells editors of a submission, and the writer of the return, the approval and a correction, each by their channels', async () => {
    const section = await createSectionFixture(server.context);
    const writer = await apiUser(server, 'contributor');
    await createUserService(server.context).setInterfaceLanguage(asSystem(), writer.user.id, 'ru');
    const editor: ApiUser = await apiUser(server, 'editor');
    const admin = await createUserFixture(server.context, { role: 'admin' });
    const away = await createUserFixture(server.context, { role: 'editor' });
    await createUserService(server.context).setDisabled(asSystem(), away.id, true);
    const draft = await createArticle(writer, { title: 'Bridge repairs <b>start</b>', sectionId: section.id, body: textBody('Work begins on Monday.') });

    let submitted = { status: 0, body: { version: 0 } };
    await afterNotificationJob(async () => {
      submitted = await writer.call('POST', `/api/admin/articles/${draft.id}/submit`, { version: draft.version });
      assert.equal(submitted.status, 200);
      assert.equal((await notificationsOf(editor.user.id)).length, 0, 'nothing is written on the request path');
    });
    for (const person of [editor.user, admin]) {
      const [notice] = await notificationsOf(person.id);
      assert.equal(notice?.kind, 'review_submitted');
      assert.equal(notice?.article_id, draft.id);
      assert.equal(notice?.actor_id, writer.user.id);
    }
    assert.equal((await notificationsOf(away.id)).length, 0, 'a disabled editor hears nothing');
    assert.equal((await notificationsOf(writer.user.id)).length, 0, 'nobody is told of their own act');
    let mails = mailsByRecipient(smtp);
    assert.deepEqual([...mails.keys()].sort(), [editor.user.email, admin.email].sort());
    const toEditor = mails.get(editor.user.email)!;
    assert.equal(toEditor.subject, `${writer.user.name} submitted “Bridge repairs <b>start</b>” for review`);
    assert.match(toEditor.body, new RegExp(`${server.context.config.baseUrl.replace(/[.:/]/g, '\\$&')}/newsroom/articles/${draft.id}\\b`));

    let returned = { status: 0, body: { version: 0 } };
    await afterNotificationJob(async () => (returned = await editor.call('POST', `/api/admin/articles/${draft.id}/return`, { version: submitted.body.version, note: 'Add a quote.' })));
    assert.equal(returned.status, 200);
    assert.deepEqual((await notificationsOf(writer.user.id)).map((n) => n.kind), ['review_returned']);
    mails = mailsByRecipient(smtp);
    assert.deepEqual([...mails.keys()], [writer.user.email]);
    assert.equal(mails.get(writer.user.email)!.subject, `${editor.user.name} вернул(а) вашу статью «Bridge repairs <b>start</b>»`, 'in the writer’s newsroom language');

    let again = { status: 0, body: { version: 0 } };
    await afterNotificationJob(async () => (again = await writer.call('POST', `/api/admin/articles/${draft.id}/submit`, { version: returned.body.version })));
    smtp.takeAll();
    let approved = { status: 0 };
    await afterNotificationJob(async () => (approved = await editor.call('POST', `/api/admin/articles/${draft.id}/approve`, { version: again.body.version })));
    assert.equal(approved.status, 200);
    assert.deepEqual((await notificationsOf(writer.user.id)).map((n) => n.kind), ['review_returned', 'review_approved']);
    assert.equal(mailsByRecipient(smtp).size, 0, 'an approval is not mailed by default');

    let corrected = { status: 0 };
    await afterNotificationJob(async () => (corrected = await editor.call('POST', `/api/admin/articles/${draft.id}/corrections`, { kind: 'correction', text: 'The date was wrong.' })));
    assert.equal(corrected.status, 201);
    assert.deepEqual((await notificationsOf(writer.user.id)).map((n) => n.kind), ['review_returned', 'review_approved', 'correction_added']);
    assert.deepEqual([...mailsByRecipient(smtp).keys()], [writer.user.email]);
  });

  it('tells the writer of an approval when an editor schedules the article from review (ADR 0034)', async () => {
    const section = await createSectionFixture(server.context);
    const writer = await apiUser(server, 'contributor');
    const editor = await apiUser(server, 'editor');
    const draft = await createArticle(writer, { title: 'Scheduled from review', sectionId: section.id, body: textBody('Soon.') });
    let submitted = { status: 0, body: { version: 0 } };
    await afterNotificationJob(async () => (submitted = await writer.call('POST', `/api/admin/articles/${draft.id}/submit`, { version: draft.version })));
    const scheduledAt = new Date(Date.now() + 3_600_000).toISOString();
    let scheduled = { status: 0 };
    await afterNotificationJob(async () => (scheduled = await editor.call('POST', `/api/admin/articles/${draft.id}/schedule`, { version: submitted.body.version, scheduledAt })));
    assert.equal(scheduled.status, 200);
    assert.deepEqual((await notificationsOf(writer.user.id)).map((n) => [n.kind, n.actor_id]), [['review_approved', editor.user.id]]);
  });

  it('tells the mentioned (enabled, not the comment’s author) and follows each person’s choices', async () => {
    const article = await createArticleFixture(server.context, { title: 'Mentioned piece' });
    const author = await createUserFixture(server.context, { role: 'author' });
    const mentioned = await createUserFixture(server.context, { role: 'editor' });
    const disabled = await createUserFixture(server.context, { role: 'editor' });
    await createUserService(server.context).setDisabled(asSystem(), disabled.id, true);
    const mention = () => recordMention({ articleId: article.id, commentId: 7, authorId: author.id, mentionedUserIds: [mentioned.id, disabled.id, author.id] });

    await afterNotificationJob(mention);
    const [first] = await notificationsOf(mentioned.id);
    assert.equal(first?.kind, 'mention');
    assert.equal(first?.comment_id, 7);
    assert.equal((await notificationsOf(disabled.id)).length + (await notificationsOf(author.id)).length, 0);
    const mails = mailsByRecipient(smtp);
    assert.deepEqual([...mails.keys()], [mentioned.email]);
    assert.match(mails.get(mentioned.email)!.body, /mentioned you in a review comment on “Mentioned piece”/);

    // In the newsroom only: the mail box is left unticked (an unticked box is off).
    const session = await loginAs(server, mentioned);
    const saved = await postForm(server, session, '/newsroom/account/notifications', { 'mention.inApp': '1' });
    assert.equal(saved.status, 303);
    const account = await (await getAs(server, session, '/newsroom/password')).text();
    assert.match(account, /name="mention\.inApp" value="1" checked/);
    assert.doesNotMatch(account, /name="mention\.byMail" value="1" checked/);
    await afterNotificationJob(mention);
    assert.equal((await notificationsOf(mentioned.id)).length, 2);
    assert.equal(mailsByRecipient(smtp).size, 0);

    // Nothing at all: neither box ticked.
    await postForm(server, session, '/newsroom/account/notifications', {});
    await afterNotificationJob(mention);
    assert.equal((await notificationsOf(mentioned.id)).length, 2);
    assert.equal(mailsByRecipient(smtp).size, 0);
  });

  it('turns a mention in a review comment, written through the comments API, into the writer’s notification and mail', async () => {
    const section = await createSectionFixture(server.context);
    const writer = await apiUser(server, 'contributor');
    const editor = await apiUser(server, 'editor');
    const draft = await createArticle(writer, { title: 'Grain prices', sectionId: section.id, body: textBody('Prices rose.') });
    const handle = writer.user.email.split('@')[0]!;
    let commentId = 0;
    await afterNotificationJob(async () => {
      const comment = await editor.call<{ id: number }>('POST', `/api/admin/articles/${draft.id}/comments`, { body: `@${handle} which month are these prices from?` });
      assert.equal(comment.status, 201, JSON.stringify(comment.body));
      commentId = comment.body.id;
    });
    const notes = await notificationsOf(writer.user.id);
    assert.deepEqual(notes.map((note) => [note.kind, note.comment_id, note.article_id]), [['mention', commentId, draft.id]]);
    const mails = mailsByRecipient(smtp);
    assert.deepEqual([...mails.keys()], [writer.user.email]);
    assert.match(mails.get(writer.user.email)!.body, /mentioned you in a review comment on “Grain prices”/);
  });

  it('tells the writer and the scheduler when a scheduled article goes out, and of a failed schedule once, not every tick', async () => {
    const writer = await createUserFixture(server.context, { role: 'author' });
    const scheduler = await createUserFixture(server.context, { role: 'editor' });
    const db = server.context.database.db;
    const due = await createArticleFixture(server.context, { title: 'Due now', status: 'scheduled', scheduledAt: new Date(Date.now() - 60_000).toISOString() });
    await db.updateTable('articles').set({ created_by: writer.id }).where('id', '=', due.id).execute();
    await db
      .insertInto('audit_log')
      .values({ user_id: scheduler.id, action: 'article.schedule', subject_type: 'article', subject_id: String(due.id), details: '{}', created_at: new Date().toISOString() })
      .execute();
    await afterNotificationJob(() => runSchedulerTick(server.context, { handlers: JOB_HANDLERS }));
    for (const person of [writer, scheduler]) assert.deepEqual((await notificationsOf(person.id)).map((n) => n.kind), ['schedule_published']);
    assert.equal(mailsByRecipient(smtp).size, 0, 'a publication on schedule is not mailed by default');

    // Its lead image has no alt text: the scheduler refuses it at every tick, and it stays scheduled.
    const media = await db
      .insertInto('media')
      .values({ file_key: 'x.png', mime_type: 'image/png', width: 1, height: 1, byte_size: 1, sha256: `sha-${due.id}`, original_name: 'x.png', caption: '', credit: '', alt_text: '', search_text: 'x.png', created_by: null, created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const stuck = await createArticleFixture(server.context, { title: 'Stuck', status: 'scheduled', scheduledAt: new Date(Date.now() - 60_000).toISOString(), leadMediaId: media.id });
    await db.updateTable('articles').set({ created_by: writer.id }).where('id', '=', stuck.id).execute();
    await afterNotificationJob(() => runSchedulerTick(server.context, { handlers: JOB_HANDLERS }));
    await runSchedulerTick(server.context, { handlers: JOB_HANDLERS });
    const failed = { kind: 'schedule_failed', articleId: stuck.id, actorId: null } as const;
    assert.equal(await needsDispatch(db, failed), false, 'the next tick’s failure queues no job');
    // Two ticks may have queued jobs before either ran: the second writes and mails nothing.
    assert.deepEqual(await dispatchNotifications(server.context, failed, async () => assert.fail('no mail')), { inApp: 0, mails: 0 });
    assert.deepEqual((await notificationsOf(writer.id)).map((n) => n.kind), ['schedule_published', 'schedule_failed']);
    assert.deepEqual([...mailsByRecipient(smtp).keys()], [writer.email], 'one mail for the failure');
  });

  it('shows the bell’s count on every newsroom page and lists, marks read and marks all read, for their owner only', async () => {
    const article = await createArticleFixture(server.context, { title: 'Bell <script>alert(1)</script>' });
    const reader = await createUserFixture(server.context, { role: 'contributor' });
    const other = await createUserFixture(server.context, { role: 'contributor' });
    await afterNotificationJob(() => recordMention({ articleId: article.id, commentId: 1, authorId: other.id, mentionedUserIds: [reader.id] }));
    await afterNotificationJob(() => recordMention({ articleId: article.id, commentId: 2, authorId: reader.id, mentionedUserIds: [reader.id, other.id] }));
    await afterNotificationJob(() => recordMention({ articleId: article.id, commentId: 3, authorId: other.id, mentionedUserIds: [reader.id] }));
    const session = await loginAs(server, reader);
    const dashboard = await (await getAs(server, session, '/newsroom')).text();
    assert.match(dashboard, /href="\/newsroom\/notifications">.*Notifications<span class="nr-bell__count">2<span class="nr-visually-hidden"> unread/);
    const list = await getAs(server, session, '/newsroom/notifications');
    assert.equal(list.status, 200);
    const html = await list.text();
    assert.equal(html.match(/nr-notification--unread/g)?.length, 2);
    assert.ok(html.includes('“Bell &lt;script>alert(1)&lt;/script>”'), html);

    const [mine] = await notificationsOf(reader.id);
    const [theirs] = await notificationsOf(other.id);
    assert.equal((await postForm(server, session, `/newsroom/notifications/${theirs!.id}/read`, {})).status, 404, 'another person’s notification is unknown');
    assert.equal((await notificationsOf(other.id))[0]!.read_at, null);
    assert.equal((await postForm(server, session, `/newsroom/notifications/${mine!.id}/read`, {})).status, 303);
    assert.match(await (await getAs(server, session, '/newsroom')).text(), /nr-bell__count">1</);
    assert.equal((await postForm(server, session, '/newsroom/notifications/read-all', {})).status, 303);
    const after = await (await getAs(server, session, '/newsroom/notifications')).text();
    assert.doesNotMatch(after, /nr-notification--unread|nr-bell__count/);
    assert.ok((await notificationsOf(reader.id)).every((n) => n.read_at !== null));
  });
});
