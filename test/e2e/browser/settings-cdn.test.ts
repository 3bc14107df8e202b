import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import type { TestServer } from '../../support/test-server.ts';
import { createUserFixture, loginInBrowser } from '../../support/auth.ts';
import { ProblemLog } from '../../support/browser.ts';
import { accessibilityProblems, htmlErrors } from '../../support/page-checks.ts';
import { useTestbed } from './editor-support.ts';

describe('the CDN purging card of the settings page in a browser', () => {
  let server: TestServer;
  let browser: Browser;

  useTestbed((testbed) => ({ server, browser } = testbed));

  it('saves an endpoint, a style and a token it never shows again; the page is valid HTML and passes WCAG 2.1 AA', async () => {
    const admin = await createUserFixture(server.context, { role: 'admin' });
    const log = new ProblemLog();
    const page = log.watch(await browser.newPage());
    await loginInBrowser(page, server, admin);
    await page.goto(`${server.url}/newsroom/settings`);
    await page.getByLabel('Purge endpoint').fill('https://api.fastly.com/service/SVC123/purge');
    await page.getByLabel('Request style').selectOption('fastly');
    await page.getByLabel('API token').fill('fastly-token-123');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('The settings were saved').waitFor();
    const settings = await loadSettings(server.context.database.db);
    assert.deepEqual([settings.cdnPurgeUrl, settings.cdnPurgeStyle, settings.cdnPurgeToken], ['https://api.fastly.com/service/SVC123/purge', 'fastly', 'fastly-token-123']);
    assert.equal(await page.getByLabel('API token').inputValue(), '', 'the token is not shown back');
    await page.getByLabel('Remove the stored token').waitFor();

    assert.deepEqual(await accessibilityProblems(page), []);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-settings-'));
    const file = path.join(dir, 'settings.html');
    fs.writeFileSync(file, await page.content());
    assert.deepEqual(htmlErrors([file]), []);
    fs.rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(log.problems, []);
    await page.close();
  });
});
