import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';
import { createImageFixture, createSectionFixture, paragraphsBody } from '../../../test/support/factories.ts';
import { asSystem, type Actor } from '#src/domain/people/actor.ts';
import { createSection } from '#src/domain/sections/section-repository.ts';
import { findRedirect } from '#src/domain/redirects/redirect-repository.ts';
import { Conflict, Forbidden, Invalid } from '#src/lib/errors.ts';
import { createPageService } from './page-service.ts';

const refusedFor = (field: string) => (error: unknown) => error instanceof Invalid && error.field === field;
const author: Actor = { kind: 'user', id: 1, role: 'author', name: 'A', email: 'a@example.test', authorId: null };

describe('the page service', () => {
  let server: TestServer;
  let pages: ReturnType<typeof createPageService>;
  const system = asSystem();
  before(async () => {
    server = await startTestServer();
    pages = createPageService(server.context);
  });
  after(() => server.close());

  it('creates a page at the root and a subpage under it, each at its address', async () => {
    const about = await pages.create(system, { title: 'About us', slug: 'about-us', body: paragraphsBody(['Who we are.']) });
    assert.equal(about.path, '/about-us');
    assert.equal(about.status, 'draft');
    const team = await pages.create(system, { title: 'Our team', parentId: about.id });
    assert.equal(team.slug, 'our-team');
    assert.equal(team.path, '/about-us/our-team');
    const ru = await pages.create(system, { title: 'О нас', language: 'ru' });
    assert.equal(ru.path, '/ru/o-nas');
  });

  it('refuses reserved segments, language prefixes, section slugs and taken addresses with a field error', async () => {
    for (const slug of ['newsroom', 'api', 'search', 'feeds', 'sitemaps', 'assets', 'tag', 'author', 'ru', 'kk-latn']) {
      await assert.rejects(pages.create(system, { title: 'X', slug }), refusedFor('slug'), slug);
    }
    const section = await createSectionFixture(server.context, { slug: 'economy-pages' });
    await assert.rejects(pages.create(system, { title: 'X', slug: section.slug }), refusedFor('slug'));
    await pages.create(system, { title: 'Contacts', slug: 'contacts-1' });
    await assert.rejects(pages.create(system, { title: 'Contacts again', slug: 'contacts-1' }), refusedFor('slug'));
    // The same address in another language is another page.
    assert.equal((await pages.create(system, { title: 'Контакты', slug: 'contacts-1', language: 'ru' })).path, '/ru/contacts-1');
    // And a section may not take a root page's slug.
    await assert.rejects(createSection(server.context.database.db, { name: 'Contacts', slug: 'contacts-1' }), refusedFor('slug'));
  });

  it('nests one level, in the parent\'s language', async () => {
    const root = await pages.create(system, { title: 'Legal', slug: 'legal' });
    const child = await pages.create(system, { title: 'Terms', parentId: root.id });
    await assert.rejects(pages.create(system, { title: 'Deep', parentId: child.id }), refusedFor('parentId'));
    await assert.rejects(pages.create(system, { title: 'Чужой', parentId: root.id, language: 'ru' }), refusedFor('parentId'));
    await assert.rejects(pages.update(system, root.id, { version: root.version, parentId: child.id }), refusedFor('parentId'));
    // A subpage goes live only under a live parent, however it is published.
    await assert.rejects(pages.publish(system, child.id, child.version), refusedFor('parentId'));
    await assert.rejects(pages.create(system, { title: 'Privacy', parentId: root.id, status: 'published' }), refusedFor('parentId'));
  });

  it('publishes, moves with a redirect from the old address, and keeps a revision of each step', async () => {
    const parent = await pages.create(system, { title: 'Company', slug: 'company', status: 'published' });
    assert.equal(parent.status, 'published');
    const child = await pages.create(system, { title: 'Jobs', parentId: parent.id });
    const live = await pages.publish(system, child.id, child.version);
    const moved = await pages.update(system, parent.id, { version: parent.version, slug: 'the-company' });
    assert.equal(moved.path, '/the-company');
    assert.equal((await pages.get(system, child.id)).path, '/the-company/jobs');
    const db = server.context.database.db;
    assert.equal(await findRedirect(db, '/company'), '/the-company');
    assert.equal(await findRedirect(db, '/company/jobs'), '/the-company/jobs');
    const revisions = await pages.listRevisions(system, parent.id);
    assert.deepEqual(revisions.map((r) => r.kind), ['save', 'publish', 'create']);
    const diff = await pages.diffRevisions(system, parent.id, revisions[1]!.id, revisions[0]!.id);
    assert.deepEqual(diff.map((d) => d.field), ['slug']);
    const restored = await pages.restoreRevision(system, parent.id, revisions[2]!.id, moved.version);
    assert.equal(restored.path, '/company');
    // The parent cannot leave the site while its subpage is on it.
    await assert.rejects(pages.unpublish(system, parent.id, restored.version), refusedFor('status'));
    await pages.trash(system, child.id, live.version);
    assert.equal((await pages.unpublish(system, parent.id, restored.version)).status, 'draft');
  });

  it('keeps an imported page\'s first publication instant', async () => {
    const page = await pages.create(system, { title: 'History', status: 'published', publishedAt: '2019-03-01T08:00:00Z' });
    assert.equal(new Date(page.publishedAt!).toISOString(), '2019-03-01T08:00:00.000Z');
    assert.equal((await pages.findByPath(system, 'en', '/history/'))?.id, page.id);
  });

  it('refuses a stale version with a conflict, and publishing an image without alt text', async () => {
    const page = await pages.create(system, { title: 'Stale' });
    await pages.update(system, page.id, { version: page.version, title: 'Fresh' });
    await assert.rejects(pages.update(system, page.id, { version: page.version, title: 'Old' }), (e: unknown) => e instanceof Conflict);
    const image = await createImageFixture(server.context, { altText: '' });
    const withImage = await pages.create(system, { title: 'Gallery', body: { type: 'doc', content: [{ type: 'figure', attrs: { mediaId: image.id, alt: '', caption: '', credit: '' } }] } as never });
    await assert.rejects(pages.publish(system, withImage.id, withImage.version), refusedFor('body'));
  });

  it('lets only editors and admins manage pages', async () => {
    await assert.rejects(pages.list(author), (e: unknown) => e instanceof Forbidden);
    await assert.rejects(pages.create(author, { title: 'Mine' }), (e: unknown) => e instanceof Forbidden);
    const editor: Actor = { ...author, role: 'editor' } as Actor;
    assert.ok((await pages.list(editor)).length > 0);
  });
});
