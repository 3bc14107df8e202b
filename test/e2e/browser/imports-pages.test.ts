import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { runSchedulerTick } from '#src/jobs/background.ts';
import { JOB_HANDLERS } from '#src/jobs/job-handlers.ts';
import { createUserFixture, getAs, loginAs, loginInBrowser, signedInAs } from '../../support/auth.ts';
import { launchBrowser, ProblemLog } from '../../support/browser.ts';
import { accessibilityProblems, htmlErrorsOf } from '../../support/page-checks.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const GHOST_TEST = path.resolve('../shared/corpus/ghost/ghost-theme-unit-test.json');

describe('the newsroom import pages in a browser', () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('uploads a Ghost export without JavaScript, runs it as a job and shows the progress and the report', async () => {
    const admin = await createUserFixture(server.context, { role: 'admin' });
    const log = new ProblemLog();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = log.watch(await context.newPage());
    await loginInBrowser(page, server, admin);
    await page.goto(`${server.url}/newsroom`);
    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import from WordPress or Ghost', level: 1 }).waitFor();
    await page.getByRole('radio', { name: /^Ghost/ }).check();
    await page.getByLabel('Export file').setInputFiles(GHOST_TEST);
    await page.getByRole('checkbox', { name: 'Fetch the images from the old site' }).uncheck();
    await Promise.all([page.waitForURL(/\/newsroom\/imports\/\d+$/), page.getByRole('button', { name: 'Start the import' }).click()]);
    await page.getByText('Waiting for the job runner to start it.').waitFor();
    assert.equal(await server.context.database.db.selectFrom('articles').select('id').executeTakeFirst(), undefined, 'nothing is imported before the job runs');

    await runSchedulerTick(server.context, { handlers: JOB_HANDLERS });
    await page.reload();
    await page.getByRole('heading', { name: 'Report' }).waitFor();
    const articlesRow = page.getByRole('row', { name: /^Articles/ });
    assert.match((await articlesRow.textContent()) ?? '', /17/);
    await page.getByText(/Old addresses that now redirect: [1-9]/).waitFor();
    const progress = page.locator('progress');
    assert.equal(await progress.getAttribute('value'), await progress.getAttribute('max'));
    const count = await server.context.database.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 17);
    // The spooled export is removed once its job has run.
    assert.deepEqual(fs.readdirSync(path.join(server.context.config.dataDir, 'imports')), []);
    await page.goto(`${server.url}/newsroom/imports`);
    await page.getByRole('cell', { name: 'Done' }).waitFor();
    await context.close();
    assert.deepEqual(log.problems, []);
  });

  it('ends a run of a file that is not an export as stopped, with the reason, and changes nothing', async () => {
    const session = await signedInAs(server, 'admin');
    const before = await server.context.database.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const form = new FormData();
    form.set('_csrf', session.csrfToken);
    form.set('source', 'wordpress');
    form.set('fetchMedia', 'on');
    form.set('file', new Blob(['<html><body>not an export</body></html>'], { type: 'text/xml' }), 'page.xml');
    const response = await fetch(`${server.url}/newsroom/imports`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: session.cookie } });
    assert.equal(response.status, 303);
    const location = response.headers.get('location')!;
    await runSchedulerTick(server.context, { handlers: JOB_HANDLERS });
    const page = await (await getAs(server, session, location)).text();
    assert.match(page, /Stopped/);
    assert.match(page, /root element is &lt;html>/);
    const after = await server.context.database.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });

  it('refuses an upload without its CSRF token, and the form to an editor', async () => {
    const session = await signedInAs(server, 'admin');
    const form = new FormData();
    form.set('source', 'wordpress');
    form.set('file', new Blob(['<rss/>']), 'x.xml');
    const refused = await fetch(`${server.url}/newsroom/imports`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: session.cookie } });
    assert.equal(refused.status, 403);
    assert.deepEqual(fs.readdirSync(path.join(server.context.config.dataDir, 'tmp')).filter((name) => name.startsWith('import-')), []);
    const editor = await signedInAs(server, 'editor');
    assert.equal((await getAs(server, editor, '/newsroom/imports')).status, 403);
  });

  it('serves valid HTML without serious accessibility problems', async () => {
    const admin = await createUserFixture(server.context, { role: 'admin' });
    const session = await loginAs(server, admin);
    const [run] = await server.context.database.db.selectFrom('import_runs').select('id').orderBy('id').execute();
    const paths = ['/newsroom/imports', `/newsroom/imports/${run!.id}`];
    const texts: string[] = [];
    for (const [i, url] of paths.entries()) {
      const response = await fetch(`${server.url}${url}`, { headers: { cookie: session.cookie } });
      assert.equal(response.status, 200, url);
      texts.push(await response.text());
    }
    assert.deepEqual(htmlErrorsOf(texts), []);
    const page = await browser.newPage();
    await loginInBrowser(page, server, admin);
    const problems: string[] = [];
    for (const url of paths) {
      await page.goto(`${server.url}${url}`);
      problems.push(...(await accessibilityProblems(page)));
    }
    await page.close();
    assert.deepEqual(problems, []);
  });
});
