import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** The bytes as sent (fetch would decode them), so the test sees what crossed the wire. */
function getRaw(url: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const SOURCE = fs.readFileSync(path.resolve('public/site.css'));
const CHUNKS = path.resolve('dist/client/chunks');

describe('assets (/assets/)', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  it('sends the stylesheet compressed to a browser that takes Brotli, the same bytes once decoded', async () => {
    const sent = await getRaw(`${server.url}/assets/site.css`, { 'accept-encoding': 'br, gzip' });
    assert.equal(sent.status, 200);
    assert.equal(sent.headers['content-encoding'], 'br');
    assert.match(sent.headers['content-type'] ?? '', /^text\/css/);
    assert.match(String(sent.headers.vary), /accept-encoding/i);
    assert.ok(sent.body.length < SOURCE.length / 2, `${sent.body.length} bytes sent for ${SOURCE.length}`);
    assert.deepEqual(zlib.brotliDecompressSync(sent.body), SOURCE);
  });

  it('sends gzip to a browser that takes only gzip, and the file itself to one that takes neither', async () => {
    const gzipped = await getRaw(`${server.url}/assets/site.css`, { 'accept-encoding': 'gzip' });
    assert.equal(gzipped.headers['content-encoding'], 'gzip');
    assert.deepEqual(zlib.gunzipSync(gzipped.body), SOURCE);
    const plain = await getRaw(`${server.url}/assets/site.css`, { 'accept-encoding': 'identity' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.deepEqual(plain.body, SOURCE);
  });

  it('sends the newsroom bundle compressed', async () => {
    const sent = await getRaw(`${server.url}/assets/newsroom-editor.js`, { 'accept-encoding': 'br' });
    assert.equal(sent.status, 200);
    assert.equal(sent.headers['content-encoding'], 'br');
    assert.match(sent.headers['content-type'] ?? '', /javascript/);
  });

  it('lets a browser keep a versioned URL for a year and an unversioned one for an hour', async () => {
    const versioned = await getRaw(`${server.url}/assets/site.css?v=0123456789`, { 'accept-encoding': 'br' });
    assert.equal(versioned.headers['cache-control'], 'public, max-age=31536000, immutable');
    const chunk = fs.readdirSync(CHUNKS).find((name) => name.endsWith('.js'));
    assert.ok(chunk, 'the newsroom build has chunks');
    const hashed = await getRaw(`${server.url}/assets/chunks/${chunk}`, { 'accept-encoding': 'br' });
    assert.equal(hashed.headers['cache-control'], 'public, max-age=31536000, immutable');
    const plain = await getRaw(`${server.url}/assets/views.js`, { 'accept-encoding': 'br' });
    assert.equal(plain.headers['cache-control'], 'public, max-age=3600');
  });

  it('answers 404 for an asset that is not there, in any coding', async () => {
    for (const coding of ['br', 'gzip', 'identity']) {
      const missing = await getRaw(`${server.url}/assets/nothing-here.css`, { 'accept-encoding': coding });
      assert.equal(missing.status, 404, coding);
    }
  });
});
