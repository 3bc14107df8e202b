import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createPublishedArticle } from '../../support/factories.ts';

/** A raw GET (fetch would decompress and hide Content-Encoding); answers status, headers and body bytes. */
function rawGet(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the page cache over HTTP', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('answers an article with an ETag, a short public max-age and surrogate keys, and 304 to If-None-Match', async () => {
    const article = await createPublishedArticle(server.context);
    const first = await rawGet(`${server.url}${article.path}`);
    assert.equal(first.status, 200);
    const etag = first.headers.etag as string;
    assert.match(etag, /^"[\w-]+"$/);
    assert.match(first.headers['cache-control'] as string, /^public, max-age=\d+/);
    assert.match(first.headers['surrogate-key'] as string, new RegExp(`(^| )article:${article.id}( |$)`));
    const second = await rawGet(`${server.url}${article.path}`, { 'if-none-match': etag });
    assert.equal(second.status, 304);
    assert.equal(second.body.length, 0);
    assert.equal(second.headers.etag, etag);
    const stale = await rawGet(`${server.url}${article.path}`, { 'if-none-match': '"something-else"' });
    assert.equal(stale.status, 200);
  });

  it('serves brotli, gzip or identity by Accept-Encoding, all the same page', async () => {
    const article = await createPublishedArticle(server.context);
    const url = `${server.url}${article.path}`;
    const plain = await rawGet(url);
    assert.equal(plain.headers['content-encoding'], undefined);
    const br = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(br.body).toString(), plain.body.toString());
    const gz = await rawGet(url, { 'accept-encoding': 'gzip, br;q=0' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.body).toString(), plain.body.toString());
    assert.match(String(br.headers.vary), /Accept-Encoding/i);
    assert.notEqual(br.headers.etag, gz.headers.etag);
    // A validator from one coding still matches the same page in another.
    assert.equal((await rawGet(url, { 'accept-encoding': 'gzip', 'if-none-match': String(br.headers.etag) })).status, 304);
  });

  it('shows a change only after the event that announces it, then at once', async () => {
    const article = await createPublishedArticle(server.context, { title: 'Before the edit' });
    const url = `${server.url}${article.path}`;
    assert.match((await rawGet(url)).body.toString(), /Before the edit/);
    await server.context.database.db.updateTable('articles').set({ title: 'After the edit' }).where('id', '=', article.id).execute();
    // Served from the cache: the write has not been announced yet.
    assert.match((await rawGet(url)).body.toString(), /Before the edit/);
    server.context.events.emit('article.updated', { articleId: article.id });
    assert.match((await rawGet(url)).body.toString(), /After the edit/);
    assert.match((await rawGet(`${server.url}/`)).body.toString(), /After the edit/);
  });

  it('drops a page when its article is unpublished', async () => {
    const article = await createPublishedArticle(server.context);
    const url = `${server.url}${article.path}`;
    assert.equal((await rawGet(url)).status, 200);
    await server.context.database.db.updateTable('articles').set({ status: 'draft' }).where('id', '=', article.id).execute();
    server.context.events.emit('article.unpublished', { articleId: article.id });
    assert.equal((await rawGet(url)).status, 404);
  });

  it('shows new settings on every page after settings.updated', async () => {
    const article = await createPublishedArticle(server.context);
    const url = `${server.url}${article.path}`;
    await rawGet(url);
    await server.context.database.db.updateTable('site_settings').set({ tagline: 'A brand new tagline' }).execute();
    server.context.events.emit('settings.updated');
    assert.match((await rawGet(url)).body.toString(), /A brand new tagline/);
  });
});

describe('the page cache and signed-in people', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('renders fresh, private pages for a signed-in person and never stores them for readers', async () => {
    const { signedInAs } = await import('../../support/auth.ts');
    const session = await signedInAs(server, 'editor');
    const article = await createPublishedArticle(server.context, { title: 'Seen by an editor first' });
    const url = `${server.url}${article.path}`;
    const mine = await rawGet(url, { cookie: session.cookie });
    assert.equal(mine.status, 200);
    assert.equal(mine.headers['cache-control'], 'private, no-store');
    await server.context.database.db.updateTable('articles').set({ title: 'Changed quietly' }).where('id', '=', article.id).execute();
    // Nothing was cached by the editor's visit, so the first anonymous reader gets the stored row.
    const reader = await rawGet(url);
    assert.match(reader.body.toString(), /Changed quietly/);
    assert.match(String(reader.headers['cache-control']), /^public/);
  });
});

describe('PAGE_CACHE_MB=0', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ PAGE_CACHE_MB: '0' });
  });
  after(() => server.close());

  it('renders every request from the database, still with validators and compression', async () => {
    const article = await createPublishedArticle(server.context, { title: 'Rendered every time' });
    const url = `${server.url}${article.path}`;
    const first = await rawGet(url, { 'accept-encoding': 'br' });
    assert.equal(first.headers['content-encoding'], 'br');
    assert.match(brotliDecompressSync(first.body).toString(), /Rendered every time/);
    await server.context.database.db.updateTable('articles').set({ title: 'Changed without an event' }).where('id', '=', article.id).execute();
    const second = await rawGet(url, { 'accept-encoding': 'gzip' });
    assert.match(gunzipSync(second.body).toString(), /Changed without an event/);
    const contentHash = (etag: unknown) => String(etag).replace(/-(br|gz)"$/, '"');
    assert.notEqual(contentHash(second.headers.etag), contentHash(first.headers.etag), 'a new validator for the new text');
    assert.equal((await rawGet(url, { 'if-none-match': String(second.headers.etag) })).status, 304);
  });
});
