import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../../support/test-server.ts';
import { createUserFixture, loginInBrowser } from '../../support/auth.ts';
import { ProblemLog } from '../../support/browser.ts';
import { accessibilityProblems, htmlErrors } from '../../support/page-checks.ts';
import { useTestbed } from './editor-support.ts';

describe('the API keys page in a browser', () => {
  let server: TestServer;
  let browser: Browser;

  useTestbed((testbed) => ({ server, browser } = testbed));

  it('makes a key, shows it once and revokes it with JavaScript turned off', async () => {
    const admin = await createUserFixture(server.context, { role: 'admin' });
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await loginInBrowser(page, server, admin);
    await page.goto(`${server.url}/newsroom/api-keys`);
    await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'API keys' }).waitFor();

    await page.getByLabel('Name', { exact: true }).fill('Partner feed');
    await page.getByLabel('Role', { exact: true }).selectOption('author');
    await page.getByRole('button', { name: 'Make key' }).click();
    const token = await page.getByLabel('The new key').inputValue();
    assert.match(token, /^qk_[0-9a-f]{12}_[0-9A-Za-z]{43}$/);
    assert.equal((await fetch(`${server.url}/api/admin/articles`, { headers: { authorization: `Bearer ${token}` } })).status, 200);

    await page.goto(`${server.url}/newsroom/api-keys`);
    assert.equal(await page.getByLabel('The new key').count(), 0, 'shown once only');
    const row = page.locator('tr', { hasText: 'Partner feed' });
    assert.match((await row.textContent()) ?? '', /active/);
    await row.getByRole('button', { name: /Revoke/ }).click();
    await page.getByText('The key was revoked').waitFor();
    assert.match((await page.locator('tr', { hasText: 'Partner feed' }).textContent()) ?? '', /revoked/);
    assert.equal((await fetch(`${server.url}/api/admin/articles`, { headers: { authorization: `Bearer ${token}` } })).status, 401);
    await context.close();
  });

  it('is valid HTML and passes the WCAG 2.1 AA checks, with a key just made', async () => {
    const admin = await createUserFixture(server.context, { role: 'admin' });
    const log = new ProblemLog();
    const page = log.watch(await browser.newPage());
    await loginInBrowser(page, server, admin);
    await page.goto(`${server.url}/newsroom/api-keys`);
    await page.getByLabel('Name', { exact: true }).fill('Checked key');
    await page.getByRole('button', { name: 'Make key' }).click();
    await page.getByLabel('The new key').waitFor();
    assert.deepEqual(await accessibilityProblems(page), []);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-api-keys-'));
    const file = path.join(dir, 'api-keys.html');
    fs.writeFileSync(file, await page.content());
    assert.deepEqual(htmlErrors([file]), []);
    fs.rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(log.problems, []);
    await page.close();
  });
});
