import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { createArticleService } from '#src/domain/articles/article-service.ts';
import { createPageService } from '#src/domain/pages/page-service.ts';
import { asSystem } from '#src/domain/people/actor.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import { EXPORT_TABLES } from '#src/domain/portability/export-format.ts';
import { exportPortal } from '#src/domain/portability/qalam-export.ts';
import { ImportRefused, importPortal } from '#src/domain/portability/qalam-import.ts';
import { spawnSync } from 'node:child_process';
import { Parser } from 'htmlparser2';
import { writeWxr } from '#src/cli/wxr-export.ts';
import { createUserFixture } from '../../support/auth.ts';
import { createAuthorFixture, createImageFixture, createLocationFixture, createSectionFixture, createTagFixture, paragraphsBody } from '../../support/factories.ts';
import { createLicenceFixture } from '../../support/licences.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const system = asSystem();

/** The <item>s of a WXR file, each as its child elements' text (CDATA unwrapped), read with htmlparser2 in XML mode. */
function itemsOf(xml: string): Array<Record<string, string>> {
  const items: Array<Record<string, string>> = [];
  let item: Record<string, string> | null = null;
  let field: string | null = null;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'item') item = {};
        else if (item && field === null) field = name;
      },
      ontext(text) {
        if (item && field) item[field] = (item[field] ?? '') + text;
      },
      onclosetag(name) {
        if (name === 'item' && item) {
          items.push(item);
          item = null;
        } else if (name === field) field = null;
      },
    },
    { xmlMode: true, recognizeCDATA: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  return items;
}

/** Every row of a table, in a stable order, as the database answers it. */
async function rowsOf(server: TestServer, table: string, orderBy: readonly string[] = ['id']): Promise<unknown[]> {
  let query = (server.context.database.db as unknown as Kysely<any>).selectFrom(table).selectAll();
  for (const column of orderBy) query = query.orderBy(column);
  const rows = (await query.execute()) as Array<Record<string, unknown>>;
  // PostgreSQL's generated search column is not data the export carries.
  return rows.map(({ search_vector: _vector, ...row }) => row);
}

