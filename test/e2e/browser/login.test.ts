import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { useTestbed } from './editor-support.ts';
import { accessibilityProblems } from '../../support/page-checks.ts';
import type { TestServer } from '../../support/test-server.ts';
import { createUserFixture } from '../../support/auth.ts';

describe('signing in to the newsroom in a browser', () => {
  let server: TestServer;
  let browser: Browser;

  useTestbed((testbed) => ({ server, browser } = testbed));

  it('folds the newsroom menu behind "Menu" on a 390 px phone, so the page starts near the top', async () => {
    const admin = await createUserFixture(server.context, { role: 'admin', name: 'Phone Admin' });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/newsroom/login`);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await Promise.all([page.waitForURL(`${server.url}/newsroom`), page.getByRole('button', { name: 'Sign in' }).click()]);
    // Folded: one header row (brand and "Menu"), no link of the admin's long menu on show.
    const nav = page.getByRole('navigation', { name: 'Newsroom' });
    assert.equal(await nav.count(), 0, 'no navigation is shown until the menu is opened');
    const header = await page.locator('header').boundingBox();
    const brand = await page.getByRole('link', { name: /Qalam/ }).boundingBox();
    const menu = page.getByText('Menu', { exact: true });
    const toggle = await menu.boundingBox();
    assert.ok(header && brand && toggle);
    assert.ok(Math.abs(brand.y + brand.height / 2 - (toggle.y + toggle.height / 2)) < brand.height, 'brand and Menu share one row');
    assert.ok(header.height < 2 * Math.max(brand.height, toggle.height) + 24, `the header is one row, not ${header.height}px of wrapped links`);
    await menu.click();
    await nav.getByRole('link', { name: 'Users' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    assert.deepEqual(await accessibilityProblems(page), [], 'the open phone menu');
    await context.close();
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
    assert.match((await page.locator('.nr-account__name').first().textContent()) ?? '', /Aigerim Editor/);
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
