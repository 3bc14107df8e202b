import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../support/browser.ts';
import { accessibilityProblems, htmlErrors, WCAG_21_AA } from '../../support/page-checks.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import {
  addCorrectionFixture,
  createAuthorFixture,
  createImageFixture,
  createLocationFixture,
  createPublishedArticle,
  createSectionFixture,
  createTagFixture,
} from '../../support/factories.ts';

describe('public pages are valid HTML and pass axe', () => {
  let server: TestServer;
  let browser: Browser;
  const pages: Record<string, string> = {};

  before(async () => {
    server = await startTestServer();
    const context = server.context;
    const section = await createSectionFixture(context, { name: 'News', slug: 'news' });
    await createSectionFixture(context, { name: 'Business' });
    const location = await createLocationFixture(context, { city: 'Astana', country: 'Kazakhstan' });
    const author = await createAuthorFixture(context, { name: 'Aigerim Sadykova', bio: 'Covers foreign policy.' });
    const tag = await createTagFixture(context, { name: 'Diplomacy' });
    const lead = await createImageFixture(context, { caption: 'Officials meet', credit: 'Press service', altText: 'Two officials shake hands' });
    const inline = await createImageFixture(context, { width: 1200, height: 800, caption: 'The ministry', credit: 'Archive' });
    for (let i = 0; i < 14; i++) {
      await createPublishedArticle(context, {
        sectionId: section.id,
        title: `Story ${i} from the newsroom`,
        leadMediaId: i % 2 === 0 ? lead.id : null,
        tagIds: [tag.id],
        authorIds: [author.id],
        publishedAt: new Date(Date.UTC(2025, 0, 1, 8, i)).toISOString(),
      });
    }
    const article = await createPublishedArticle(context, {
      sectionId: section.id,
      title: 'Ministers discuss cooperation for the coming year',
      standfirst: 'Officials of the two sides met in the capital.',
      leadMediaId: lead.id,
      locationId: location.id,
      authorIds: [author.id],
      tagIds: [tag.id],
      sourceAttribution: 'Ministry press service',
      body: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'The meeting, ' },
              { type: 'text', text: 'reported here', marks: [{ type: 'link', attrs: { href: 'https://example.com/report' } }, { type: 'italic' }] },
              { type: 'text', text: ', lasted two hours.' },
            ],
          },
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'What was agreed' }] },
          { type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Training' }] }] }] },
          { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'We thank our partners.' }] }] },
          { type: 'figure', attrs: { mediaId: inline.id, caption: '', credit: '', alt: 'The ministry building' } },
          { type: 'embed', attrs: { url: 'https://www.youtube.com/watch?v=abc', title: 'Video of the meeting' } },
          { type: 'horizontalRule' },
          { type: 'paragraph', content: [{ type: 'text', text: 'Talks continue next month.' }] },
        ],
      },
    });
    await addCorrectionFixture(context, article.id, { kind: 'update', text: 'Added the agreed list.' });
    Object.assign(pages, {
      'Main Page': '/',
      'section page': '/news',
      'section page 2': '/news?page=2',
      'tag page': `/tag/${tag.slug}`,
      'author page': `/author/${author.slug}`,
      'article page': article.path,
      '404 page': '/no-such-page',
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server.close();
  });

  it('has no Nu HTML Checker errors on any page type', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-nu-'));
    try {
      const files: string[] = [];
      for (const [name, url] of Object.entries(pages)) {
        const response = await fetch(`${server.url}${url}`);
        assert.equal(response.status, name === '404 page' ? 404 : 200, name);
        const file = path.join(dir, `${name.replaceAll(' ', '-')}.html`);
        fs.writeFileSync(file, await response.text());
        files.push(file);
      }
      assert.deepEqual(htmlErrors(files), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has no axe-core violations (WCAG 2.1 A/AA and best practices) on any page type, at phone and desktop widths', async () => {
    const found: string[] = [];
    for (const width of [390, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      for (const [name, url] of Object.entries(pages)) {
        await page.goto(`${server.url}${url}`, { waitUntil: 'load' });
        for (const problem of await accessibilityProblems(page, { tags: [...WCAG_21_AA, 'best-practice'], impacts: 'all' })) {
          found.push(`${name} @${width}px: ${problem}`);
        }
      }
      // A 404 document is expected on the 404 page itself; nothing else may fail (CSP, missing assets, favicon).
      assert.deepEqual(
        consoleErrors.filter((e) => !/status of 404/.test(e)),
        [],
      );
      await page.close();
    }
    assert.deepEqual(found, []);
  });
});
