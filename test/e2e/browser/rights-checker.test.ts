import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { reindexAll } from '#src/domain/rights/reuse-index.ts';
import { createUserFixture, loginInBrowser } from '../../support/auth.ts';
import { launchBrowser, ProblemLog } from '../../support/browser.ts';
import { createPublishedArticle, createSectionFixture, paragraphsBody } from '../../support/factories.ts';
import { accessibilityProblems, htmlErrors } from '../../support/page-checks.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { CORPUS_ORIGINALS } from '../../rights-corpus/originals.ts';
import { pagesOf } from '../../rights-corpus/corpus-pages.ts';

const ORIGINAL = CORPUS_ORIGINALS.find((o) => o.key === 'ru-flood')!;

describe('the reuse checker in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let copy: string;

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const section = await createSectionFixture(server.context, { slug: 'regions' });
    const article = await createPublishedArticle(server.context, {
      sectionId: section.id,
      title: ORIGINAL.title,
      standfirst: ORIGINAL.standfirst,
      body: paragraphsBody(ORIGINAL.paragraphs),
      language: 'ru',
    });
    await reindexAll(server.context.database);
    const url = `${server.url}/ru/regions/${article.slug}`;
    copy = pagesOf({ ...ORIGINAL, url }, `${server.url}/`, 5).find((p) => p.name === `${ORIGINAL.key} 60% edited link:nofollow`)!.html;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('checks a pasted page without JavaScript and shows the findings side by side, marked, in plain words', async () => {
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const log = new ProblemLog();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = log.watch(await context.newPage());
    await loginInBrowser(page, server, editor);
    await page.goto(`${server.url}/newsroom`);
    await page.getByRole('link', { name: 'Rights' }).click();
    await page.getByRole('heading', { name: 'Reuse checker', level: 1 }).waitFor();
    await page.getByLabel('Or paste the page').fill(copy);
    await page.getByLabel('HTML source').check();
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByRole('heading', { name: 'Findings' }).waitFor();
    await page.getByText('Reuses more than the policy allows without a licence').first().waitFor();
    await page.getByRole('link', { name: ORIGINAL.title }).waitFor();
    const theirs = page.locator('.nr-rights-columns > div').nth(0).locator('mark');
    const ours = page.locator('.nr-rights-columns > div').nth(1).locator('mark');
    assert.ok((await theirs.count()) >= 1);
    assert.equal(await theirs.count(), await ours.count());
    await page.getByText(/rel="nofollow"/).waitFor();

    // Save the findings page for the Nu checker, and run axe on it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-nu-rights-'));
    const findings = path.join(dir, 'findings.html');
    fs.writeFileSync(findings, await page.content());
    await page.goto(`${server.url}/newsroom/rights`);
    const form = path.join(dir, 'form.html');
    fs.writeFileSync(form, await page.content());
    await context.close();
    assert.deepEqual(log.problems, []);
    assert.deepEqual(htmlErrors([findings, form]), []);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lets an admin change the policy without JavaScript, and the pages have no serious accessibility problems', async () => {
    const admin = await createUserFixture(server.context, { role: 'admin' });
    const page = await browser.newPage();
    await loginInBrowser(page, server, admin);
    await page.goto(`${server.url}/newsroom/rights`);
    assert.deepEqual(await accessibilityProblems(page), []);
    await page.getByRole('link', { name: 'Change the policy' }).click();
    await page.getByRole('heading', { name: 'Reuse policy', level: 1 }).waitFor();
    assert.deepEqual(await accessibilityProblems(page), []);
    await page.getByLabel('Where the link must be').selectOption('near-quote');
    await page.getByLabel('Largest share of the reusing text (%)').fill('40');
    await page.getByRole('button', { name: 'Save the policy' }).click();
    await page.getByText('The policy was saved').waitFor();
    const row = await server.context.database.db.selectFrom('reuse_policy').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.link_placement, 'near-quote');
    assert.equal(row.max_text_share_percent, 40);
    await page.goto(`${server.url}/newsroom/rights`);
    await page.getByText(/up to 40% of their own text may be ours/).waitFor();
    await page.close();
  });
});
