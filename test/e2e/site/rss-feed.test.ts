import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createArticleFixture, createPublishedArticle, paragraphsBody } from '../../support/factories.ts';

const CHECK_FEEDS = path.resolve('../shared/tools/check-feeds.sh');

describe('GET /feed.xml', () => {
  let server: TestServer;
  let feed: string;
  let response: Response;
  before(async () => {
    server = await startTestServer();
    await createPublishedArticle(server.context, {
      title: 'Older story & <its> "quotes"',
      standfirst: 'A standfirst with a control char \u0001 that XML forbids.',
      publishedAt: '2024-02-20T04:00:00.000Z',
    });
    await createPublishedArticle(server.context, {
      title: 'Newest story',
      body: paragraphsBody(['BODY-TEXT-THAT-MUST-NOT-LEAK into the feed.']),
    });
    await createArticleFixture(server.context, { title: 'A draft nobody may see' });
    await createArticleFixture(server.context, { title: 'A story for tomorrow', status: 'published', publishedAt: new Date(Date.now() + 86_400_000).toISOString() });
    response = await fetch(`${server.url}/feed.xml`);
    feed = await response.text();
  });
  after(() => server.close());

  it('answers RSS 2.0 that feed parsers accept', () => {
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/rss\+xml/);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-feed-')), 'feed.xml');
    fs.writeFileSync(file, feed);
    const check = spawnSync('bash', [CHECK_FEEDS, file], { encoding: 'utf8' });
    assert.equal(check.status, 0, `${check.stdout}\n${check.stderr}`);
  });

  it('lists published articles newest first, escaped, without drafts or future ones', () => {
    // Titles as an XML reader gets them: CDATA sections keep markup in a title from being markup
    // (the strict parsers of check-feeds.sh above prove the document well formed).
    const titles = [...feed.matchAll(/<item>\s*<title><!\[CDATA\[(.*?)\]\]><\/title>/g)].map((m) => m[1]);
    assert.deepEqual(titles, ['Newest story', 'Older story & <its> "quotes"']);
    assert.doesNotMatch(feed, /\u0001/);
    assert.match(feed, /<pubDate>Tue, 20 Feb 2024 04:00:00 GMT<\/pubDate>/);
  });

  it('carries standfirsts and links, never the full text (the reuse policy)', () => {
    assert.doesNotMatch(feed, /BODY-TEXT-THAT-MUST-NOT-LEAK/);
    assert.match(feed, new RegExp(`<link>${server.url}/[a-z0-9-]+/[a-z0-9-]+</link>`));
  });
});
