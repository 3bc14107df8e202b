import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { isLicensed } from '#src/domain/licences/licence-check.ts';
import { createUserFixture, loginAs, loginInBrowser } from '../../support/auth.ts';
import { createApiKeyFixture } from '../../support/api-keys.ts';
import { launchBrowser, ProblemLog } from '../../support/browser.ts';
import { createPublishedArticle, createSectionFixture } from '../../support/factories.ts';
import { createLicenceFixture, createLicenceRequestFixture, createPartnerFixture, uniqueDomain } from '../../support/licences.ts';
import { accessibilityProblems, htmlErrors } from '../../support/page-checks.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('the rights desk in a browser, without JavaScript', () => {
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

  it('a publisher asks from the article’s notice; an editor approves; the copy on its site is licensed; the editor revokes it', async () => {
    const section = await createSectionFixture(server.context, { name: 'Economy' });
    const article = await createPublishedArticle(server.context, { sectionId: section.id, title: 'Grain harvest beats forecasts' });
    const domain = uniqueDomain('agro');
    const log = new ProblemLog();

    // The reader's side; the refused form's 422 is provoked on purpose.
    log.allow(/status of 422/);
    const reader = await browser.newContext({ javaScriptEnabled: false });
    const page = log.watch(await reader.newPage());
    await page.goto(`${server.url}${article.path}`);
    await Promise.all([page.waitForURL(`**/licence/${article.id}`), page.getByRole('link', { name: 'Ask for a licence to republish this article' }).click()]);
    await page.getByLabel('Organisation').fill('Agro Weekly');
    await page.getByLabel('Your name').fill('Saule Akhmetova');
    await page.getByLabel('Email').fill(`saule@${domain}`);
    await page.getByLabel('Website').fill('not a website');
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.getByText('The request was not sent: please correct the fields marked below.').waitFor();
    assert.equal(await page.getByLabel('Website').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('Organisation').inputValue(), 'Agro Weekly');
    await page.getByLabel('Website').fill(`www.${domain}`);
    await page.getByLabel('Message (optional)').fill('For our harvest special.');
    await Promise.all([page.waitForURL(/\?sent=1$/), page.getByRole('button', { name: 'Send the request' }).click()]);
    await page.getByRole('heading', { name: 'Thank you: your request was sent' }).waitFor();
    await reader.close();

    // The editor's side.
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const newsroom = await browser.newContext({ javaScriptEnabled: false });
    const desk = log.watch(await newsroom.newPage());
    await loginInBrowser(desk, server, editor);
    await desk.getByRole('link', { name: 'Licences' }).first().click();
    await desk.getByRole('heading', { name: 'Licence requests', level: 1 }).waitFor();
    await desk.getByRole('link', { name: 'Grain harvest beats forecasts' }).click();
    await desk.getByText('approving adds “Agro Weekly” as a partner').waitFor();
    await desk.getByLabel(`Its section, “Economy”, with its subsections`).check();
    await desk.getByLabel('Valid until').fill('2099-12-31');
    await desk.getByLabel('Terms or note for the partner (optional)').fill('Credit the photographer.');
    await Promise.all([desk.waitForURL(/\/newsroom\/licences\?done=approved$/), desk.getByRole('button', { name: 'Approve and grant the licence' }).click()]);
    await desk.getByText('Approved: the licence is in force.').waitFor();
    const row = desk.getByRole('row', { name: /Agro Weekly/ });
    await row.getByText('Section “Economy” and its subsections').waitFor();
    await row.getByText('in force').waitFor();

    const copy = `https://news.${domain}/2026/grain.html`;
    const db = server.context.database.db;
    assert.equal(await isLicensed(db, copy, article.id, new Date().toISOString()), true);
    assert.equal(await isLicensed(db, copy, article.id, '2100-01-01T00:00:00.000Z'), false);

    const licenceId = Number(await row.locator('td').first().textContent());
    await Promise.all([desk.waitForURL(/done=revoked$/), row.getByRole('button', { name: `Revoke licence ${licenceId}` }).click()]);
    await desk.getByRole('row', { name: /Agro Weekly/ }).getByText('revoked').waitFor();
    assert.equal(await isLicensed(db, copy, article.id, new Date().toISOString()), false);
    await newsroom.close();
    assert.deepEqual(log.problems, []);
  });

  it('an editor denies a request with a reason', async () => {
    const request = await createLicenceRequestFixture(server.context, { organisation: 'Denied Daily' });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await loginInBrowser(page, server, editor);
    await page.goto(`${server.url}/newsroom/licences/requests/${request.id}`);
    await page.getByRole('button', { name: 'Deny the request' }).click();
    await page.getByText('Not denied: say why.').waitFor();
    await page.getByLabel('Reason').fill('We do not syndicate this series.');
    await Promise.all([page.waitForURL(/done=denied$/), page.getByRole('button', { name: 'Deny the request' }).click()]);
    await page.getByText('The request was denied.').waitFor();
    await page.getByRole('link', { name: 'Denied', exact: true }).click();
    await page.getByRole('row', { name: /Denied Daily/ }).waitFor();
    await context.close();
  });

  it('partners: an editor adds one with its domains; an admin links its feed key', async () => {
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const admin = await createUserFixture(server.context, { role: 'admin' });
    const { key } = await createApiKeyFixture(server.context, { role: 'contributor', name: 'Steppe Media feed' });
    const domain = uniqueDomain('steppe');
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await loginInBrowser(page, server, editor);
    await page.goto(`${server.url}/newsroom/partners`);
    await page.getByLabel('Organisation').fill('Steppe Media');
    await page.getByLabel('Contact name').fill('Bolat');
    await page.getByLabel('Contact email').fill(`bolat@${domain}`);
    await page.getByLabel('Domains').fill(`${domain}\n10.0.0.1`);
    await page.getByRole('button', { name: 'Add partner' }).click();
    await page.getByText('“10.0.0.1” is an address, not a domain name').waitFor();
    assert.equal(await page.getByLabel('Feed key').count(), 0);
    await page.getByLabel('Domains').fill(`https://www.${domain}/\nmobile.${domain}`);
    await Promise.all([page.waitForURL(/\/newsroom\/partners\/\d+\?done=created$/), page.getByRole('button', { name: 'Add partner' }).click()]);
    assert.equal(await page.getByLabel('Domains').inputValue(), [domain, `mobile.${domain}`].sort().join('\n'));
    const partnerUrl = page.url().replace(/\?.*$/, '');
    await context.close();

    const adminContext = await browser.newContext({ javaScriptEnabled: false });
    const adminPage = await adminContext.newPage();
    await loginInBrowser(adminPage, server, admin);
    await adminPage.goto(partnerUrl);
    await adminPage.getByLabel('Feed key').selectOption({ label: `Steppe Media feed (qk_${key.prefix}_…, contributor)` });
    await Promise.all([adminPage.waitForURL(/done=saved$/), adminPage.getByRole('button', { name: 'Save changes' }).click()]);
    await adminPage.getByText('Saved.').waitFor();
    assert.equal(await adminPage.getByLabel('Feed key').inputValue(), String(key.id));
    await adminContext.close();
  });

  it('serves valid HTML without serious accessibility problems, in the newsroom and on the public form in every language', async () => {
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const pending = await createLicenceRequestFixture(server.context);
    const { licence } = await createLicenceFixture(server.context);
    const partner = await createPartnerFixture(server.context);
    const article = await createPublishedArticle(server.context, { language: 'kk', title: 'Дала желі' });
    const session = await loginAs(server, editor);
    const newsroomPaths = [
      '/newsroom/licences/requests',
      '/newsroom/licences/requests?status=approved',
      `/newsroom/licences/requests/${pending.id}`,
      `/newsroom/licences/requests/${licence.requestId}`,
      '/newsroom/licences',
      '/newsroom/partners',
      `/newsroom/partners/${partner.id}`,
    ];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-nu-desk-'));
    const files = [];
    for (const [i, url] of newsroomPaths.entries()) {
      const response = await fetch(`${server.url}${url}`, { headers: { cookie: session.cookie } });
      assert.equal(response.status, 200, url);
      const file = path.join(dir, `desk-${i}.html`);
      fs.writeFileSync(file, await response.text());
      files.push(file);
    }
    assert.deepEqual(htmlErrors(files), []);
    fs.rmSync(dir, { recursive: true, force: true });

    const problems: string[] = [];
    const page = await browser.newPage();
    await loginInBrowser(page, server, editor);
    for (const url of newsroomPaths) {
      await page.goto(`${server.url}${url}`);
      problems.push(...(await accessibilityProblems(page)));
    }
    // A refused approval: the marked fields must be announced properly too.
    await page.goto(`${server.url}/newsroom/licences/requests/${pending.id}`);
    await page.getByLabel('Valid until').fill('');
    await page.getByRole('button', { name: 'Approve and grant the licence' }).click();
    await page.getByText('Not approved: correct the fields marked below.').waitFor();
    problems.push(...(await accessibilityProblems(page)));
    await page.close();

    const reader = await browser.newPage();
    for (const prefix of ['', '/ru', '/kk', '/kk-latn']) {
      await reader.goto(`${server.url}${prefix}/licence/${article.id}`);
      problems.push(...(await accessibilityProblems(reader)));
      await reader.locator('form.licence-form button[type="submit"]').click();
      await reader.locator('#form-errors').waitFor();
      problems.push(...(await accessibilityProblems(reader)));
    }
    await reader.close();
    assert.deepEqual(problems, []);
  });
});
