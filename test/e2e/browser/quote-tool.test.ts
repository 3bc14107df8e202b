import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, ProblemLog } from '../../support/browser.ts';
import { createPublishedArticle, createSectionFixture, paragraphsBody } from '../../support/factories.ts';
import { accessibilityProblems } from '../../support/page-checks.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const SHORT = 'Wind farms on the steppe now feed the grid of three regions.';
// Five long paragraphs: together far more than 30% of the article's words.
const LONG = Array.from({ length: 5 }, (_, i) => `Paragraph ${i + 1} tells how engineers, herders and officials argued for years over turbines, roads, water and the price of power in the villages.`);

/** Selects the whole text of the elements matching `selector` (from the first one's start to the last one's end), as a reader's drag would. */
async function selectText(page: Page, selector: string): Promise<string> {
  return page.evaluate((css) => {
    const nodes = [...document.querySelectorAll(css)];
    const range = document.createRange();
    range.setStart(nodes[0]!.firstChild!, 0);
    const last = nodes.at(-1)!.lastChild!;
    range.setEnd(last, last.textContent!.length);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    return selection.toString();
  }, selector);
}

/**
 * A reader's triple click, at a reader's pace: the double click's word selection already shows the
 * tool before the third press comes, so the tool must not stand where that press lands.
 */
async function tripleClickSlowly(page: Page, text: string): Promise<void> {
  const box = await page.getByText(text).boundingBox();
  assert.ok(box, `no box for ${text}`);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.click(x, y, { clickCount: 1 });
  await page.mouse.click(x, y, { clickCount: 2 });
  await page.getByRole('button', { name: 'Quote with link' }).waitFor();
  await page.mouse.click(x, y, { clickCount: 3 });
}

describe('the readers’ quote tool on the article page', () => {
  let server: TestServer;
  let browser: Browser;
  let article: { id: number; path: string };
  let russian: { id: number; path: string };

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const section = await createSectionFixture(server.context, { name: 'Energy', slug: 'energy' });
    article = await createPublishedArticle(server.context, {
      sectionId: section.id,
      title: 'Wind comes to the steppe',
      standfirst: 'Turbines rise in three regions.',
      body: paragraphsBody([SHORT, ...LONG]),
    });
    russian = await createPublishedArticle(server.context, {
      sectionId: section.id,
      language: 'ru',
      title: 'Ветер приходит в степь',
      body: paragraphsBody(['Ветровые станции в степи питают сеть трёх областей.', 'Второй абзац статьи.']),
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openArticle(path: string, options: { javaScript?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; log: ProblemLog }> {
    const context = await browser.newContext({ javaScriptEnabled: options.javaScript ?? true, permissions: ['clipboard-read', 'clipboard-write'] });
    const log = new ProblemLog();
    const page = log.watch(await context.newPage());
    await page.goto(`${server.url}${path}`);
    return { context, page, log };
  }

  it('offers “Quote with link” for a selection and copies it with the title and the canonical link', async () => {
    const { context, page, log } = await openArticle(article.path);
    const button = page.getByRole('button', { name: 'Quote with link' });
    assert.equal(await button.isVisible(), false);
    // A reader's triple click selects the paragraph.
    await tripleClickSlowly(page, SHORT);
    await button.waitFor({ state: 'visible' });
    await button.click();
    await page.getByText('Copied: the quote with the article’s title and link.').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, `“${SHORT}” — Wind comes to the steppe, ${server.url}${article.path}`);
    // A short quote needs no licence: no note about one.
    assert.equal(await page.getByRole('link', { name: 'ask for a licence', exact: true }).count(), 0);
    // The selection is still the reader's.
    assert.equal((await page.evaluate(() => window.getSelection()!.toString())).trim(), SHORT);
    await context.close();
    assert.deepEqual(log.problems, []);
  });

  it('notes politely that a selection beyond the allowed share needs a licence, and links to the form', async () => {
    const { context, page, log } = await openArticle(article.path);
    await selectText(page, '.article-body p');
    const note = page.locator('.quote-note[aria-live="polite"]');
    await note.getByText('This selection is longer than the 30% of the article that may be quoted.').waitFor();
    const link = note.getByRole('link', { name: 'ask for a licence', exact: true });
    assert.equal(await link.getAttribute('href'), `/licence/${article.id}`);
    // Copying is still offered, and still works.
    await page.getByRole('button', { name: 'Quote with link' }).click();
    await page.getByText('Copied: the quote with the article’s title and link.').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied.startsWith(`“${SHORT} Paragraph 1`), copied);
    assert.ok(copied.endsWith(`” — Wind comes to the steppe, ${server.url}${article.path}`), copied);
    assert.deepEqual(await accessibilityProblems(page), []);
    await Promise.all([page.waitForURL(`${server.url}/licence/${article.id}`), link.click()]);
    await page.getByRole('heading', { name: 'Ask to republish an article in full' }).waitFor();
    await context.close();
    assert.deepEqual(log.problems, []);
  });

  it('is reachable from the keyboard: Tab reaches the button before leaving the page’s header links, Enter copies', async () => {
    const { context, page } = await openArticle(article.path);
    await tripleClickSlowly(page, SHORT);
    await page.getByRole('button', { name: 'Quote with link' }).waitFor();
    // The click focuses <main> (tabindex -1); Tab walks from there: the breadcrumb's links, then the button.
    const visited: string[] = [];
    for (let i = 0; i < 5 && visited.at(-1) !== 'Quote with link'; i += 1) {
      await page.keyboard.press('Tab');
      visited.push(await page.evaluate(() => document.activeElement?.textContent ?? ''));
    }
    assert.deepEqual(visited, ['Main Page', 'Energy', 'Quote with link']);
    await page.keyboard.press('Enter');
    await page.getByText('Copied: the quote with the article’s title and link.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `“${SHORT}” — Wind comes to the steppe, ${server.url}${article.path}`);
    // Escape puts the tool away.
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Quote with link' }).waitFor({ state: 'hidden' });
    await context.close();
  });

  it('speaks the page’s language: Russian quote marks and words on a Russian page', async () => {
    const { context, page } = await openArticle(`/ru${russian.path}`);
    await selectText(page, '.article-body p:first-child');
    const button = page.getByRole('button', { name: 'Цитировать со ссылкой' });
    await button.click();
    await page.getByText('Скопировано: цитата с заголовком статьи и ссылкой.').waitFor();
    assert.equal(
      await page.evaluate(() => navigator.clipboard.readText()),
      `«Ветровые станции в степи питают сеть трёх областей.» — Ветер приходит в степь, ${server.url}/ru${russian.path}`,
    );
    await context.close();
  });

  it('leaves selections outside the article alone', async () => {
    const { context, page } = await openArticle(article.path);
    await selectText(page, '.site-tagline');
    await page.waitForFunction(() => window.getSelection()!.toString().length > 0);
    assert.equal(await page.getByRole('button', { name: 'Quote with link' }).isVisible(), false);
    await context.close();
  });

  it('without JavaScript the page reads fully, nothing of the tool shows, and the notice still links to the form', async () => {
    const { context, page, log } = await openArticle(article.path, { javaScript: false });
    for (const text of [SHORT, ...LONG]) assert.equal(await page.getByText(text).isVisible(), true);
    assert.equal(await page.getByRole('button', { name: 'Quote with link' }).count(), 0);
    const ask = page.getByRole('link', { name: 'Ask for a licence to republish this article' });
    await Promise.all([page.waitForURL(`${server.url}/licence/${article.id}`), ask.click()]);
    await context.close();
    assert.deepEqual(log.problems, []);
  });
});
