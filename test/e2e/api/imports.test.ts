import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { htmlErrors } from '../../support/page-checks.ts';
import { runImport } from '#src/domain/imports/run-import.ts';
import { ImportRefused } from '#src/domain/imports/import-errors.ts';
import { readWxr } from '#src/domain/imports/wxr-reader.ts';
import type { ImportReport } from '#src/domain/imports/import-report.ts';

const CORPUS = path.resolve('../shared/corpus');
const THEME_TEST = path.join(CORPUS, 'wxr/themeunittestdata.wordpress.xml');
const BLOCKS_TEST = path.join(CORPUS, 'wxr/64-block-test-data.xml');
const GHOST_TEST = path.join(CORPUS, 'ghost/ghost-theme-unit-test.json');

/** A loopback stand-in for the old sites' file hosts: a small image of its own for every image path, 404 for the rest. */
async function startImageHost(): Promise<{ origin: string; hostPort: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer(async (request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://x').pathname;
    requests.push(pathname);
    if (!/\.(jpe?g|png|gif)$/i.test(pathname)) return void response.writeHead(404).end();
    const digest = createHash('sha256').update(pathname).digest();
    const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: digest[0]!, g: digest[1]!, b: digest[2]! } } }).jpeg().toBuffer();
    response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': bytes.length }).end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { origin: `http://127.0.0.1:${port}`, hostPort: `127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function count(server: TestServer, table: 'articles' | 'sections' | 'tags' | 'authors' | 'media' | 'redirects'): Promise<number> {
  const row = await server.context.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function everyCount(server: TestServer) {
  return { articles: await count(server, 'articles'), sections: await count(server, 'sections'), tags: await count(server, 'tags'), authors: await count(server, 'authors'), media: await count(server, 'media'), redirects: await count(server, 'redirects') };
}

async function articleByTitle(server: TestServer, title: string) {
  return server.context.database.db.selectFrom('articles').selectAll().where('title', '=', title).executeTakeFirstOrThrow();
}

function tempFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-import-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** A small WXR file around `items` (item XML), in the https namespace WordPress.com writes. */
function wxr(items: string, extraHeader = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="https://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="https://wordpress.org/export/1.2/">
<channel><title>Small site</title><link>https://small.example</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://small.example</wp:base_blog_url>
<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>news</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
${extraHeader}${items}</channel></rss>`;
}

function post(id: number, fields: { title: string; slug: string; content: string; category?: string; status?: string }): string {
  return `<item><title>${fields.title}</title><link>https://small.example/2020/01/02/${fields.slug}/</link><guid isPermaLink="false">https://small.example/?p=${id}</guid><dc:creator>editor</dc:creator>
<content:encoded><![CDATA[${fields.content}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>${id}</wp:post_id><wp:post_date_gmt>2020-01-02 10:00:00</wp:post_date_gmt>
<wp:post_name>${fields.slug}</wp:post_name><wp:status>${fields.status ?? 'publish'}</wp:status><wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>
<category domain="category" nicename="${fields.category ?? 'news'}"><![CDATA[${fields.category ?? 'News'}]]></category></item>`;
}

const noMedia = { dryRun: false, media: null };

describe('qalam import: WordPress and Ghost exports', () => {
  let server: TestServer;
  let images: Awaited<ReturnType<typeof startImageHost>>;
  let themeReport: ImportReport;

  before(async () => {
    images = await startImageHost();
    server = await startTestServer({ OUTBOUND_ALLOW_HOSTS: images.hostPort });
    themeReport = await runImport(server.context, 'wordpress', THEME_TEST, {
      dryRun: false,
      media: { fetch: true, mediaBaseUrl: images.origin, allowHosts: server.context.config.outboundAllowHosts },
    });
  });
  after(async () => {
    await server.close();
    await images.close();
  });

  it('imports the theme test data: posts by status, the password-protected one as a listed draft, nested categories as sections', async () => {
    assert.equal(themeReport.error, null);
    assert.equal(themeReport.counts.articles.created, 58);
    assert.deepEqual(themeReport.statuses, { published: 55, scheduled: 1, draft: 2 });
    const db = server.context.database.db;
    const byStatus = await db.selectFrom('articles').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').orderBy('status').execute();
    assert.deepEqual(Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)])), { draft: 2, published: 55, scheduled: 1 });
    const locked = await articleByTitle(server, 'Template: Password Protected (the password is "enter")');
    assert.equal(locked.status, 'draft');
    assert.ok(themeReport.lines.some((l) => l.item.includes('Password Protected') && /password-protected/.test(l.message)));
    const sections = await db.selectFrom('sections').select(['id', 'slug', 'parent_id']).execute();
    const bySlug = new Map(sections.map((s) => [s.slug, s]));
    assert.equal(bySlug.get('child-2')?.parent_id, bySlug.get('child-1')?.id);
    assert.equal(bySlug.get('child-1')?.parent_id, bySlug.get('parent')?.id);
    assert.ok((await count(server, 'tags')) >= 100);
    const authors = await db.selectFrom('authors').select('name').orderBy('name').execute();
    assert.deepEqual(authors.map((a) => a.name), ['Theme Buster', 'Theme Reviewer']);
    const users = await db.selectFrom('users').select('id').execute();
    assert.equal(users.length, 0, 'authors become profiles, never accounts');
  });

  it('converts a classic body block by block, its images fetched from the loopback host into the library', async () => {
    const article = await articleByTitle(server, 'Markup: Image Alignment');
    const body = JSON.parse(article.body) as { content: Array<{ type: string; attrs?: { alt?: string; mediaId?: number }; content?: Array<{ text?: string }> }> };
    assert.deepEqual(body.content.slice(0, 5).map((b) => b.type), ['paragraph', 'paragraph', 'figure', 'paragraph', 'figure']);
    assert.match(body.content[0]!.content![0]!.text!, /^Welcome to image alignment!/);
    assert.equal(body.content[2]!.attrs!.alt, 'Image Alignment 580x300');
    const media = await server.context.database.db.selectFrom('media').select(['id', 'original_name']).where('id', '=', body.content[2]!.attrs!.mediaId!).executeTakeFirstOrThrow();
    assert.equal(media.original_name, 'image-alignment-580x300.jpg');
    assert.ok(images.requests.includes('/2013/03/image-alignment-580x300.jpg'));
    assert.ok(!JSON.stringify(body).includes('<'), 'no raw HTML is stored');
  });

  it('keeps a featured image as the lead image, and names the images and elements it could not keep', async () => {
    const withLead = await server.context.database.db.selectFrom('articles').select('id').where('lead_media_id', 'is not', null).execute();
    assert.ok(withLead.length > 0);
    assert.ok(themeReport.lines.some((l) => /dropped .*<video>/.test(l.message)));
    assert.ok(themeReport.counts.media.created > 10);
  });

  it('answers 301 from every old address of a published post, the dated path and /?p=, to its new path', async () => {
    let first: { link: string; postId: string } | null = null;
    for await (const record of readWxr(THEME_TEST)) {
      if (record.kind === 'item' && record.item.postType === 'post' && record.item.status === 'publish' && !record.item.password) {
        first = { link: record.item.link, postId: record.item.postId };
        break;
      }
    }
    assert.ok(first);
    const oldPath = new URL(first.link).pathname;
    const dated = await fetch(`${server.url}${oldPath}`, { redirect: 'manual' });
    assert.equal(dated.status, 301);
    const target = dated.headers.get('location')!;
    const byId = await fetch(`${server.url}/?p=${first.postId}`, { redirect: 'manual' });
    assert.equal(byId.status, 301);
    assert.equal(byId.headers.get('location'), target);
    const page = await fetch(`${server.url}${target}`);
    assert.equal(page.status, 200);
    assert.equal((await fetch(`${server.url}/2001/01/01/never-was/`, { redirect: 'manual' })).status, 404);
  });

  it('imports the pages as static pages with their hierarchy, a page deeper than one level under its top page, old addresses redirected', async () => {
    assert.equal(themeReport.counts.pages.created, 21);
    const db = server.context.database.db;
    const pages = await db.selectFrom('pages').select(['id', 'path', 'parent_id', 'status']).execute();
    const byPath = new Map(pages.map((p) => [p.path, p]));
    assert.equal(byPath.get('level-1/level-2')?.parent_id, byPath.get('level-1')?.id);
    assert.equal(byPath.get('level-1/level-3')?.parent_id, byPath.get('level-1')?.id, 'level 3 sits under its top page');
    assert.ok(themeReport.lines.some((l) => l.item.includes('Level 3') && /3 levels deep/.test(l.message)));
    const deep = await fetch(`${server.url}/level-1/level-2/level-3/`, { redirect: 'manual' });
    assert.equal(deep.status, 301);
    assert.equal(deep.headers.get('location'), '/level-1/level-3');
    const byId = await fetch(`${server.url}/?page_id=172`, { redirect: 'manual' });
    assert.equal(byId.headers.get('location'), '/level-1/level-3');
    assert.equal((await fetch(`${server.url}/level-1/level-3`)).status, 200);
  });

  it('renders every imported published article as valid HTML (Nu checker)', async () => {
    const rows = await server.context.database.db.selectFrom('articles as a').innerJoin('sections as s', 's.id', 'a.section_id').select(['a.slug', 's.slug as section']).where('a.status', '=', 'published').execute();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-import-pages-'));
    const files: string[] = [];
    for (const row of rows) {
      const response = await fetch(`${server.url}/${row.section}/${row.slug}`);
      assert.equal(response.status, 200, `/${row.section}/${row.slug}`);
      const file = path.join(dir, `${row.section}--${row.slug}.html`);
      fs.writeFileSync(file, await response.text());
      files.push(file);
    }
    assert.equal(files.length, 55);
    const pages = await server.context.database.db.selectFrom('pages').select('path').where('status', '=', 'published').execute();
    for (const page of pages) {
      const response = await fetch(`${server.url}/${page.path}`);
      assert.equal(response.status, 200, page.path);
      const file = path.join(dir, `page--${page.path.replace(/\//g, '--')}.html`);
      fs.writeFileSync(file, await response.text());
      files.push(file);
    }
    // A page published on the old site that is not published here is one the report explains.
    const drafts = await server.context.database.db.selectFrom('pages').select('title').where('status', '!=', 'published').execute();
    for (const draft of drafts) assert.ok(themeReport.lines.some((l) => l.item.includes(draft.title) && /draft/.test(l.message)), draft.title);
    assert.deepEqual(htmlErrors(files), []);
  });

  it('updates what it imported on a second run and adds nothing twice', async () => {
    const before = await everyCount(server);
    const again = await runImport(server.context, 'wordpress', THEME_TEST, { dryRun: false, media: { fetch: true, mediaBaseUrl: images.origin, allowHosts: [images.hostPort] } });
    assert.equal(again.counts.articles.created, 0);
    assert.equal(again.counts.articles.unchanged, 58);
    assert.equal(again.counts.media.created, 0);
    assert.equal(again.counts.pages.unchanged, 21);
    assert.deepEqual(await everyCount(server), before);
  });

  it('imports Gutenberg block markup: headings and lists as blocks, dynamic blocks dropped and named', async () => {
    const report = await runImport(server.context, 'wordpress', BLOCKS_TEST, noMedia);
    assert.equal(report.error, null);
    assert.equal(report.counts.articles.created + report.counts.articles.updated + report.counts.articles.unchanged, 61, JSON.stringify(report.counts));
    assert.ok(report.lines.some((l) => /block wp:latest-posts/.test(l.message)), JSON.stringify(report.lines.slice(0, 3)));
    const db = server.context.database.db;
    const text = await articleByTitle(server, 'WP 6.1 Text category blocks');
    const types = new Set((JSON.parse(text.body) as { content: Array<{ type: string }> }).content.map((b) => b.type));
    for (const type of ['heading', 'paragraph', 'bulletList', 'blockquote']) assert.ok(types.has(type), type);
    assert.ok(!text.body.includes('<!--'), 'no block comment is left in the body');
  });

  it('imports the Ghost export: posts with tags and their author, pages as static pages, /slug/ redirected', async () => {
    const report = await runImport(server.context, 'ghost', GHOST_TEST, { dryRun: false, media: null, siteUrl: 'https://ghost.example' });
    assert.equal(report.error, null);
    assert.equal(report.counts.articles.created, 17);
    assert.equal(report.counts.tags.created + report.counts.tags.unchanged, 46);
    assert.equal(report.counts.authors.created, 1);
    assert.equal(report.counts.pages.created, 2);
    const article = await articleByTitle(server, 'HTML Tags, Markdown, and Formatting');
    const body = JSON.parse(article.body) as { content: Array<{ type: string }> };
    assert.ok(body.content.some((b) => b.type === 'heading'));
    assert.ok(body.content.some((b) => b.type === 'blockquote'));
    const moved = await fetch(`${server.url}/html-tags-and-formatting/`, { redirect: 'manual' });
    assert.equal(moved.status, 301);
    // The WordPress pages took /blog first: the Ghost section went to the next free address, and the report says so.
    const section = await server.context.database.db.selectFrom('sections').select('slug').where('id', '=', article.section_id).executeTakeFirstOrThrow();
    assert.equal(moved.headers.get('location'), `/${section.slug}/${article.slug}`);
    const again = await runImport(server.context, 'ghost', GHOST_TEST, { dryRun: false, media: null, siteUrl: 'https://ghost.example' });
    assert.equal(again.counts.articles.created, 0);
    assert.equal(again.counts.pages.created, 0);
  });

  it('prints the report of a dry run and writes nothing', async () => {
    const before = await everyCount(server);
    const file = tempFile('dry.xml', wxr(post(1, { title: 'Dry', slug: 'dry', content: 'Nothing written.' })));
    const report = await runImport(server.context, 'wordpress', file, { dryRun: true, media: null });
    assert.equal(report.dryRun, true);
    assert.equal(report.counts.articles.created, 1);
    assert.deepEqual(await everyCount(server), before);
  });

  it('refuses a file that is not WXR, malformed XML or an entity bomb, changing nothing', async () => {
    const before = await everyCount(server);
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><rss><channel><title>&lol2;</title></channel></rss>`;
    const cases: Array<[string, string, RegExp]> = [
      ['plain.xml', 'just some words', /not well-formed XML|holds no XML/],
      ['page.xml', '<html><body>hello</body></html>', /root element is <html>/],
      ['rss.xml', '<rss><channel><title>Feed</title><item><title>x</title></item></channel></rss>', /not a WordPress export/],
      ['bomb.xml', bomb, /DOCTYPE/],
      // Well-formed up to half-way: the items before the break must not be written either.
      ['broken.xml', wxr(post(11, { title: 'Before the break', slug: 'before-break', content: 'One.' })).replace('</channel></rss>', '<item><title>Cut'), /not well-formed XML/],
    ];
    for (const [name, text, message] of cases) {
      await assert.rejects(runImport(server.context, 'wordpress', tempFile(name, text), noMedia), (error: unknown) => error instanceof ImportRefused && message.test(error.message), name);
    }
    await assert.rejects(runImport(server.context, 'ghost', tempFile('not.json', '{"posts": 1}'), noMedia), ImportRefused);
    await assert.rejects(runImport(server.context, 'ghost', tempFile('bad.json', '{"db": ['), noMedia), ImportRefused);
    assert.deepEqual(await everyCount(server), before);
  });

  it('gives duplicate slugs their own, makes a missing category, and keeps a body nested a thousand levels within the limits', async () => {
    const deep = `${'<div><blockquote>'.repeat(1000)}Deep text.${'</blockquote></div>'.repeat(1000)}`;
    const items = [
      post(21, { title: 'Twin one', slug: 'twin', content: 'First.' }),
      post(22, { title: 'Twin two', slug: 'twin', content: 'Second.' }),
      post(23, { title: 'Lost category', slug: 'lost-category', content: 'Where?', category: 'nowhere' }),
      post(24, { title: 'Very deep', slug: 'very-deep', content: deep }),
      post(25, { title: 'Scripted', slug: 'scripted', content: '<p>Kept.</p><script>alert(1)</script><form><input name="q"></form>[unknown_plugin id="3"]Inner[/unknown_plugin]' }),
    ].join('');
    const report = await runImport(server.context, 'wordpress', tempFile('edge.xml', wxr(items)), noMedia);
    assert.equal(report.error, null);
    assert.equal(report.counts.articles.created, 5);
    const [one, two] = [await articleByTitle(server, 'Twin one'), await articleByTitle(server, 'Twin two')];
    assert.equal(one.slug, 'twin');
    assert.equal(two.slug, 'twin-2');
    assert.ok(report.lines.some((l) => l.item.includes('Twin two') && /slug "twin"/.test(l.message)));
    assert.ok(report.lines.some((l) => l.item.includes('Lost category') && /not in the export's list/.test(l.message)));
    const deepBody = (await articleByTitle(server, 'Very deep')).body;
    assert.match(deepBody, /Deep text\./);
    const scripted = await articleByTitle(server, 'Scripted');
    assert.ok(!scripted.body.includes('alert'));
    assert.match(scripted.body, /Inner/);
    const line = report.lines.find((l) => l.item.includes('Scripted'))!;
    assert.match(line.message, /shortcode \[unknown_plugin\]/);
    assert.match(line.message, /<script>/);
    assert.match(line.message, /<form>/);
    assert.equal((await fetch(`${server.url}/?p=21`, { redirect: 'manual' })).headers.get('location'), '/news/twin');
    assert.equal((await fetch(`${server.url}/?p=22`, { redirect: 'manual' })).headers.get('location'), '/news/twin-2');
  });

  it('takes a post that comes twice in one export as one article, the later copy updating it, and points a link at a post written just before', async () => {
    const items = [
      post(31, { title: 'Told once', slug: 'told-once', content: '<p>First telling.</p>' }),
      post(32, { title: 'Linking back', slug: 'linking-back', content: '<p>See <a href="https://small.example/2020/01/02/told-once/">the story</a>.</p>' }),
      post(31, { title: 'Told once', slug: 'told-once', content: '<p>Second telling.</p>' }),
    ].join('');
    const report = await runImport(server.context, 'wordpress', tempFile('twice.xml', wxr(items)), noMedia);
    assert.equal(report.error, null);
    assert.deepEqual([report.counts.articles.created, report.counts.articles.updated], [2, 1]);
    const told = await server.context.database.db.selectFrom('articles').select(['body', 'version']).where('title', '=', 'Told once').execute();
    assert.equal(told.length, 1);
    assert.match(told[0]!.body, /Second telling/);
    const linking = await articleByTitle(server, 'Linking back');
    assert.match(linking.body, new RegExp(`${server.context.config.baseUrl}/news/told-once`));
    // Rewritten as it was written, not by the pass at the end (which would save it again).
    assert.equal(linking.version, 1);
  });

  it('lists the images it could not fetch and keeps the article text', async () => {
    const file = tempFile('missing-image.xml', wxr(post(31, { title: 'Missing picture', slug: 'missing-picture', content: '<p>Words stay.</p><img src="https://gone.example/uploads/nothing.txt" alt="x">' })));
    const report = await runImport(server.context, 'wordpress', file, { dryRun: false, media: { fetch: true, mediaBaseUrl: images.origin, allowHosts: [images.hostPort] } });
    assert.ok(report.lines.some((l) => l.item.includes('Missing picture') && /could not be imported/.test(l.message)));
    assert.match((await articleByTitle(server, 'Missing picture')).body, /Words stay\./);
  });

  it('reads images from a copy of the uploads folder (--media-dir), never from outside it', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-uploads-'));
    const uploads = path.join(root, 'uploads');
    fs.mkdirSync(path.join(uploads, '2019/05'), { recursive: true });
    const photo = await sharp({ create: { width: 80, height: 60, channels: 3, background: { r: 10, g: 120, b: 200 } } }).jpeg().toBuffer();
    fs.writeFileSync(path.join(uploads, '2019/05/harbour.jpg'), photo);
    fs.writeFileSync(path.join(root, 'outside.jpg'), photo);
    const content = '<p>From the folder.</p><img src="https://small.example/wp-content/uploads/2019/05/harbour.jpg" alt="The harbour"><img src="https://small.example/wp-content/uploads/%2e%2e/outside.jpg" alt="Outside">';
    const file = tempFile('folder.xml', wxr(post(41, { title: 'From the folder', slug: 'from-the-folder', content })));
    const report = await runImport(server.context, 'wordpress', file, { dryRun: false, media: { fetch: false, mediaDir: uploads } });
    const body = JSON.parse((await articleByTitle(server, 'From the folder')).body) as { content: Array<{ type: string; attrs?: { mediaId?: number; alt?: string } }> };
    const figures = body.content.filter((b) => b.type === 'figure');
    assert.equal(figures.length, 1);
    assert.equal(figures[0]!.attrs!.alt, 'The harbour');
    const media = await server.context.database.db.selectFrom('media').select('original_name').where('id', '=', figures[0]!.attrs!.mediaId!).executeTakeFirstOrThrow();
    assert.equal(media.original_name, 'harbour.jpg');
    assert.ok(report.lines.some((l) => l.item.includes('From the folder') && /outside\.jpg could not be imported/.test(l.message)));
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('keeps whole batches when a run fails part-way, says where it stopped, and goes on from there when run again', async () => {
    const items = Array.from({ length: 250 }, (_, i) => post(1000 + i, { title: `Batch post ${i + 1}`, slug: `batch-post-${i + 1}`, content: `Text ${i + 1}.` })).join('');
    const file = tempFile('batches.xml', wxr(items));
    const failing = await runImport(server.context, 'wordpress', file, {
      dryRun: false,
      media: null,
      // The progress writer failing (the database away) stands for any failure part-way.
      onProgress: (done) => {
        if (done === 250) throw new Error('the database went away');
      },
    });
    assert.equal(failing.error, 'the database went away');
    assert.match(failing.stoppedAt ?? '', /Batch post 201.*Batch post 250.*none of them written/);
    const written = await server.context.database.db.selectFrom('articles').select('title').where('title', 'like', 'Batch post %').execute();
    assert.equal(written.length, failing.counts.articles.created);
    assert.ok(written.length > 0 && written.length < 250);
    const again = await runImport(server.context, 'wordpress', file, { dryRun: false, media: null });
    assert.equal(again.error, null);
    assert.equal(again.counts.articles.created, 250 - written.length);
    assert.equal(again.counts.articles.unchanged, written.length);
  });
});

