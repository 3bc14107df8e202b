import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { publishDueArticles } from '#src/jobs/scheduled-publishing.ts';
import type { TestServer } from '../../support/test-server.ts';
import { createUserFixture, loginInBrowser } from '../../support/auth.ts';
import { createArticleFixture, createSectionFixture, paragraphsBody } from '../../support/factories.ts';
import { zonedLocalToUtc } from '#src/web/newsroom/client/zoned-time.ts';
import { ProblemLog } from '../../support/browser.ts';
import { useTestbed, signInFresh } from './editor-support.ts';

describe('the editor workflow by role', () => {
  let server: TestServer;
  let browser: Browser;

  useTestbed((testbed) => ({ server, browser } = testbed));
  before(async () => {
    await createSectionFixture(server.context, { name: 'Culture', slug: 'culture' });
  });

  it('lets a contributor submit for review but not publish (no button, and the API answers 403)', async () => {
    const contributor = await createUserFixture(server.context, { role: 'contributor' });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const log = new ProblemLog();
    const { context, page } = await signInFresh({ server, browser }, log, contributor);
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

    // Contributors choose existing tags; they cannot add new ones (the page offers nothing, the server refuses).
    await page.getByLabel('Tags').fill('Choirs');
    await page.getByLabel('Tags').press('Enter');
    await page.getByText('Not found: Choirs. Pick a name from the list.').waitFor();
    assert.equal(await page.getByRole('button', { name: /^Create/ }).count(), 0);
    const tagStatus = await page.evaluate(async () => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')!.content;
      const response = await fetch('/newsroom/articles/tags', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token },
        body: JSON.stringify({ name: 'Choirs' }),
      });
      return response.status;
    });
    assert.equal(tagStatus, 403);
    await page.getByLabel('Tags').fill('');

    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByText('Submitted for review.', { exact: false }).waitFor();
    assert.equal(await page.locator('.ed-topbar .nr-badge').textContent(), 'review');

    // The editor finds it in the review queue and returns it with a note.
    const editorContext = await browser.newContext();
    const editorPage = log.watch(await editorContext.newPage());
    await loginInBrowser(editorPage, server, editor);
    await editorPage.goto(`${server.url}/newsroom`);
    const queue = editorPage.getByRole('region', { name: /^Waiting for review/ });
    await queue.getByRole('link', { name: 'A village choir records its first album', exact: true }).click();
    await editorPage.getByRole('button', { name: 'Return with note' }).click();
    await editorPage.getByLabel('What should the writer change?').fill("Add the choir leader's name.");
    await editorPage.getByRole('button', { name: 'Return to writer' }).click();
    await editorPage.getByText('Returned to the writer with your note.').waitFor();

    // The writer sees the note on the draft (the banner, and the review discussion that keeps it), fixes it and submits again; the editor approves (which publishes).
    await page.reload();
    await page.locator('.ed-returned').getByText("Add the choir leader's name.").waitFor();
    await page.locator('.cm-note').getByText("Add the choir leader's name.").waitFor();
    assert.equal(await page.locator('.ed-topbar .nr-badge').textContent(), 'draft');
    await page.locator('.ed-body p').last().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Their leader is Aliya Nurlanova.');
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByText('Submitted for review.', { exact: false }).waitFor();
    await context.close();

    await editorPage.reload();
    // Approving publishes (ADR 0034): one button says so, and no separate "Publish now" sits beside it.
    await editorPage.getByRole('button', { name: 'Approve and publish' }).waitFor();
    assert.equal(await editorPage.getByRole('button', { name: 'Publish now' }).count(), 0);
    assert.equal(await editorPage.getByRole('button', { name: 'Approve and schedule' }).count(), 1);
    await editorPage.getByRole('button', { name: 'Approve and publish' }).click();
    await editorPage.getByText('Approved and published.').waitFor();
    assert.equal(await editorPage.locator('.ed-topbar .nr-badge').textContent(), 'published');
    await editorPage.locator('.ed-body').getByText('Their leader is Aliya Nurlanova.', { exact: false }).waitFor();
    await editorContext.close();
    assert.deepEqual(log.problems, []);
  });

  it('updates a live article only on Update, appends a correction, unpublishes, trashes and restores it', async () => {
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const section = await createSectionFixture(server.context, { name: 'Business', slug: 'business' });
    const live = await createArticleFixture(server.context, {
      sectionId: section.id,
      title: 'Bakery chain opens in Shymkent',
      body: paragraphsBody(['The first shop opened on Monday.']),
      status: 'published',
    });
    const log = new ProblemLog();
    const { context, page } = await signInFresh({ server, browser }, log, editor);
    await page.goto(`${server.url}/newsroom/articles/${live.id}`);
    await page.locator('.ed-body p').last().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Queues formed early.');
    await page.getByText('press Update to change the live article', { exact: false }).waitFor();
    // The next autosave check finds the change and leaves it alone: a live article changes only on Update.
    const check = await page.evaluate(
      () =>
        new Promise<{ sent: boolean; dirty: boolean }>((resolve) =>
          document.addEventListener('qalam:autosave-check', (event) => resolve((event as CustomEvent).detail), { once: true }),
        ),
    );
    assert.deepEqual(check, { sent: false, dirty: true });
    // Readers' browsers may keep a public page for a minute (Cache-Control), so each look is a fresh reader.
    const readerView = async () => {
      const readerContext = await browser.newContext();
      const reader = log.watch(await readerContext.newPage());
      const response = await reader.goto(`${server.url}${live.path}`);
      return { reader, status: response?.status(), close: () => readerContext.close() };
    };
    let view = await readerView();
    const reader = view.reader;
    assert.equal(await reader.getByText('Queues formed early.', { exact: false }).count(), 0, 'nothing half-typed reaches readers');
    await view.close();
    await page.getByRole('button', { name: 'Update', exact: true }).click();
    await page.getByText(/^Saved \d\d:\d\d$/).waitFor();
    view = await readerView();
    await view.reader.getByText('Queues formed early.', { exact: false }).waitFor();
    await view.close();

    await page.getByLabel('Notice shown under the article').fill('An earlier version gave the wrong opening day.');
    await page.getByRole('button', { name: 'Add notice' }).click();
    await page.locator('.ed-corrections__list').getByText('An earlier version gave the wrong opening day.', { exact: false }).waitFor();
    view = await readerView();
    await view.reader.getByText('An earlier version gave the wrong opening day.', { exact: false }).waitFor();
    await view.close();

    const badge = page.locator('.ed-topbar .nr-badge');
    await page.getByRole('button', { name: 'Unpublish' }).click();
    await page.getByText('Unpublished', { exact: false }).waitFor();
    assert.equal(await badge.textContent(), 'draft');
    log.allow(/status of 404/);
    view = await readerView();
    assert.equal(view.status, 404);
    await view.close();
    await page.getByRole('button', { name: 'Move to trash' }).click();
    await page.getByText('Moved to the trash.', { exact: false }).waitFor();
    assert.equal(await badge.textContent(), 'trashed');
    await page.getByRole('button', { name: 'Restore' }).click();
    await page.getByText('Restored from the trash.').waitFor();
    assert.equal(await badge.textContent(), 'draft');
    await context.close();
    assert.deepEqual(log.problems, []);
  });

  it('publishes a scheduled article when the scheduler runs after its time', async () => {
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const log = new ProblemLog();
    const { context, page } = await signInFresh({ server, browser }, log, editor);
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
      hourCycle: 'h23',
    })
      .format(soon)
      .replace(' ', 'T');
    await page.getByRole('button', { name: 'Schedule' }).click();
    const at = page.getByLabel(`Publish at (${zone} time)`);
    // A publication time is chosen to the minute: the field offers no seconds.
    assert.equal(await at.evaluate((input: HTMLInputElement) => input.step), '');
    await at.fill(local);
    await page.locator('form.ed-schedule').getByRole('button', { name: 'Schedule' }).click();
    await page.getByText('Scheduled for', { exact: false }).first().waitFor();
    assert.equal(await page.locator('.ed-topbar .nr-badge').textContent(), 'scheduled');
    // The notice and the line under the buttons say the same time, to the same precision.
    const said = await page.getByText('Scheduled for', { exact: false }).allTextContents();
    assert.deepEqual([...new Set(said)], [`Scheduled for ${local.replace('T', ' ')} (${zone}).`]);
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
