import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import sharp from 'sharp';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createUserFixture, loginAs, type HttpSession, uploadImage } from '../../support/auth.ts';

/** A GIF extension block: introducer, label, then `data` cut into sub-blocks of at most 255 bytes. */
function gifExtension(label: number, data: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from([0x21, label])];
  for (let at = 0; at < data.length; at += 255) {
    const piece = data.subarray(at, at + 255);
    parts.push(Buffer.from([piece.length]), piece);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

/** `gif` with extra blocks placed after its global colour table, where editors write them. */
function withBlocks(gif: Buffer, blocks: Buffer[]): Buffer {
  const packed = gif[10]!;
  const tableEnd = 13 + (packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0);
  return Buffer.concat([gif.subarray(0, tableEnd), ...blocks, gif.subarray(tableEnd)]);
}

describe('uploads to /api/admin/media', () => {
  let server: TestServer;
  let session: HttpSession;

  before(async () => {
    server = await startTestServer();
    const user = await createUserFixture(server.context, { role: 'contributor' });
    session = await loginAs(server, user);
  });
  after(() => server.close());

  it('answers 413 to a declared length over the limit at once, without reading the body', async () => {
    const { hostname, port } = new URL(server.url);
    const socket = net.connect(Number(port), hostname);
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const boundary = 'qalam-boundary';
    socket.write(
      [
        'POST /api/admin/media HTTP/1.1',
        `Host: ${hostname}:${port}`,
        `Cookie: ${session.cookie}`,
        `X-CSRF-Token: ${session.csrfToken}`,
        'Accept: application/json',
        `Content-Type: multipart/form-data; boundary=${boundary}`,
        `Content-Length: ${60 * 1024 * 1024}`,
        '',
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ].join('\r\n'),
    );
    socket.write(Buffer.alloc(4096, 0xff));
    const started = Date.now();
    // Only 4 KB of the declared 60 MB are ever sent: an answer proves the server did not wait for the rest.
    const answer = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`no answer within 5 s; got so far: ${text.slice(0, 200)}`)), 5000);
      socket.on('data', (chunk) => {
        text += chunk.toString('utf8');
        if (text.includes('\r\n\r\n') && text.includes('}')) {
          clearTimeout(timer);
          resolve(text);
        }
      });
      socket.on('error', reject);
    }).finally(() => socket.destroy());
    assert.match(answer, /^HTTP\/1\.1 413 /);
    assert.match(answer, /larger than 25 MB/);
    assert.ok(Date.now() - started < 5000);
  });

  it('stores a GIF without its comment and XMP blocks, frames and looping intact, and leaves no temporary file', async () => {
    const frames = await Promise.all(['#ff0000', '#00ff00'].map((c) => sharp({ create: { width: 60, height: 40, channels: 3, background: c } }).raw().toBuffer()));
    const plain = await sharp(Buffer.concat(frames), { raw: { width: 60, height: 80, channels: 3, pageHeight: 40 } } as never)
      .gif({ delay: [100, 100], loop: 0 })
      .toBuffer();
    const xmp = Buffer.from('<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>51,10.0N</exif:GPSLatitude></x:xmpmeta>');
    const tagged = withBlocks(plain, [
      gifExtension(0xfe, Buffer.from('Shot at the secret location, phone of A. Demo')),
      gifExtension(0xff, Buffer.concat([Buffer.from('XMP DataXMP', 'latin1'), xmp])),
    ]);
    assert.ok(tagged.includes('secret location') && tagged.includes('GPSLatitude'), 'the fixture carries both blocks');
    assert.equal((await sharp(tagged).metadata()).pages, 2, 'the fixture is a readable animation');

    const response = await uploadImage(server, session, tagged, 'tagged.gif', { altText: 'Red then green' });
    assert.equal(response.status, 201, await response.clone().text());
    const media = (await response.json()) as { url: string };
    const stored = fs.readFileSync(path.join(server.context.config.mediaDir, decodeURIComponent(media.url.replace(/^\/media\//, ''))));
    for (const trace of ['secret location', 'XMP DataXMP', 'GPSLatitude', 'xmpmeta']) assert.ok(!stored.includes(trace), `the original still holds "${trace}"`);
    const meta = await sharp(stored).metadata();
    assert.equal(meta.pages, 2, 'both frames kept');
    assert.equal(meta.loop, 0, 'still loops forever');
    assert.ok(stored.includes('NETSCAPE2.0'), 'the looping block is kept');

    const tmpDir = path.join(server.context.config.dataDir, 'tmp');
    assert.deepEqual(fs.readdirSync(tmpDir), [], 'the spooled upload is removed');
    assert.equal(fs.statSync(tmpDir).mode & 0o777, 0o700, 'the spool folder is private');
  });
});
