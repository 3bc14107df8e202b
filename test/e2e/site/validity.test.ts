import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
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

const VNU = path.resolve('node_modules/vnu-jar/build/dist/vnu.jar');
const AXE = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

type NuMessage = { type: string; message: string; url?: string; extract?: string };

/** Runs the W3C Nu HTML Checker once over several saved pages; answers the errors by file name. */
function nuErrors(files: string[]): NuMessage[] {
  const result = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8' });
  // vnu writes its JSON report to stderr.
  const report = JSON.parse(result.stderr || result.stdout || '{"messages":[]}') as { messages: NuMessage[] };
  return report.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
}

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
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
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
      const errors = nuErrors(files);
      assert.deepEqual(
        errors.map((e) => `${path.basename(e.url ?? '')}: ${e.message}`),
        [],
      );
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
        // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) stays on.
        await page.evaluate(AXE);
        const result = (await page.evaluate(() =>
          (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } }).axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
          }),
        )) as { violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }> };
        for (const v of result.violations) found.push(`${name} @${width}px: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
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