describe('qalam export and qalam import qalam', () => {
  let source: TestServer;
  let target: TestServer;
  let dir: string;
  before(async () => {
    source = await startTestServer();
    target = await startTestServer();
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-export-')), 'portal');
  });
  after(async () => {
    await source?.close();
    await target?.close();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it('writes everything into a folder and reads it back into an empty database: every article, page and image the same', async () => {
    const { context } = source;
    const articles = createArticleService(context);
    const pages = createPageService(context);
    const section = await createSectionFixture(context, { name: 'Economy' });
    const subsection = await createSectionFixture(context, { name: 'Markets', parentId: section.id });
    const [tag, author, location] = await Promise.all([createTagFixture(context), createAuthorFixture(context, { bio: 'Reports on grain.' }), createLocationFixture(context)]);
    const [lead, figure] = await Promise.all([createImageFixture(context, { altText: 'A harbour', caption: 'Aktau' }), createImageFixture(context, { width: 800, height: 600, altText: 'A field' })]);
    await createUserFixture(context, { role: 'editor' });
    const body = { type: 'doc', content: [...paragraphsBody(['Grain prices rose.']).content, { type: 'figure', attrs: { mediaId: figure.id, caption: 'Wheat', credit: '', alt: '' } }] };
    const draft = await articles.create(system, { title: 'Grain prices rise', sectionId: subsection.id, tagIds: [tag.id], authorIds: [author.id], locationId: location.id, leadMediaId: lead.id, body: body as never });
    const live = await articles.publish(system, draft.id, draft.version);
    const edited = await articles.update(system, draft.id, { version: live.version, slug: 'grain-prices-rise-again', standfirst: 'And again.' });
    await articles.addCorrection(system, draft.id, { kind: 'correction', text: 'An earlier version named the wrong port.' });
    const russian = await articles.translate(system, draft.id, 'ru');
    await articles.publish(system, russian.id, russian.version);
    await articles.create(system, { title: 'An unfinished draft', sectionId: section.id });
    const about = await pages.create(system, { title: 'About', slug: 'about', status: 'published', menu: 'footer', body: body as never });
    const team = await pages.create(system, { title: 'Team', parentId: about.id, status: 'published' });
    await pages.update(system, team.id, { version: team.version, slug: 'people' });
    await pages.create(system, { title: 'О нас', language: 'ru', status: 'published', menu: 'header' });
    await createLicenceFixture(context, { articleId: draft.id });
    await context.database.db.updateTable('site_settings').set({ name: 'The Steppe Herald' }).execute();

    const manifest = await exportPortal(source.context, dir);
    assert.equal(manifest.format, 'qalam-export');
    assert.equal(manifest.version, 1);
    assert.equal(manifest.files['articles.json']!.rows, 3);
    assert.equal(manifest.files['pages.json']!.rows, 3);
    assert.ok(manifest.media.files >= 4, 'originals and their variants');
    // Bodies are documents in the JSON, not strings.
    const exported = JSON.parse(fs.readFileSync(path.join(dir, 'articles.json'), 'utf8'));
    assert.equal(exported.find((a: { id: number }) => a.id === draft.id).body.type, 'doc');
    assert.ok(!fs.readdirSync(dir).includes('api-keys.json'));

    await importPortal(target.context, dir);

    const articleIds = (await rowsOf(source, 'articles')).map((row) => (row as { id: number }).id);
    const targetArticles = createArticleService(target.context);
    for (const id of articleIds) {
      assert.deepEqual(await targetArticles.get(system, id), await articles.get(system, id), `article ${id}`);
      assert.deepEqual(await targetArticles.listRevisions(system, id), await articles.listRevisions(system, id), `revisions of article ${id}`);
    }
    const targetPages = createPageService(target.context);
    for (const page of await pages.list(system)) {
      assert.deepEqual(await targetPages.get(system, page.id), page, `page ${page.id}`);
      assert.deepEqual(await targetPages.listRevisions(system, page.id), await pages.listRevisions(system, page.id), `revisions of page ${page.id}`);
    }
    // Every other table row for row (media, settings, redirects, people, licences, the audit log …).
    for (const plan of EXPORT_TABLES) {
      const expected = (await rowsOf(source, plan.table, plan.orderBy)).map((row) => {
        const copy = { ...(row as Record<string, unknown>) };
        for (const column of plan.omit ?? []) if (column in copy) copy[column] = null;
        return copy;
      });
      assert.deepEqual(await rowsOf(target, plan.table, plan.orderBy), expected, plan.table);
    }
    // Every image file, byte for byte.
    const fileKeys = [...(await rowsOf(source, 'media')), ...(await rowsOf(source, 'media_variants', ['media_id', 'width', 'format']))].map((row) => (row as { file_key: string }).file_key);
    assert.ok(fileKeys.length >= 4);
    for (const key of fileKeys) {
      assert.ok(fs.readFileSync(path.join(target.context.config.mediaDir, key)).equals(fs.readFileSync(path.join(source.context.config.mediaDir, key))), key);
    }
    assert.equal((await loadSettings(target.context.database.db)).name, 'The Steppe Herald');

    // The imported portal works: its pages answer, old addresses redirect, and new rows get fresh ids.
    for (const pathname of [edited.path, '/about', '/about/people', '/ru/o-nas']) assert.equal((await fetch(`${target.url}${pathname}`)).status, 200, pathname);
    assert.equal((await fetch(`${target.url}/about/team`, { redirect: 'manual' })).status, 301);
    const next = await targetArticles.create(system, { title: 'The first story after the move', sectionId: section.id });
    assert.ok(next.id > Math.max(...articleIds));
    assert.ok((await targetPages.create(system, { title: 'Contacts' })).id > team.id);
  });

  it('writes a WordPress export (WXR 1.2) with every article as a post, every page under its parent and every image as an attachment', async () => {
    const file = path.join(path.dirname(dir), 'wordpress.xml');
    const counts = await writeWxr(source.context, file);
    const xml = fs.readFileSync(file, 'utf8');
    // Well-formed XML, as WordPress's importer (a strict XML parser) needs it.
    const lint = spawnSync('xmllint', ['--noout', file], { encoding: 'utf8' });
    assert.equal(lint.status, 0, lint.stderr);
    const items = itemsOf(xml);
    const articleRows = (await rowsOf(source, 'articles')) as Array<{ id: number; slug: string; status: string }>;
    const pageRows = (await rowsOf(source, 'pages')) as Array<{ id: number; slug: string; parent_id: number | null }>;
    const mediaRows = await rowsOf(source, 'media');
    assert.deepEqual(counts, { posts: articleRows.length, pages: pageRows.length, attachments: mediaRows.length });
    const posts = items.filter((i) => i['wp:post_type'] === 'post');
    assert.deepEqual(posts.map((p) => p['wp:post_name']).sort(), articleRows.map((a) => a.slug).sort());
    const grain = posts.find((p) => p['wp:post_name'] === 'grain-prices-rise-again')!;
    assert.equal(grain['wp:status'], 'publish');
    assert.match(grain['content:encoded']!, /<p>Grain prices rose\.<\/p>/);
    assert.match(grain['content:encoded']!, /<img[^>]+src="http:\/\/127\.0\.0\.1:\d+\/media\//, 'image URLs are absolute');
    assert.equal(grain['excerpt:encoded'], 'And again.');
    assert.equal(posts.find((p) => p['wp:post_name'] === 'an-unfinished-draft')!['wp:status'], 'draft');
    const pagesById = new Map(items.filter((i) => i['wp:post_type'] === 'page').map((p) => [p['wp:post_name'], p]));
    const people = pagesById.get('people')!;
    assert.equal(people['wp:post_parent'], pagesById.get('about')!['wp:post_id']);
    assert.equal(items.filter((i) => i['wp:post_type'] === 'attachment').length, mediaRows.length);
    const ids = items.map((i) => i['wp:post_id']);
    assert.equal(new Set(ids).size, ids.length, 'posts, pages and attachments share one id space without clashes');
  });

  it('refuses a database that already has content, an export from a newer schema, and a folder that is not empty', async () => {
    await assert.rejects(importPortal(source.context, dir), (e: unknown) => e instanceof ImportRefused && /already has/.test(e.message));
    const fresh = await startTestServer();
    try {
      const newer = path.join(path.dirname(dir), 'newer');
      fs.cpSync(dir, newer, { recursive: true });
      const manifest = JSON.parse(fs.readFileSync(path.join(newer, 'manifest.json'), 'utf8'));
      fs.writeFileSync(path.join(newer, 'manifest.json'), JSON.stringify({ ...manifest, schema: [...manifest.schema, '9999-from-the-future'] }));
      await assert.rejects(importPortal(fresh.context, newer), (e: unknown) => e instanceof ImportRefused && /newer Qalam/.test(e.message));
      await assert.rejects(exportPortal(source.context, dir), /not empty/);
    } finally {
      await fresh.close();
    }
  });
});
