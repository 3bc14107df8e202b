import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { runSchedulerTick } from '#src/jobs/background.ts';
import { JOB_HANDLERS } from '#src/jobs/job-handlers.ts';
import { NOTIFICATION_DISPATCH_JOB } from '#src/jobs/notification-jobs.ts';
import { createUserFixture, loginAs, loginInBrowser } from '../../support/auth.ts';
import { launchBrowser, ProblemLog } from '../../support/browser.ts';
import { createArticleFixture } from '../../support/factories.ts';
import { accessibilityProblems, htmlErrorsOf } from '../../support/page-checks.ts';
import { readMessage, startSmtpServer, type SmtpCatcher } from '../../support/smtp-catcher.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('the notification and invitation pages in a browser', () => {
  let server: TestServer;
  let smtp: SmtpCatcher;
  let browser: Browser;

  /** Mentions `userId` on a fresh article, and runs the queue once the notification job is queued. */
  async function mention(userId: number, authorId: number): Promise<void> {
    const article = await createArticleFixture(server.context, { title: 'Water prices rise' });
    const db = server.context.database.db;
    // As the comment service records it: the notification job commits with the mention (ADR 0052).
    await server.context.events.recordAfter(db, 'review.mentioned', { articleId: article.id, commentId: 1, authorId, mentionedUserIds: [userId] });
    assert.ok(await db.selectFrom('jobs').select('id').where('kind', '=', NOTIFICATION_DISPATCH_JOB).where('done_at', 'is', null).executeTakeFirst(), 'a notification job');
    await runSchedulerTick(server.context, { handlers: JOB_HANDLERS });
  }

  before(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  it('follows the bell to the list and marks everything read, without JavaScript', async () => {
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const colleague = await createUserFixture(server.context, { role: 'author', name: 'Bolat' });
    await mention(editor.id, colleague.id);
    await mention(editor.id, colleague.id);
    const log = new ProblemLog();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = log.watch(await context.newPage());
    await loginInBrowser(page, server, editor);
    await page.getByRole('link', { name: 'Notifications 2 unread' }).click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Bolat mentioned you in a review comment on “Water prices rise”' }).count(), 2);
    await Promise.all([page.waitForURL(/\/newsroom\/notifications$/), page.getByRole('button', { name: 'Mark all read' }).click()]);
    await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: /^Mark read/ }).count(), 0);
    await context.close();
    assert.deepEqual(log.problems, []);
  });

  it('serves valid HTML without serious accessibility problems', async () => {
    const admin = await createUserFixture(server.context, { role: 'admin' });
    const other = await createUserFixture(server.context, { role: 'author' });
    await mention(admin.id, other.id);
    const session = await loginAs(server, admin);
    // A pending invitation on the users page, and its link's page.
    const invited = await fetch(`${server.url}/newsroom/users/invitations`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: session.csrfToken, inviteEmail: 'new.colleague@example.test', inviteRole: 'editor' }),
    });
    assert.equal(invited.status, 201);
    const token = smtp.takeAll().map((message) => /\/newsroom\/invitations\/([A-Za-z0-9_-]{20,})/.exec(readMessage(message).body)?.[1]).find(Boolean)!;
    assert.ok(token);
    const signedIn = ['/newsroom/notifications', '/newsroom/password', '/newsroom/users'];
    const anonymous = [`/newsroom/invitations/${token}`, '/newsroom/invitations/used-or-unknown'];
    const texts: string[] = [];
    for (const [i, url] of [...signedIn, ...anonymous].entries()) {
      const response = await fetch(`${server.url}${url}`, { headers: signedIn.includes(url) ? { cookie: session.cookie } : {} });
      texts.push(await response.text());
    }
    assert.deepEqual(htmlErrorsOf(texts), []);

    const problems: string[] = [];
    const anonymousPage = await browser.newPage();
    for (const url of anonymous) {
      await anonymousPage.goto(`${server.url}${url}`);
      problems.push(...(await accessibilityProblems(anonymousPage)));
    }
    await anonymousPage.close();
    const page = await browser.newPage();
    await loginInBrowser(page, server, admin);
    for (const url of signedIn) {
      await page.goto(`${server.url}${url}`);
      problems.push(...(await accessibilityProblems(page)));
    }
    await page.close();
    assert.deepEqual(problems, []);
  });
});
