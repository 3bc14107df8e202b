import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { runSchedulerTick } from '#src/jobs/background.ts';
import { JOB_HANDLERS } from '#src/jobs/job-handlers.ts';
import { createUserFixture, loginAs, loginInBrowser } from '../../support/auth.ts';
import { launchBrowser, ProblemLog } from '../../support/browser.ts';
import { createFailedDeliveryFixture, createWebhookFixture } from '../../support/factories.ts';
import { accessibilityProblems, htmlErrors } from '../../support/page-checks.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';

describe('the newsroom webhook pages in a browser', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let browser: Browser;

  before(async () => {
    receiver = await startWebhookReceiver();
    server = await startTestServer({ OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${receiver.port}` });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await receiver?.close();
  });

  it('adds an endpoint, shows its secret and log, and sends a delivery again, all without JavaScript', async () => {
    const admin = await createUserFixture(server.context, { role: 'admin' });
    const log = new ProblemLog();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = log.watch(await context.newPage());
    await loginInBrowser(page, server, admin);
    await page.goto(`${server.url}/newsroom`);
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();

    await page.getByLabel('URL').fill(`${receiver.origin}/browser`);
    await page.getByLabel('Description (optional)').fill('Partner feed');
    // Every event starts ticked; this endpoint wants publications only.
    for (const type of ['article.updated', 'article.unpublished', 'article.trashed', 'rights.finding.opened']) await page.getByRole('checkbox', { name: new RegExp(type.replaceAll('.', '\\.')) }).uncheck();
    await Promise.all([page.waitForURL(/\/newsroom\/webhooks\/\d+\?done=created$/), page.getByRole('button', { name: 'Add endpoint' }).click()]);
    await page.getByText('The endpoint was added.').waitFor();
    const secret = (await page.locator('code.nr-code').textContent()) ?? '';
    assert.match(secret, /^whsec_/);
    const id = Number(/\/newsroom\/webhooks\/(\d+)/.exec(page.url())![1]);
    const row = await server.context.database.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(row.events), ['article.published']);
    assert.equal(row.secret, secret);

    // A delivery in the log (failed before), sent again with the button.
    receiver.secrets.set('/browser', secret);
    const deliveryId = await createFailedDeliveryFixture(server.context, id);
    await page.reload();
    await page.getByRole('cell', { name: 'failed' }).waitFor();
    await Promise.all([page.waitForURL(/done=redelivered$/), page.getByRole('button', { name: `Send again delivery ${deliveryId}` }).click()]);
    await page.getByText('Queued to be sent again.').waitFor();
    await runSchedulerTick(server.context, { handlers: JOB_HANDLERS });
    assert.equal(receiver.received.length, 1);
    assert.equal(receiver.received[0]!.verifyError, null);
    await page.reload();
    await page.getByRole('cell', { name: 'succeeded' }).waitFor();
    await context.close();
    assert.deepEqual(log.problems, []);
  });

  it('serves valid HTML without serious accessibility problems', async () => {
    const admin = await createUserFixture(server.context, { role: 'admin' });
    const { endpointId } = await createWebhookFixture(server.context);
    const session = await loginAs(server, admin);
    const paths = ['/newsroom/webhooks', `/newsroom/webhooks/${endpointId}`];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-nu-'));
    const files = [];
    for (const [i, url] of paths.entries()) {
      const response = await fetch(`${server.url}${url}`, { headers: { cookie: session.cookie } });
      assert.equal(response.status, 200, url);
      const file = path.join(dir, `webhooks-${i}.html`);
      fs.writeFileSync(file, await response.text());
      files.push(file);
    }
    assert.deepEqual(htmlErrors(files), []);
    fs.rmSync(dir, { recursive: true, force: true });

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
