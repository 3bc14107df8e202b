import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createAuthorFixture, createPublishedArticle, createSectionFixture, createTagFixture } from '../../support/factories.ts';
import { corpusFile } from '../../support/corpus.ts';
import { activeContent, elementByClass, jsonLdOf, textOf } from './html-text.ts';

/** Payloads from the public XSS lists that carry markup (a plain word proves nothing). */
async function hostilePayloads(): Promise<string[]> {
  const lists = ['XSS_Polyglots.txt', 'IntrudersXSS.txt', 'RSNAKE_XSS.txt'];
  const lines = (await Promise.all(lists.map((f) => readFile(corpusFile(`xss/${f}`), 'utf8')))).flatMap((t) => t.split('\n'));
  return [...new Set(lines.map((l) => l.trim()).filter((l) => /[<>"']/.test(l) && l.length <= 300))].slice(0, 40);
}

describe('escaping of editor-supplied text on public pages', () => {
  let server: TestServer;
  let payloads: string[];
  before(async () => {
    server = await startTestServer();
    payloads = await hostilePayloads();
  });
  after(() => server.close());

  it('shows hostile titles, standfirsts, body text and names as text, in HTML and in JSON-LD', async () => {
    assert.ok(payloads.length >= 20);
    for (const [i, payload] of payloads.entries()) {
      const name = payload.slice(0, 100).trim();
      const section = await createSectionFixture(server.context, { name });
      const tag = await createTagFixture(server.context, { name });
      const author = await createAuthorFixture(server.context, { name, bio: payload });
      const article = await createPublishedArticle(server.context, {
        sectionId: section.id,
        title: payload,
        standfirst: payload,
        sourceAttribution: payload,
        body: {
          type: 'doc',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: payload, marks: [{ type: 'link', attrs: { href: 'https://example.com/?q="><script>' } }] }] },
            { type: 'embed', attrs: { url: 'https://example.com/video', title: payload } },
          ],
        },
        tagIds: [tag.id],
        authorIds: [author.id],
      });
      for (const path of [article.path, `/${section.slug}`, `/tag/${tag.slug}`, `/author/${author.slug}`, '/']) {
        const response = await fetch(`${server.url}${path}`);
        assert.equal(response.status, 200, `${path} with payload ${i}`);
        const html = await response.text();
        assert.deepEqual(activeContent(html), [], `active content on ${path} with payload ${i}: ${payload}`);
        if (/<[a-z]/i.test(payload)) assert.ok(!html.includes(payload), `payload ${i} reflected raw on ${path}`);
      }
      const html = await (await fetch(`${server.url}${article.path}`)).text();
      assert.equal(textOf(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)![1]!), payload);
      assert.equal(textOf(elementByClass(html, 'standfirst')!), payload);
      const ld = jsonLdOf(html).find((d) => d['@type'] === 'NewsArticle')!;
      assert.equal(ld.description, payload.replace(/\s+/g, ' ').trim());
    }
  });
});
