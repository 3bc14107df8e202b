import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createUserFixture, loginAs, uploadImage } from '../../support/auth.ts';
import { buildArticleFields } from '../../support/factories.ts';
import { createSection } from '#src/domain/sections/section-repository.ts';
import { findArticleById, insertArticle, updateArticleFields } from '#src/domain/articles/article-repository.ts';
import { USAGE_LIST_LIMIT, type MediaView } from '#src/domain/media/media-repository.ts';

/** The API answers media as the domain presents them. */
type MediaJson = MediaView;
type ErrorJson = { error: string; message: string; field?: string };

function solid(width: number, height: number, color: string, channels: 3 | 4 = 3) {
  return sharp({ create: { width, height, channels, background: color } });
}

/** A PNG whose header declares `width`×`height` pixels but whose data is a few bytes: a decompression bomb's shape. */
function pngDeclaring(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('/api/admin/media', () => {
  let server: TestServer;
  let session: { cookie: string; csrfToken: string };
  /** The signed-in contributor: the drafts below are theirs, so "where used" may list them. */
  let photographerId: number;

  before(async () => {
    server = await startTestServer();
    const user = { email: 'photo@example.kz', password: 'correct horse battery staple 7' };
    photographerId = (await createUserFixture(server.context, { role: 'contributor', ...user })).id;
    session = await loginAs(server, user);
  });
  after(() => server.close());

  function upload(bytes: Buffer, name: string, fields: Record<string, string> = {}, auth = true): Promise<Response> {
    return uploadImage(server, auth ? session : null, bytes, name, fields);
  }

  async function api(method: string, url: string, body?: unknown): Promise<Response> {
    return fetch(`${server.url}${url}`, {
      method,
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function mediaCount(): Promise<number> {
    const row = await server.context.database.db
      .selectFrom('media')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function assertServed(url: string, contentType: string): Promise<Buffer> {
    const response = await fetch(`${server.url}${url}`);
    assert.equal(response.status, 200, url);
    assert.equal(response.headers.get('content-type'), contentType, url);
    return Buffer.from(await response.arrayBuffer());
  }

  const accepted: Array<{ name: string; mime: string; make: () => Promise<Buffer>; fallback: string }> = [
    { name: 'photo.jpg', mime: 'image/jpeg', make: () => solid(1400, 700, '#2a6f97').jpeg().toBuffer(), fallback: 'jpeg' },
    { name: 'chart.png', mime: 'image/png', make: () => solid(700, 500, '#e9c46a').png().toBuffer(), fallback: 'jpeg' },
    { name: 'pic.webp', mime: 'image/webp', make: () => solid(1000, 600, '#264653').webp().toBuffer(), fallback: 'jpeg' },
    { name: 'pic.avif', mime: 'image/avif', make: () => solid(800, 450, '#f4a261').avif({ effort: 0 }).toBuffer(), fallback: 'jpeg' },
    { name: 'logo.gif', mime: 'image/gif', make: () => solid(300, 200, '#e76f51').gif().toBuffer(), fallback: 'jpeg' },
    {
      name: 'badge.png',
      mime: 'image/png',
      make: () => solid(500, 500, '#00000000', 4).composite([{ input: { create: { width: 200, height: 200, channels: 4, background: '#c1121fff' } } }]).png().toBuffer(),
      fallback: 'png',
    },
  ];

  for (const sample of accepted) {
    it(`accepts ${sample.name} as ${sample.mime} and serves WebP and ${sample.fallback} variants no wider than the image`, async () => {
      const bytes = await sample.make();
      const response = await upload(bytes, sample.name, { caption: `Sample ${sample.name}`, altText: 'A coloured block' });
      assert.equal(response.status, 201, await response.clone().text());
      const media = (await response.json()) as MediaJson;
      const facts = await sharp(bytes).metadata();
      assert.equal(media.mimeType, sample.mime);
      assert.equal(media.width, facts.width);
      assert.equal(media.caption, `Sample ${sample.name}`);
      assert.equal(media.altText, 'A coloured block');
      await assertServed(media.url, sample.mime);
      assert.ok(media.variants.length >= 2);
      const formats = new Set(media.variants.map((v) => v.format));
      assert.deepEqual([...formats].sort(), ['webp', sample.fallback].sort());
      const widths = media.variants.map((v) => v.width);
      assert.deepEqual(widths, [...widths].sort((a, b) => a - b), 'variants sorted by width');
      assert.ok(Math.max(...widths) <= media.width, 'never upscaled');
      assert.ok(widths.includes(Math.min(media.width, 1920)), 'the largest variant is the full width (capped)');
      for (const variant of media.variants) {
        const file = path.join(server.context.config.mediaDir, variant.url.replace(/^\/media\//, ''));
        assert.ok(fs.existsSync(file), `${file} exists`);
        const served = await assertServed(variant.url, variant.format === 'webp' ? 'image/webp' : `image/${variant.format}`);
        const meta = await sharp(served).metadata();
        assert.equal(meta.width, variant.width);
        assert.equal(meta.height, variant.height);
      }
    });
  }

  it('keeps an animated GIF as uploaded and makes still variants of it', async () => {
    const frames = await Promise.all(['#ff0000', '#00ff00', '#0000ff'].map((c) => solid(120, 80, c).raw().toBuffer()));
    const gif = await sharp(Buffer.concat(frames), { raw: { width: 120, height: 240, channels: 3, pageHeight: 80 } } as never)
      .gif({ delay: [100, 100, 100], loop: 0 })
      .toBuffer();
    assert.equal((await sharp(gif).metadata()).pages, 3, 'the fixture is animated');
    const response = await upload(gif, 'spinner.gif', { altText: 'Three colours' });
    assert.equal(response.status, 201);
    const media = (await response.json()) as MediaJson;
    assert.equal(media.height, 80, 'height of one frame');
    const original = await assertServed(media.url, 'image/gif');
    assert.ok(original.equals(gif), 'the original is the uploaded file');
    for (const variant of media.variants) {
      const still = await sharp(await assertServed(variant.url, `image/${variant.format}`)).metadata();
      assert.equal(still.pages ?? 1, 1, 'variants are stills');
    }
  });

  it('rotates by EXIF orientation and strips EXIF (GPS) from the original and the variants', async () => {
    const bytes = await solid(1200, 600, '#8ab17d')
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Make: 'TestCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 10/1 0/1' } })
      .toBuffer();
    const before = await sharp(bytes).metadata();
    assert.ok(before.exif && before.exif.includes(Buffer.from('TestCam')), 'the fixture carries EXIF');
    const response = await upload(bytes, 'rotated.jpg');
    assert.equal(response.status, 201);
    const media = (await response.json()) as MediaJson;
    assert.equal(media.width, 600);
    assert.equal(media.height, 1200);
    for (const url of [media.url, ...media.variants.map((v) => v.url)]) {
      const served = await fetch(`${server.url}${url}`).then(async (r) => Buffer.from(await r.arrayBuffer()));
      const meta = await sharp(served).metadata();
      assert.equal(meta.exif, undefined, `${url} has no EXIF`);
      assert.ok((meta.orientation ?? 1) === 1);
      assert.ok(meta.height > meta.width, `${url} is upright`);
    }
  });

  it('says the image is already in the library when the same bytes are uploaded again, handing back the text it did not store', async () => {
    const bytes = await solid(400, 300, '#123456').png().toBuffer();
    const firstResponse = await upload(bytes, 'one.png', { caption: 'First caption', altText: 'First alt' });
    const first = (await firstResponse.json()) as MediaJson & { alreadyInLibrary: boolean };
    assert.equal(firstResponse.status, 201);
    assert.equal(first.alreadyInLibrary, false);
    assert.equal(first.originalName, 'one.png');
    const countBefore = await mediaCount();
    const second = await upload(bytes, 'two.png', { caption: 'Second caption', credit: 'Photo: Dana Abenova', altText: 'Second alt' });
    assert.equal(second.status, 200, 'no new image was created');
    const answer = (await second.json()) as MediaJson & { alreadyInLibrary: boolean; submitted: Record<string, string> };
    assert.equal(answer.id, first.id);
    assert.equal(answer.alreadyInLibrary, true);
    assert.equal(answer.originalName, 'one.png', 'the library item keeps its own name');
    // The library's text is unchanged; what was sent comes back, for "update its text" in the newsroom.
    assert.deepEqual([answer.caption, answer.credit, answer.altText], ['First caption', '', 'First alt']);
    assert.deepEqual(answer.submitted, { caption: 'Second caption', credit: 'Photo: Dana Abenova', altText: 'Second alt' });
    assert.equal(await mediaCount(), countBefore);
  });

  it('refuses an SVG with 422 on the file field, writing nothing', async () => {
    const countBefore = await mediaCount();
    const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    const response = await upload(svg, 'logo.png');
    assert.equal(response.status, 422);
    const body = (await response.json()) as ErrorJson;
    assert.equal(body.field, 'file');
    assert.match(body.message, /SVG/);
    assert.equal(await mediaCount(), countBefore);
  });

  it('refuses a text file named .jpg with 422 on the file field', async () => {
    const countBefore = await mediaCount();
    const response = await upload(Buffer.from('This is not a picture at all, just some words.\n'), 'holiday.jpg');
    assert.equal(response.status, 422);
    const body = (await response.json()) as ErrorJson;
    assert.equal(body.field, 'file');
    assert.match(body.message, /JPEG, PNG, WebP, AVIF or GIF/);
    assert.equal(await mediaCount(), countBefore);
  });

  it('refuses a small file that declares 100000×100000 pixels without decoding it', async () => {
    const countBefore = await mediaCount();
    const bomb = pngDeclaring(100_000, 100_000);
    assert.ok(bomb.length < 2000);
    const response = await upload(bomb, 'bomb.png');
    assert.equal(response.status, 422);
    const body = (await response.json()) as ErrorJson;
    assert.equal(body.field, 'file');
    assert.match(body.message, /too large/i);
    assert.match(body.message, /megapixels/);
    assert.equal(await mediaCount(), countBefore);
  });

  it('accepts a photo of several megabytes (larger than the JSON body limit)', async () => {
    const noise = await sharp(Buffer.from(Array.from({ length: 1500 * 1000 * 3 }, (_, i) => (i * 7919) % 251)), {
      raw: { width: 1500, height: 1000, channels: 3 },
    })
      .png({ compressionLevel: 0 })
      .toBuffer();
    assert.ok(noise.length > 3 * 1024 * 1024, `fixture is ${noise.length} bytes`);
    const response = await upload(noise, 'big.png');
    assert.equal(response.status, 201, await response.clone().text());
  });

  it('refuses a file over 25 MB with 413 on the file field, writing nothing', async () => {
    const countBefore = await mediaCount();
    const huge = Buffer.alloc(26 * 1024 * 1024);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    const response = await upload(huge, 'huge.jpg');
    assert.equal(response.status, 413);
    const body = (await response.json()) as ErrorJson;
    assert.equal(body.field, 'file');
    assert.match(body.message, /larger than 25 MB/);
    assert.equal(await mediaCount(), countBefore);
  });

  it('refuses a truncated JPEG (a sound header, cut-off data) with 422, writing no row', async () => {
    const countBefore = await mediaCount();
    const whole = await solid(800, 600, '#7f5539').jpeg().toBuffer();
    const response = await upload(whole.subarray(0, Math.floor(whole.length / 2)), 'cut.jpg');
    assert.equal(response.status, 422);
    const body = (await response.json()) as ErrorJson;
    assert.equal(body.field, 'file');
    assert.match(body.message, /damaged or incomplete/);
    assert.equal(await mediaCount(), countBefore);
  });

  it('refuses a request without a file with 422 on the file field', async () => {
    const form = new FormData();
    form.append('caption', 'no file here');
    const response = await fetch(`${server.url}/api/admin/media`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      body: form,
    });
    assert.equal(response.status, 422);
    assert.equal(((await response.json()) as ErrorJson).field, 'file');
  });

  it('answers 401 to an anonymous upload and writes nothing', async () => {
    const countBefore = await mediaCount();
    const filesBefore = fs.readdirSync(server.context.config.mediaDir, { recursive: true }).length;
    const response = await upload(await solid(50, 50, '#abcdef').png().toBuffer(), 'anon.png', {}, false);
    assert.equal(response.status, 401);
    assert.equal(await mediaCount(), countBefore);
    assert.equal(fs.readdirSync(server.context.config.mediaDir, { recursive: true }).length, filesBefore);
    const list = await fetch(`${server.url}/api/admin/media`);
    assert.equal(list.status, 401);
  });

  it('edits caption, credit and alt text, and finds images by them and by file name', async () => {
    const bytes = await solid(640, 480, '#5e548e').jpeg().toBuffer();
    const media = (await (await upload(bytes, 'Steppe-Sunrise.JPG')).json()) as MediaJson;
    const patched = await api('PATCH', `/api/admin/media/${media.id}`, {
      caption: '  Morning over the   steppe near Zhezkazgan ',
      credit: 'Aigerim Demo / Qalam',
      altText: 'Orange light over flat grassland',
    });
    assert.equal(patched.status, 200);
    const view = (await patched.json()) as MediaJson;
    assert.equal(view.caption, 'Morning over the steppe near Zhezkazgan');
    assert.equal(view.credit, 'Aigerim Demo / Qalam');
    assert.equal(view.altText, 'Orange light over flat grassland');
    const partial = (await (await api('PATCH', `/api/admin/media/${media.id}`, { credit: 'Qalam Photo Desk' })).json()) as MediaJson;
    assert.equal(partial.credit, 'Qalam Photo Desk');
    assert.equal(partial.caption, 'Morning over the steppe near Zhezkazgan', 'fields not sent stay as they were');

    for (const q of ['zhezkazgan', 'PHOTO DESK', 'grassland', 'steppe-sunrise']) {
      const found = (await (await api('GET', `/api/admin/media?q=${encodeURIComponent(q)}`)).json()) as { items: MediaJson[]; total: number };
      assert.deepEqual(
        found.items.map((i) => i.id),
        [media.id],
        `search "${q}"`,
      );
      assert.equal(found.total, 1);
    }
    const none = (await (await api('GET', '/api/admin/media?q=%25')).json()) as { total: number };
    assert.equal(none.total, 0, 'a % in the query is a literal character, not a wildcard');
    const all = (await (await api('GET', '/api/admin/media')).json()) as { items: MediaJson[]; total: number };
    assert.ok(all.total >= 2);
    assert.equal(all.items[0]?.id, media.id, 'newest first');

    const audit = await server.context.database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('subject_type', '=', 'media')
      .where('subject_id', '=', String(media.id))
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['media.uploaded', 'media.updated', 'media.updated'],
    );
    assert.deepEqual(JSON.parse(audit[2]!.details), { fields: ['credit'] });

    const tooLong = await api('PATCH', `/api/admin/media/${media.id}`, { altText: 'x'.repeat(501) });
    assert.equal(tooLong.status, 400);
    assert.equal(((await tooLong.json()) as ErrorJson).field, 'altText');
    assert.equal((await api('PATCH', '/api/admin/media/999999', { caption: 'x' })).status, 404);
  });

  it('lists the articles that use an image as lead or in the body', async () => {
    const [a, b, c] = await Promise.all(
      ['#111111', '#222222', '#333333'].map(async (color, i) => (await (await upload(await solid(300 + i, 200, color).png().toBuffer(), `u${i}.png`)).json()) as MediaJson),
    );
    const db = server.context.database.db;
    const sectionId = await createSection(db, { name: 'Usage', slug: 'usage' });
    const leadId = await insertArticle(
      db,
      buildArticleFields(sectionId, { slug: 'leads', title: 'Leads with the image', leadMediaId: a!.id }),
      { status: 'draft', userId: photographerId },
    );
    const figureId = await insertArticle(
      db,
      buildArticleFields(sectionId, {
        slug: 'places',
        title: 'Places it in a quote',
        body: {
          type: 'doc',
          content: [
            { type: 'blockquote', content: [{ type: 'figure', attrs: { mediaId: a!.id, caption: '', credit: '', alt: '' } }] },
            { type: 'figure', attrs: { mediaId: b!.id, caption: 'c', credit: '', alt: '' } },
          ],
        },
      }),
      { status: 'published', publishedAt: new Date().toISOString(), userId: null },
    );
    const details = async (id: number) =>
      (await (await api('GET', `/api/admin/media/${id}`)).json()) as { usage: Array<{ articleId: number; title: string }>; usageTotal: number };
    const usageOf = async (id: number) => (await details(id)).usage;
    assert.deepEqual((await usageOf(a!.id)).map((u) => u.articleId).sort(), [leadId, figureId].sort());
    assert.equal((await details(a!.id)).usageTotal, 2);
    assert.deepEqual(await usageOf(b!.id), [{ articleId: figureId, title: 'Places it in a quote', status: 'published' }]);
    assert.deepEqual(await usageOf(c!.id), []);
    assert.equal((await api('GET', '/api/admin/media/999999')).status, 404);

    // An edit that takes the figure out takes the article off the image's list.
    const placed = (await findArticleById(db, figureId))!;
    const withoutB = { ...placed, body: { type: 'doc' as const, content: [{ type: 'paragraph' as const }] } };
    assert.ok(await updateArticleFields(db, figureId, placed.version, withoutB, null));
    assert.deepEqual(await usageOf(b!.id), []);
    assert.deepEqual((await usageOf(a!.id)).map((u) => u.articleId), [leadId]);
  });

  it('lists at most the most recently updated users of an image, with the total', async () => {
    const image = (await (await upload(await solid(310, 200, '#444444').png().toBuffer(), 'popular.png')).json()) as MediaJson;
    const db = server.context.database.db;
    const sectionId = await createSection(db, { name: 'Popular', slug: 'popular' });
    const count = USAGE_LIST_LIMIT + 3;
    for (let i = 0; i < count; i++) {
      await insertArticle(
        db,
        buildArticleFields(sectionId, { slug: `uses-${i}`, title: `Uses it ${i}`, leadMediaId: image.id }),
        { status: 'draft', userId: photographerId },
      );
    }
    const body = (await (await api('GET', `/api/admin/media/${image.id}`)).json()) as { usage: Array<{ title: string }>; usageTotal: number };
    assert.equal(body.usageTotal, count);
    assert.equal(body.usage.length, USAGE_LIST_LIMIT);
  });
});
