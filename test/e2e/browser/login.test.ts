import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createUserFixture } from '../../support/auth.ts';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical accessibility violations axe-core finds on the page (WCAG 2.1 A/AA rules). */
async function accessibilityProblems(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(o: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, count: v.nodes.length }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}, ${v.count})`);
}

describe('signing in to the newsroom in a browser', () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    server = await startTestServer();
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in through the real form, lands on the page asked for, and signs out', async () => {
    const editor = await createUserFixture(server.context, { role: 'editor', name: 'Aigerim Editor' });
    const page = await browser.newPage();
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });

    // An anonymous visit is sent to sign in, remembering where it was going.
    await page.goto(`${server.url}/newsroom/tags`);
    assert.equal(new URL(page.url()).pathname, '/newsroom/login');
    assert.equal(new URL(page.url()).searchParams.get('next'), '/newsroom/tags');

    assert.deepEqual(await accessibilityProblems(page), [], 'the sign-in page');

    // A wrong password: the generic message, the email kept, no session.
    await page.getByLabel('Email').fill(editor.email);
    await page.getByLabel('Password', { exact: true }).fill('not my password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The email or password is incorrect.').waitFor();
    assert.equal(await page.getByLabel('Email').inputValue(), editor.email);

    // The right one: straight to the page first asked for, with the navigation of an editor.
    await page.getByLabel('Password', { exact: true }).fill(editor.password);
    await Promise.all([page.waitForURL(`${server.url}/newsroom/tags`), page.getByRole('button', { name: 'Sign in' }).click()]);
    await page.getByRole('heading', { name: 'Tags', level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Newsroom' });
    assert.equal(await nav.getByRole('link', { name: 'Tags' }).getAttribute('aria-current'), 'page');
    assert.equal(await nav.getByRole('link', { name: 'Users' }).count(), 0, 'editors do not see the admin-only Users page');
    assert.match((await page.locator('.nr-account__name').textContent()) ?? '', /Aigerim Editor/);
    assert.deepEqual(await accessibilityProblems(page), [], 'a management page with the newsroom header');

    // The newsroom home.
    await page.goto(`${server.url}/newsroom`);
    assert.equal(new URL(page.url()).pathname, '/newsroom');

    // Sign out from the header: back to the sign-in page, and the newsroom is closed again.
    await Promise.all([page.waitForURL(/\/newsroom\/login\?out=1$/), page.getByRole('button', { name: 'Sign out' }).click()]);
    await page.getByText('You have signed out.').waitFor();
    await page.goto(`${server.url}/newsroom`);
    assert.equal(new URL(page.url()).pathname, '/newsroom/login');
    const cookies = await page.context().cookies();
    assert.equal(cookies.find((cookie) => cookie.name === 'qalam_session'), undefined);
    assert.deepEqual(cspViolations, []);
    await page.close();
  });
});
