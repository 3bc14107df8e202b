import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { CORPUS_ORIGINALS } from '../../rights-corpus/originals.ts';
import { pagesOf } from '../../rights-corpus/corpus-pages.ts';
import { createUserFixture, loginAs, loginInBrowser } from '../../support/auth.ts';
import { launchBrowser, ProblemLog } from '../../support/browser.ts';
import { rssFeed, startCopierSite, type CopierSite } from '../../support/copier-site.ts';
import { createSectionFixture } from '../../support/factories.ts';
import { publishOriginal, runJobs } from '../../support/monitoring.ts';
import { accessibilityProblems, htmlErrorsOf } from '../../support/page-checks.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { apiUser } from '../api/articles-client.ts';

const ORIGINAL = CORPUS_ORIGINALS.find((o) => o.key === 'en-bike-lanes')!;

describe('the copy monitor in the newsroom, without JavaScript', () => {
  let server: TestServer;
  let site: CopierSite;
  let browser: Browser;

  before(async () => {
    site = await startCopierSite();
    server = await startTestServer({ OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${site.port}`, MONITOR_HOST_DELAY_SECONDS: '0' });
    browser = await launchBrowser();
    const editor = await apiUser(server, 'editor');
    const original = await publishOriginal(server, editor, ORIGINAL, (await createSectionFixture(server.context)).id);
    const copy = pagesOf(original, `${server.url}/`, 11).find((p) => p.name === `${original.key} 100% verbatim link:none`)!;
    site.pages.set('/feed.xml', { body: rssFeed(site.origin, ['/news/copied']), type: 'application/rss+xml', etag: '"v1"' });
    site.pages.set('/news/copied', { body: copy.html });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await site?.close();
  });

  it('an editor watches a feed, finds the copy, reads its evidence side by side and marks it contacted', async () => {
    const editor = await createUserFixture(server.context, { role: 'editor', name: 'Aigerim Desk' });
    const log = new ProblemLog();
    log.allow(/status of 422/);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = log.watch(await context.newPage());
    await loginInBrowser(page, server, editor);

    await page.getByRole('link', { name: 'Copies' }).click();
    await page.getByRole('heading', { name: 'Findings', level: 1 }).waitFor();
    await page.getByText('No findings match.').waitFor();
    await page.getByRole('link', { name: 'Watch list' }).click();

    // A bad address is refused with the field marked, what was typed kept.
    await page.getByLabel('Address').fill('ftp://copier.example/feed.xml');
    await page.getByLabel('Name (optional)').fill('Copier news');
    await page.getByRole('button', { name: 'Watch it' }).click();
    await page.getByText('The source was not added: correct the field marked below.').waitFor();
    assert.equal(await page.getByLabel('Address').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('Name (optional)').inputValue(), 'Copier news');

    await page.getByLabel('Address').fill(`${site.origin}/feed.xml`);
    await page.getByLabel('It is').selectOption('feed');
    await Promise.all([page.waitForURL(/\/newsroom\/monitoring\/sources\/\d+\?done=created$/), page.getByRole('button', { name: 'Watch it' }).click()]);
    await page.getByText('The source is watched').waitFor();
    await page.getByText('not polled yet').waitFor();

    // The job runner polls it in the background.
    await runJobs(server);
    await page.reload();
    await page.locator('.nr-badge', { hasText: 'read' }).waitFor();
    await page.getByRole('link', { name: '1', exact: true }).click();
    await page.waitForURL(/\/newsroom\/monitoring\/findings\?sourceId=\d+$/);
    await page.getByText('1 finding').waitFor();

    // Filters are in the address: a status with no findings empties the list, "any" brings it back.
    await page.getByLabel('Status').selectOption('dismissed');
    await Promise.all([page.waitForURL(/status=dismissed/), page.getByRole('button', { name: 'Filter' }).click()]);
    await page.getByText('No findings match.').waitFor();
    await page.getByLabel('Status').selectOption('open');
    await page.getByLabel('Verdict').selectOption('over-quota');
    await Promise.all([page.waitForURL(/status=open&verdict=over-quota/), page.getByRole('button', { name: 'Filter' }).click()]);
    await Promise.all([page.waitForURL(/\/newsroom\/monitoring\/findings\/\d+$/), page.getByRole('link', { name: `${site.origin}/news/copied` }).click()]);

    await page.getByText('Reuses more than the policy allows without a licence.').waitFor();
    const evidence = page.locator('section[aria-labelledby="evidence"] tbody tr');
    assert.ok((await evidence.count()) > 0);
    const first = evidence.first();
    const [theirs, ours] = [await first.locator('td').nth(1).textContent(), await first.locator('td').nth(2).textContent()];
    assert.ok(theirs && ours && ours.length > 20, 'a passage on both sides');
    assert.ok([ORIGINAL.title, ORIGINAL.standfirst, ...ORIGINAL.paragraphs].join('\n\n').includes(ours!));

    await page.getByLabel('Status', { exact: true }).selectOption('contacted');
    await page.getByLabel('Note (optional)').fill('Wrote to their editor on Monday.');
    await Promise.all([page.waitForURL(/\?done=status$/), page.getByRole('button', { name: 'Save the status' }).click()]);
    await page.getByText('The status was saved.').waitFor();
    await page.getByText('set by Aigerim Desk').waitFor();
    assert.equal(await page.getByLabel('Note (optional)').inputValue(), 'Wrote to their editor on Monday.');

    await page.goto(`${server.url}/newsroom/monitoring/findings?status=contacted`);
    await page.getByRole('link', { name: `${site.origin}/news/copied` }).waitFor();
    await context.close();
    assert.deepEqual(log.problems, []);
  });

  it('the monitor’s pages pass the Nu HTML checker and axe, a refused form included', async () => {
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const session = await loginAs(server, editor);
    const db = server.context.database.db;
    const source = await db.selectFrom('watch_sources').select('id').executeTakeFirstOrThrow();
    const finding = await db.selectFrom('reuse_findings').select('id').executeTakeFirstOrThrow();
    const paths = [
      '/newsroom/monitoring/findings',
      '/newsroom/monitoring/findings?status=open&verdict=over-quota',
      `/newsroom/monitoring/findings/${finding.id}`,
      '/newsroom/monitoring/sources',
      `/newsroom/monitoring/sources/${source.id}`,
    ];
    const texts: string[] = [];
    for (const [i, url] of paths.entries()) {
      const response = await fetch(`${server.url}${url}`, { headers: { cookie: session.cookie } });
      assert.equal(response.status, 200, url);
      texts.push(await response.text());
    }
    assert.deepEqual(htmlErrorsOf(texts), []);

    const problems: string[] = [];
    const page = await browser.newPage();
    await loginInBrowser(page, server, editor);
    for (const url of paths) {
      await page.goto(`${server.url}${url}`);
      problems.push(...(await accessibilityProblems(page)));
    }
    await page.goto(`${server.url}/newsroom/monitoring/sources`);
    await page.getByLabel('Address').fill('');
    await page.getByRole('button', { name: 'Watch it' }).click();
    await page.getByText('The source was not added').waitFor();
    problems.push(...(await accessibilityProblems(page)));
    await page.close();
    assert.deepEqual(problems, []);
  });
});
