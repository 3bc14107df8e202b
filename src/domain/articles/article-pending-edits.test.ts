import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '#src/db/database.ts';
import type { ArticleStatus, Role } from '#src/db/schema.ts';
import { ANONYMOUS, asSystem, type Actor } from '#src/domain/people/actor.ts';
import { createSection } from '#src/domain/sections/section-repository.ts';
import { Forbidden, Invalid, NotFound, Unauthenticated } from '#src/lib/errors.ts';
import { migrateEmptyDatabase, openEmptyDatabase } from '../../../test/support/empty-database.ts';
import { buildArticleFields } from '../../../test/support/factories.ts';
import { createPendingEditService, dropPendingEdit, findPendingEdit, pendingEditInputSchema, writePendingEdit } from './article-pending-edits.ts';
import { insertArticle } from './article-repository.ts';

describe('article pending edits', () => {
  let database: Awaited<ReturnType<typeof openEmptyDatabase>>;
  let db: Db;
  let sectionId: number;
  let sequence = 0;

  before(async () => {
    database = await openEmptyDatabase();
    db = database.handle.db;
    await migrateEmptyDatabase(database.handle);
    sectionId = await createSection(db, { name: 'News', slug: 'news', position: 0, description: '' });
  });
  after(() => database.dispose());

  async function person(role: Role): Promise<Extract<Actor, { kind: 'user' }>> {
    sequence += 1;
    const email = `${role}-${sequence}@example.test`;
    const row = { email, name: `${role} ${sequence}`, password_hash: 'x', role, author_id: null, must_change_password: 0, created_at: new Date().toISOString() };
    const { id } = await db.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
    return { kind: 'user', id, role, name: row.name, email, authorId: null };
  }

  async function article(status: ArticleStatus, createdBy: number | null = null): Promise<number> {
    sequence += 1;
    const fields = buildArticleFields(sectionId, { slug: `story-${sequence}`, title: `Story ${sequence}` });
    const publishedAt = status === 'published' ? new Date().toISOString() : null;
    return insertArticle(db, fields, { status, publishedAt, scheduledAt: null, userId: createdBy });
  }

  it('keeps one edit per article and person, replaces it, reads back the instant, and drops it', async () => {
    const editor = await person('editor');
    const id = await article('published');
    const keptAt = '2026-11-27T14:32:05.123Z';
    await writePendingEdit(db, id, editor.id, { baseVersion: 1, keptAt, fields: { title: 'First' } });
    await writePendingEdit(db, id, editor.id, { baseVersion: 1, keptAt, fields: { title: 'Second', tagIds: [] } });
    assert.deepEqual(await findPendingEdit(db, id, editor.id), { baseVersion: 1, keptAt, fields: { title: 'Second', tagIds: [] } });
    await dropPendingEdit(db, id, editor.id);
    assert.equal(await findPendingEdit(db, id, editor.id), null);
  });

  it('goes with its author when the person is deleted', async () => {
    const editor = await person('editor');
    const id = await article('published');
    await writePendingEdit(db, id, editor.id, { baseVersion: 1, keptAt: new Date().toISOString(), fields: { title: 'Mine' } });
    await db.deleteFrom('users').where('id', '=', editor.id).execute();
    assert.equal(await findPendingEdit(db, id, editor.id), null);
  });

  it('takes exactly an update payload: the same fields, version as the base, autosave ignored', () => {
    const parsed = pendingEditInputSchema.parse({ version: 3, title: '  Trimmed  ', autosave: true });
    assert.deepEqual(parsed, { version: 3, title: 'Trimmed' });
    assert.equal(pendingEditInputSchema.safeParse({ title: 'No base' }).success, false);
  });

  describe('the service', () => {
    const service = () => createPendingEditService({ database: database.handle });

    it('keeps edits of published and scheduled articles only, for people who may edit them', async () => {
      const editor = await person('editor');
      const author = await person('author');
      const contributor = await person('contributor');
      const published = await article('published');
      const scheduled = await article('scheduled');
      const draft = await article('draft');
      assert.equal((await service().keep(editor, published, { version: 1, title: 'Live edit' })).baseVersion, 1);
      assert.equal((await service().keep(editor, scheduled, { version: 1, title: 'Scheduled edit' })).fields.title, 'Scheduled edit');
      await assert.rejects(service().keep(editor, draft, { version: 1, title: 'Draft' }), (e) => e instanceof Invalid && e.field === 'status');
      await assert.rejects(service().keep(author, published, { version: 1, title: 'Not theirs' }), Forbidden);
      await assert.rejects(service().keep(contributor, published, { version: 1, title: 'Not theirs' }), Forbidden);
      await assert.rejects(service().keep(editor, 999999, { version: 1, title: 'Nothing' }), NotFound);
      await assert.rejects(service().keep(ANONYMOUS, published, { version: 1, title: 'Nobody' }), Unauthenticated);
      await assert.rejects(service().keep(asSystem(), published, { version: 1, title: 'The process' }), Forbidden);
    });

    it('lets an author keep one for their own published article', async () => {
      const author = await person('author');
      const own = await article('published', author.id);
      await service().keep(author, own, { version: 1, standfirst: 'Revised' });
      assert.equal((await service().get(author, own))?.fields.standfirst, 'Revised');
    });

    it('answers each person only their own, and discards only their own', async () => {
      const [first, second] = [await person('editor'), await person('editor')];
      const id = await article('published');
      await service().keep(first, id, { version: 1, title: 'First’s' });
      assert.equal(await service().get(second, id), null);
      await service().discard(second, id);
      assert.equal((await service().get(first, id))?.fields.title, 'First’s');
      await service().discard(first, id);
      assert.equal(await service().get(first, id), null);
    });
  });
});
