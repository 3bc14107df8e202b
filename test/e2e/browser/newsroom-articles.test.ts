import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../../support/test-server.ts';
import { createUserFixture, loginInBrowser, loginAs } from '../../support/auth.ts';
import { createArticleFixture, createSectionFixture, createTagFixture, paragraphsBody } from '../../support/factories.ts';
import { ProblemLog } from '../../support/browser.ts';
import { accessibilityProblems, htmlErrors } from '../../support/page-checks.ts';
import { useTestbed } from './editor-support.ts';

describe('newsroom article pages: dashboard and revision history', () => {
  let server: TestServer;
  let browser: Browser;

  useTestbed((testbed) => ({ server, browser } = testbed));

  it('lists my drafts, the review queue, scheduled times and all articles with status filter and title search', async () => {
    const section = await createSectionFixture(server.context, { name: 'Science', slug: 'science' });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const mine = await createArticleFixture(server.context, { sectionId: section.id, title: 'Glacier survey finds faster melt' });
    await server.context.database.db.updateTable('articles').set({ created_by: editor.id }).where('id', '=', mine.id).execute();
    const other = await createArticleFixture(server.context, { sectionId: section.id, title: 'Observatory reopens to visitors' });
    const waiting = await createArticleFixture(server.context, { sectionId: section.id, title: 'Seed bank doubles its collection', status: 'review' });
    const scheduledAt = new Date(Date.now() + 86_400_000).toISOString();
    const later = await createArticleFixture(server.context, { sectionId: section.id, title: 'Eclipse guide for Almaty', status: 'scheduled', scheduledAt });
    const live = await createArticleFixture(server.context, { sectionId: section.id, title: 'Steppe eagles counted from the air', status: 'published' });

    const log = new ProblemLog();
    const page = log.watch(await browser.newPage());
    await loginInBrowser(page, server, editor);
    await page.goto(`${server.url}/newsroom`);
    const region = (name: RegExp) => page.getByRole('region', { name });
    // The title cell's link carries the article's language (the list may start with a checkbox column).
    const titles = async (name: RegExp) => (await region(name).locator('tbody tr td a[lang]').allTextContents()).sort();

    assert.deepEqual(await titles(/^My drafts/), ['Glacier survey finds faster melt']);
    assert.deepEqual(await titles(/^Waiting for review/), ['Seed bank doubles its collection']);
    assert.deepEqual(await titles(/^Scheduled/), ['Eclipse guide for Almaty']);
    assert.match((await region(/^Scheduled/).locator('tbody tr').textContent()) ?? '', /\d\d \w+, \d{4} \| \d\d:\d\d/);
    assert.deepEqual(await titles(/^All articles/), [
      'Eclipse guide for Almaty',
      'Glacier survey finds faster melt',
      'Observatory reopens to visitors',
      'Seed bank doubles its collection',
      'Steppe eagles counted from the air',
    ]);
    // Each row links to the editor, and published ones to the public page.
    const liveRow = region(/^All articles/).locator('tr', { hasText: 'Steppe eagles counted from the air' });
    assert.equal(await liveRow.getByRole('link', { name: 'Steppe eagles counted from the air', exact: true }).getAttribute('href'), `/newsroom/articles/${live.id}`);
    assert.equal(await liveRow.getByRole('link', { name: /on the site/ }).getAttribute('href'), live.path);

    await page.getByLabel('Status').selectOption('published');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/status=published/);
    assert.deepEqual(await titles(/^All articles/), ['Steppe eagles counted from the air']);
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Title or standfirst contains').fill('observatory');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/q=observatory/);
    assert.deepEqual(await titles(/^All articles/), ['Observatory reopens to visitors']);

    await page.getByRole('link', { name: 'Review', exact: true }).click();
    await page.getByRole('heading', { name: 'Waiting for review' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Seed bank doubles its collection', exact: true }).getAttribute('href'), `/newsroom/articles/${waiting.id}`);
    void other;
    void later;
    await page.close();
    assert.deepEqual(log.problems, []);
  });

  it("offers a contributor View, not Edit, on a colleague's published article, and the editor says it is the colleague's", async () => {
    const section = await createSectionFixture(server.context, { name: 'Health desk', slug: 'health-desk' });
    const contributor = await createUserFixture(server.context, { role: 'contributor' });
    const colleague = await createUserFixture(server.context, { role: 'contributor' });
    const theirs = await createArticleFixture(server.context, { sectionId: section.id, title: 'Pharmacies stay open at night', status: 'published' });
    const mine = await createArticleFixture(server.context, { sectionId: section.id, title: 'Flu season starts early' });
    await server.context.database.db.updateTable('articles').set({ created_by: colleague.id }).where('id', '=', theirs.id).execute();
    await server.context.database.db.updateTable('articles').set({ created_by: contributor.id }).where('id', '=', mine.id).execute();

    const log = new ProblemLog();
    const page = log.watch(await browser.newPage());
    await loginInBrowser(page, server, contributor);
    await page.goto(`${server.url}/newsroom`);
    await page.getByRole('link', { name: 'Edit “Flu season starts early”' }).first().waitFor();
    assert.equal(await page.getByRole('link', { name: 'Edit “Pharmacies stay open at night”' }).count(), 0);
    await page.getByRole('link', { name: 'View “Pharmacies stay open at night” (read only)' }).first().click();
    await page.getByText('This is a colleague’s article: you can read it, but only the people who wrote it and the editors can change it.').waitFor();
    assert.equal(await page.getByText('in its current state', { exact: false }).count(), 0, 'the status is not blamed');
    await page.close();
    assert.deepEqual(log.problems, []);
  });

  it('compares two revisions as a word diff and restores an older one', async () => {
    const section = await createSectionFixture(server.context, { name: 'Health', slug: 'health' });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const session = await loginAs(server, editor);
    const call = async (method: string, url: string, body: unknown) => {
      const response = await fetch(`${server.url}${url}`, {
        method,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.ok(response.ok, `${method} ${url} answered ${response.status}`);
      return response.json();
    };
    let article = await call('POST', '/api/admin/articles', { title: 'Clinics extend evening hours', sectionId: section.id, body: paragraphsBody(['Clinics open until eight.']) });
    const tag = await createTagFixture(server.context, { name: 'Public health' });
    article = await call('PUT', `/api/admin/articles/${article.id}`, {
      version: article.version,
      body: paragraphsBody(['Clinics open until nine on weekdays.']),
      tagIds: [tag.id],
    });

    const log = new ProblemLog();
    const page = log.watch(await browser.newPage());
    await loginInBrowser(page, server, editor);
    await page.goto(`${server.url}/newsroom/articles/${article.id}`);
    await page.getByRole('link', { name: 'Revision history' }).click();
    await page.getByRole('heading', { name: /^History of/ }).waitFor();
    const rows = page.locator('tbody tr');
    assert.equal(await rows.count(), 2);
    assert.match((await rows.nth(0).textContent()) ?? '', /Saved/);
    assert.match((await rows.nth(1).textContent()) ?? '', /Created/);
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByRole('heading', { name: 'Changes from version 1 to version 2' }).waitFor();
    const textField = page.locator('.rv-field', { hasText: 'Text' });
    assert.match((await textField.locator('del').allTextContents()).join(' '), /eight/);
    assert.match((await textField.locator('ins').allTextContents()).join(' '), /nine on weekdays/);
    assert.doesNotMatch((await textField.locator('ins').allTextContents()).join(' '), /Clinics/, 'unchanged words are not marked');
    // References are named, not numbered.
    const tagsField = page.locator('.rv-field', { hasText: 'Tags' });
    assert.deepEqual(await tagsField.locator('del, ins').allTextContents(), ['(none)', 'Public health']);

    await page.getByRole('button', { name: 'Restore version 1' }).click();
    await page.waitForURL(`${server.url}/newsroom/articles/${article.id}`);
    await page.locator('.ed-body').getByText('Clinics open until eight.').waitFor();
    await page.close();
    assert.deepEqual(log.problems, []);
  });

  it('serves valid HTML without serious accessibility problems (dashboard, editor, history)', async () => {
    const section = await createSectionFixture(server.context, { name: 'Travel', slug: 'travel' });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const article = await createArticleFixture(server.context, { sectionId: section.id, title: 'Rail passes for students', status: 'published' });
    const session = await loginAs(server, editor);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-nu-'));
    const paths = ['/newsroom', '/newsroom/review', '/newsroom/articles/new', `/newsroom/articles/${article.id}`, `/newsroom/articles/${article.id}/revisions`];
    const files = [];
    for (const [i, url] of paths.entries()) {
      const response = await fetch(`${server.url}${url}`, { headers: { cookie: session.cookie } });
      assert.equal(response.status, 200, url);
      const file = path.join(dir, `page-${i}.html`);
      fs.writeFileSync(file, await response.text());
      files.push(file);
    }
    assert.deepEqual(htmlErrors(files), []);
    fs.rmSync(dir, { recursive: true, force: true });

    const log = new ProblemLog();
    const page = log.watch(await browser.newPage());
    await loginInBrowser(page, server, editor);
    const problems: string[] = [];
    for (const url of paths) {
      await page.goto(`${server.url}${url}`);
      if (url.startsWith('/newsroom/articles/') && !url.endsWith('revisions')) await page.locator('.ed-body').waitFor();
      problems.push(...(await accessibilityProblems(page)));
    }
    await page.close();
    assert.deepEqual(problems, []);
    assert.deepEqual(log.problems, []);
  });
});
