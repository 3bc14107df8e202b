import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { insertArticleRows } from '../../../test/support/article-rows.ts';
import { migrateUpTo, openEmptyDatabase } from '../../../test/support/empty-database.ts';
import * as articleTermCounts from './0042-article-term-counts.ts';

// The kept counts must equal the rows counted afresh after every kind of write, one row or many
// per statement: articles (sections) and their tag and author links, which carry the article's state.
describe('migration 0042-article-term-counts', () => {
  let database: Awaited<ReturnType<typeof openEmptyDatabase>>;
  let db: Kysely<Database>;
  let sections: number[];
  let tags: number[];
  let authors: number[];

  /** Kept and recounted, both as sorted "kind term language: total" lines, zero rows left out. */
  async function countsKeptAndRecounted(): Promise<{ kept: string[]; recounted: string[] }> {
    const kept = (await db.selectFrom('article_term_counts').selectAll().where('total', '!=', 0).execute()).map((r) => `${r.kind} ${r.term_id} ${r.language}: ${r.total}`);
    const counted = `status = 'published' and published_at is not null`;
    const recount = (kind: string, table: string, key: string) =>
      sql<{ term_id: number; language: string; total: number }>`select ${sql.ref(key)} as term_id, language, count(*) as total from ${sql.table(table)}
        where ${sql.raw(counted)} group by ${sql.ref(key)}, language`
        .execute(db)
        .then(({ rows }) => rows.map((r) => `${kind} ${r.term_id} ${r.language}: ${Number(r.total)}`));
    const recounted = [
      ...(await recount('section', 'articles', 'section_id')),
      ...(await recount('tag', 'article_tags', 'tag_id')),
      ...(await recount('author', 'article_authors', 'author_id')),
    ];
    return { kept: kept.sort(), recounted: recounted.sort() };
  }

  async function assertCountsRight(when: string): Promise<void> {
    const { kept, recounted } = await countsKeptAndRecounted();
    assert.deepEqual(kept, recounted, when);
  }

  /** Inserts articles in one statement: [status, language, published_at] each, in the sections in turn. */
  const addArticles = (rows: Array<[string, string, string | null]>) => insertArticleRows(db, sections, rows);

  /** Links articles to tags or authors in one statement, each link with its article's state copied (as the repository writes them). */
  async function link(table: 'article_tags' | 'article_authors', pairs: Array<[number, number]>): Promise<void> {
    const key = table === 'article_tags' ? 'tag_id' : 'author_id';
    // VALUES names its columns column1, column2 on both databases.
    const values = pairs.map(([articleId, termId]) => sql`(cast(${articleId} as integer), cast(${termId} as integer))`);
    await sql`insert into ${sql.table(table)} (article_id, ${sql.ref(key)}, position, status, published_at, language)
      select l.column1, l.column2, 0, a.status, a.published_at, a.language
      from (values ${sql.join(values)}) as l join articles a on a.id = l.column1`.execute(db);
  }

  /** Copies the articles' state to their links, as syncListState does after a change of state. */
  async function syncLinks(): Promise<void> {
    for (const table of ['article_tags', 'article_authors'] as const) {
      await sql`update ${sql.table(table)} set (status, published_at, language) =
        (select a.status, a.published_at, a.language from articles a where a.id = ${sql.ref(`${table}.article_id`)})`.execute(db);
    }
  }

  before(async () => {
    database = await openEmptyDatabase();
    db = database.handle.db;
    await migrateUpTo(database, '0042-article-term-counts');
    const now = new Date().toISOString();
    sections = [];
    tags = [];
    authors = [];
    for (const slug of ['news', 'sport']) sections.push((await db.insertInto('sections').values({ name: slug, slug, created_at: now } as never).returning('id').executeTakeFirstOrThrow()).id);
    for (const slug of ['energy', 'grain', 'water']) tags.push((await db.insertInto('tags').values({ name: slug, slug, created_at: now }).returning('id').executeTakeFirstOrThrow()).id);
    for (const slug of ['dana', 'erlan']) authors.push((await db.insertInto('authors').values({ name: slug, slug, bio: '', photo_media_id: null, created_at: now }).returning('id').executeTakeFirstOrThrow()).id);
    const [published, draft, future] = await addArticles([
      ['published', 'en', '2024-02-29T23:59:59.999Z'],
      ['draft', 'ru', null],
      ['published', 'kk', '2031-01-05T10:00:00.000Z'],
    ]);
    await link('article_tags', [
      [published!, tags[0]!],
      [published!, tags[1]!],
      [draft!, tags[0]!],
      [future!, tags[0]!],
    ]);
    await link('article_authors', [
      [published!, authors[0]!],
      [future!, authors[0]!],
      [draft!, authors[1]!],
    ]);
    await articleTermCounts.up(db as unknown as Kysely<unknown>, database.context);
  });
  after(() => database.dispose());

  it('counts the articles and links already there', async () => {
    await assertCountsRight('after the migration');
    assert.equal((await countsKeptAndRecounted()).kept.length, 7, 'a section, two tags and an author in en; a section, a tag and an author in kk');
  });

  it('counts inserts of many articles and links in one statement and one at a time', async () => {
    const ids = await addArticles([
      ['published', 'en', '2024-03-01T00:00:00.000Z'],
      ['published', 'en', '2024-03-01T00:00:00.000Z'],
      ['published', 'kk', '2024-02-01T10:00:00.000Z'],
      ['draft', 'en', '2024-01-01T00:00:00.000Z'],
      ['scheduled', 'ru', '2031-01-05T10:00:00.000Z'],
      ['published', 'ru', null],
    ]);
    await link(
      'article_tags',
      ids.flatMap((id, index) => [[id, tags[index % 3]!] as [number, number], [id, tags[(index + 1) % 3]!] as [number, number]]),
    );
    await link(
      'article_authors',
      ids.map((id, index) => [id, authors[index % 2]!]),
    );
    const [one] = await addArticles([['published', 'ru', '2023-12-31T23:59:59.999Z']]);
    await link('article_tags', [[one!, tags[2]!]]);
    await link('article_authors', [[one!, authors[1]!]]);
    await assertCountsRight('after inserts');
  });

  it('counts updates of status, date, language and section, of one article and of many, including swaps', async () => {
    await db.updateTable('articles').set({ status: 'published', published_at: '2024-05-05T05:05:05.000Z' }).where('status', '=', 'draft').execute();
    await syncLinks();
    await assertCountsRight('after publishing the drafts');
    // Two articles trading their sections and states in one statement: each key loses one and gains one.
    const [first, second] = await addArticles([
      ['published', 'en', '2022-01-01T00:00:00.000Z'],
      ['trashed', 'kk', '2022-02-01T00:00:00.000Z'],
    ]);
    await link('article_tags', [
      [first!, tags[0]!],
      [second!, tags[1]!],
    ]);
    await sql`update articles set (status, language, published_at, section_id) =
      (select other.status, other.language, other.published_at, other.section_id from articles other where other.id = ${first! + second!} - articles.id)
      where id in (${first}, ${second})`.execute(db);
    await syncLinks();
    await assertCountsRight('after a swap');
    await db.updateTable('articles').set({ language: 'kk' }).where('language', '=', 'ru').execute();
    await syncLinks();
    await db.updateTable('articles').set({ published_at: '2020-06-15T12:00:00.000Z' }).where('status', '=', 'published').where('language', '=', 'en').execute();
    await syncLinks();
    await assertCountsRight('after changes of language and date');
    await db.updateTable('articles').set({ section_id: sections[1]! }).where('id', '=', first!).execute();
    await assertCountsRight('after moving one article to another section');
    await db.updateTable('articles').set({ section_id: sections[0]! }).execute();
    await db.updateTable('articles').set({ title: 'B' }).execute();
    await assertCountsRight('after moving every article to one section');
    await db.updateTable('articles').set({ status: 'draft', published_at: null }).where('id', '=', second!).execute();
    await db.updateTable('articles').set({ status: 'published' }).where('published_at', 'is', null).execute();
    await syncLinks();
    await assertCountsRight('after unpublishing one and publishing the undated');
  });

  it('counts links moved between terms, added and removed, one and many at a time', async () => {
    // A link moved to another tag: its old tag loses it, the new one gains it.
    const [moved] = await db.selectFrom('article_tags').select(['article_id', 'tag_id']).where('status', '=', 'published').orderBy('article_id').limit(1).execute();
    const free = tags.find((tag) => tag !== moved!.tag_id)!;
    await db.deleteFrom('article_tags').where('article_id', '=', moved!.article_id).where('tag_id', '=', free).execute();
    await db.updateTable('article_tags').set({ tag_id: free }).where('article_id', '=', moved!.article_id).where('tag_id', '=', moved!.tag_id).execute();
    await assertCountsRight('after moving one link');
    await db.updateTable('article_authors').set({ author_id: authors[1]! }).where('author_id', '=', authors[0]!).execute();
    await assertCountsRight('after moving many links');
    // An article's links replaced, as a save rewrites them.
    const [article] = await addArticles([['published', 'en', '2025-03-03T00:00:00.000Z']]);
    await link('article_tags', [
      [article!, tags[0]!],
      [article!, tags[1]!],
    ]);
    await db.deleteFrom('article_tags').where('article_id', '=', article!).execute();
    await link('article_tags', [[article!, tags[2]!]]);
    await assertCountsRight('after replacing an article’s tags');
    await db.deleteFrom('article_tags').where('tag_id', '=', tags[1]!).execute();
    await db.deleteFrom('article_authors').where('article_id', '=', article!).execute();
    await assertCountsRight('after removing links');
    await db.deleteFrom('tags').where('id', '=', tags[2]!).execute();
    await assertCountsRight('after deleting a tag with its links');
  });

  it('counts deletes of one article and of many, and writes inside a transaction', async () => {
    const ids = await addArticles([
      ['published', 'en', '2025-01-01T00:00:00.000Z'],
      ['published', 'ru', '2025-01-02T00:00:00.000Z'],
    ]);
    await link('article_tags', [
      [ids[0]!, tags[0]!],
      [ids[1]!, tags[0]!],
    ]);
    await link('article_authors', [[ids[0]!, authors[0]!]]);
    await db.deleteFrom('articles').where('id', '=', ids[0]!).execute();
    await assertCountsRight('after one delete');
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('articles').set({ status: 'trashed' }).where('language', '=', 'kk').execute();
      await tx.updateTable('article_tags').set({ status: 'trashed' }).where('language', '=', 'kk').execute();
      await tx.deleteFrom('articles').where('status', '=', 'draft').execute();
      await tx.updateTable('articles').set({ status: 'published' }).where('status', '=', 'trashed').execute();
      await tx.updateTable('article_authors').set({ status: 'trashed' }).execute();
    });
    await assertCountsRight('after a transaction');
    await db.deleteFrom('articles').where('language', '=', 'en').execute();
    await assertCountsRight('after many deletes');
    await db.deleteFrom('articles').execute();
    await assertCountsRight('after deleting every article');
    assert.deepEqual((await countsKeptAndRecounted()).kept, []);
  });
});
