import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { articleBodySchema } from '#src/domain/articles/article-body.ts';
import type { TestServer } from '../../support/test-server.ts';
import { createUserFixture, loginInBrowser } from '../../support/auth.ts';
import { createSectionFixture } from '../../support/factories.ts';
import { ProblemLog } from '../../support/browser.ts';
import { accessibilityProblems } from '../../support/page-checks.ts';
import { useTestbed } from './editor-support.ts';

/** Saves and answers the stored body, parsed by the server's own schema (throws if it does not fit), and its word count. */
async function savedBody(page: Page) {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText(/^Saved \d\d:\d\d$/).waitFor();
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  const article = await page.evaluate(async (articleId) => (await fetch(`/api/admin/articles/${articleId}`)).json(), id);
  return { doc: articleBodySchema.parse(article.body), wordCount: article.wordCount as number };
}

describe('the body editor produces only what the article schema allows', () => {
  let server: TestServer;
  let browser: Browser;
  let log: ProblemLog;
  let page: Page;

  useTestbed((testbed) => ({ server, browser } = testbed));
  before(async () => {
    await createSectionFixture(server.context, { name: 'World', slug: 'world' });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    log = new ProblemLog();
    page = log.watch(await browser.newPage());
    await loginInBrowser(page, server, editor);
  });

  it('builds every block and mark from the toolbar and shortcuts, with aria-pressed following the cursor', async () => {
    await page.goto(`${server.url}/newsroom/articles/new`);
    await page.getByLabel('Title').fill('Every kind of block');
    const body = page.locator('.ed-body');
    await body.click();
    await page.keyboard.press('Control+b');
    assert.equal(await page.getByRole('button', { name: 'Bold' }).getAttribute('aria-pressed'), 'true');
    await page.keyboard.type('Strong start');
    await page.keyboard.press('Control+b');
    await page.keyboard.press('Control+i');
    await page.keyboard.type(' and a slant');
    await page.keyboard.press('Control+i');
    assert.equal(await page.getByRole('button', { name: 'Italic' }).getAttribute('aria-pressed'), 'false');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Alt+3');
    assert.equal(await page.getByRole('button', { name: 'Heading 3' }).getAttribute('aria-pressed'), 'true');
    await page.keyboard.type('Third level');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Heading 4' }).click();
    await page.keyboard.type('Fourth level');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Bulleted list' }).click();
    await page.keyboard.type('First point');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Second point');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Numbered list' }).click();
    await page.keyboard.type('Step one');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Quote' }).click();
    await page.keyboard.type('A quoted line');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Horizontal rule' }).click();
    await page.keyboard.type('Mail the desk');
    await page.keyboard.down('Shift');
    for (let i = 0; i < 'the desk'.length; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.up('Shift');
    await page.getByRole('button', { name: 'Link' }).click();
    await page.getByLabel('Address').fill('desk@example.org');
    await page.getByRole('button', { name: 'Apply link' }).click();
    await body.getByRole('link', { name: 'the desk' }).waitFor();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');

    await page.getByRole('button', { name: 'Insert embed' }).click();
    await page.getByLabel('Address of the video or post').fill('mailto:someone@example.org');
    await page.getByRole('button', { name: 'Insert card' }).click();
    await page.getByText('The address must start with http:// or https://').waitFor();
    await page.getByLabel('Address of the video or post').fill('https://video.example.org/watch/42');
    await page.getByLabel('Title shown on the card').fill('Interview with the mayor');
    await page.getByRole('button', { name: 'Insert card' }).click();
    await body.locator('.ed-embed').getByRole('link', { name: 'Interview with the mayor' }).waitFor();

    // A new tag by name: an editor may create it on the spot.
    await page.getByLabel('Tags').fill('Rail freight');
    await page.getByLabel('Tags').press('Enter');
    await page.getByText('Not found: Rail freight.').waitFor();
    await page.getByRole('button', { name: 'Create “Rail freight”' }).click();
    await page.getByRole('list', { name: 'Chosen tags' }).getByText('Rail freight').waitFor();

    const { doc, wordCount } = await savedBody(page);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const tagIds = await page.evaluate(async (articleId) => (await (await fetch(`/api/admin/articles/${articleId}`)).json()).tagIds, id);
    const tag = await server.context.database.db.selectFrom('tags').select(['id', 'name']).where('name', '=', 'Rail freight').executeTakeFirstOrThrow();
    assert.deepEqual(tagIds, [tag.id]);
    const types = doc.content.map((block) => (block.type === 'heading' ? `heading${block.attrs.level}` : block.type));
    assert.deepEqual(types.slice(0, 9), ['paragraph', 'heading3', 'heading4', 'bulletList', 'orderedList', 'blockquote', 'horizontalRule', 'paragraph', 'embed']);
    const json = JSON.stringify(doc);
    assert.match(json, /"marks":\[\{"type":"bold"\}\],"text":"Strong start"|"text":"Strong start","marks":\[\{"type":"bold"\}\]/);
    assert.match(json, /"type":"italic"/);
    assert.match(json, /"href":"mailto:desk@example.org"/);
    assert.match(json, /"url":"https:\/\/video.example.org\/watch\/42","title":"Interview with the mayor"/);
    // One counting rule (domain/articles/body-text.ts) in the browser and on the server.
    assert.equal(await page.locator('#ed-words').textContent(), String(wordCount));
    assert.ok(wordCount > 20);
  });

  it('turns pasted HTML into allowed blocks: no code blocks, no images from outside, no script links', async () => {
    await page.goto(`${server.url}/newsroom/articles/new`);
    await page.getByLabel('Title').fill('Pasted from another site');
    await page.locator('.ed-body').click();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData(
        'text/html',
        '<h1>Big title</h1><pre><code>x = 1</code></pre><p>See <a href="javascript:alert(1)">this</a> and <a href="https://ok.example/">that</a>' +
          '<img src="https://evil.example/x.png" onerror="alert(1)"></p><h5>Small</h5><table><tr><td>cell</td></tr></table><p style="color:red">styled</p><p>code style = K&amp;R</p>',
      );
      document.querySelector('.ed-body')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.locator('.ed-body').getByText('cell').waitFor();
    const { doc } = await savedBody(page);
    const json = JSON.stringify(doc);
    assert.doesNotMatch(json, /javascript:|codeBlock|evil\.example|"image"|"style"|color/);
    assert.match(json, /"href":"https:\/\/ok.example\/"/);
    for (const text of ['Big title', 'x = 1', 'Small', 'cell', 'styled', 'code style = K&R']) assert.match(json, new RegExp(text), `keeps the text "${text}"`);
    assert.deepEqual(await accessibilityProblems(page), []);
    assert.deepEqual(log.problems, []);
  });
});
