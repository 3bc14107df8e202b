import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { publishDueArticles } from '#src/jobs/scheduled-publishing.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createUserFixture, loginInBrowser } from '../../support/auth.ts';
import { createSectionFixture } from '../../support/factories.ts';
import { zonedLocalToUtc } from '#src/web/newsroom/client/zoned-time.ts';
import { ensureClientBuilt, launchBrowser, ProblemLog } from './editor-support.ts';

describe('the editor workflow by role', () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    ensureClientBuilt();
    server = await startTestServer();
    browser = await launchBrowser();
    await createSectionFixture(server.context, { name: 'Culture', slug: 'culture' });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets a contributor submit for review but not publish (no button, and the API answers 403)', async () => {
    const contributor = await createUserFixture(server.context, { role: 'contributor' });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const log = new ProblemLog();
    const context = await browser.newContext();
    const page = log.watch(await context.newPage());
    await loginInBrowser(page, server, contributor);
    await page.goto(`${server.url}/newsroom/articles/new`);
    await page.getByLabel('Title').fill('A village choir records its first album');
    await page.locator('.ed-body').click();
    await page.keyboard.type('Twelve singers, one microphone and a borrowed barn.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/^Saved \d\d:\d\d$/).waitFor();
    const id = Number(new URL(page.url()).pathname.split('/').pop());

    assert.equal(await page.getByRole('button', { name: 'Publish now' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Schedule' }).count(), 0);
    // The server decides, whatever the page shows: a hand-made publish request is refused.
    log.allow(/status of 403/);
    const refused = await page.evaluate(async (articleId) => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')!.content;
      const article = await (await fetch(`/api/admin/articles/${articleId}`)).json();
      const response = await fetch(`/api/admin/articles/${articleId}/publish`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token },
        body: JSON.stringify({ version: article.version }),
      });
      return { status: response.status, body: await response.json() };
    }, id);
    assert.equal(refused.status, 403);
    assert.match(refused.body.message, /may not publish/);

    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByText('Submitted for review.', { exact: false }).waitFor();
    assert.equal(await page.locator('.ed-topbar .nr-badge').textContent(), 'review');
    await context.close();

    // The editor finds it in the review queue and approves it.
    const editorContext = await browser.newContext();
    const editorPage = log.watch(await editorContext.newPage());
    await loginInBrowser(editorPage, server, editor);
    await editorPage.goto(`${server.url}/newsroom`);
    const queue = editorPage.locator('section', { has: editorPage.getByRole('heading', { name: /Waiting for review/ }) });
    await queue.getByRole('link', { name: 'A village choir records its first album', exact: true }).click();
    await editorPage.getByRole('button', { name: 'Approve' }).click();
    await editorPage.getByText('Approved.').waitFor();
    assert.equal(await editorPage.locator('.ed-topbar .nr-badge').textContent(), 'published');
    await editorContext.close();
    assert.deepEqual(log.problems, []);
  });

  it('publishes a scheduled article when the scheduler runs after its time', async () => {
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const log = new ProblemLog();
    const context = await browser.newContext();
    const page = log.watch(await context.newPage());
    await loginInBrowser(page, server, editor);
    await page.goto(`${server.url}/newsroom/articles/new`);
    await page.getByLabel('Title').fill('Night trains return to the northern line');
    await page.locator('.ed-body').click();
    await page.keyboard.type('Sleeper cars are back from Monday.');

    // Ahead of now (with room for a slow machine), typed as wall-clock time in the site's zone (Asia/Almaty).
    const zone = 'Asia/Almaty';
    const soon = new Date(Date.now() + 120_000);
    const local = new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .format(soon)
      .replace(' ', 'T');
    await page.getByRole('button', { name: 'Schedule' }).click();
    await page.getByLabel(`Publish at (${zone} time)`).fill(local);
    await page.locator('form.ed-schedule').getByRole('button', { name: 'Schedule' }).click();
    await page.getByText('Scheduled for', { exact: false }).first().waitFor();
    assert.equal(await page.locator('.ed-topbar .nr-badge').textContent(), 'scheduled');
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const stored = await page.evaluate(async (articleId) => (await fetch(`/api/admin/articles/${articleId}`)).json(), id);
    assert.equal(stored.scheduledAt, zonedLocalToUtc(local, zone), 'the typed zone time is stored as that UTC instant');

    // The dashboard lists it with its time; the public site does not have it yet.
    await page.goto(`${server.url}/newsroom`);
    const scheduled = page.locator('section', { has: page.getByRole('heading', { name: /^Scheduled/ }) });
    await scheduled.getByRole('link', { name: 'Night trains return to the northern line', exact: true }).waitFor();
    const reader = log.watch(await browser.newPage());
    log.allow(/status of 404/);
    assert.equal((await reader.goto(`${server.url}${stored.path}`))?.status(), 404);

    // The scheduler's pass, as the job runner makes it, at an instant after the scheduled time.
    const result = await publishDueArticles(server.context, new Date(new Date(stored.scheduledAt).getTime() + 1_000).toISOString());
    assert.deepEqual(result.published, [id]);
    assert.equal((await reader.goto(`${server.url}${stored.path}`))?.status(), 200);
    await reader.getByRole('heading', { level: 1, name: 'Night trains return to the northern line' }).waitFor();
    await reader.goto(`${server.url}/`);
    assert.equal(await reader.locator(`a[href="${stored.path}"]`).count() > 0, true, 'the Main Page lists it');
    await reader.close();
    await context.close();
    assert.deepEqual(log.problems, []);
  });
});
