import { sql, type Kysely } from 'kysely';
import { searchDocument, textSearchConfig } from '#src/i18n/search-folding.ts';
import type { MigrationContext } from '../migrator.ts';

// The rows as this migration reads and writes them (the live types in schema.ts may move on).
type Tables = {
  articles: {
    id: number;
    status: string;
    language: string;
    section_id: number;
    published_at: string | null;
    title: string;
    standfirst: string;
    plain_text: string;
  };
  article_search_documents: {
    article_id: number;
    language: string;
    section_id: number;
    published_at: string;
    ts_config: string;
    title: string;
    standfirst: string;
    body: string;
  };
};

// Rows read per select: bounded memory on a large archive, few round trips.
const BATCH = 500;

/**
 * Readers' full-text search. `article_search_documents` holds one row per published article (the
 * write path in domain/search/search-repository.ts deletes it when the article leaves that state):
 * its language, section and publication time, copied for the filters, and its title, standfirst
 * and body text folded for search (i18n/search-folding.ts: case, Kazakh letters, ё, Latin marks;
 * a Kazakh article's text also in Latin script).
 *
 * - SQLite: an FTS5 index over the language and those three columns (external content: the table
 *   holds the text, the index only the words), kept by triggers; the unicode61 tokenizer splits on
 *   what the fold left as spaces, and prefix indexes of 2 and 3 letters keep `word*` queries fast.
 *   The language is indexed as a word of its own column, so a query names it and FTS5 intersects it
 *   with the words (rather than reading a row per match of every language to filter).
 * - PostgreSQL: a tsvector generated from the three columns with each row's own configuration
 *   (`ts_config`: russian, english or simple, textSearchConfig), weighted A/B/C, under a GIN index;
 *   text and vector are kept out of line, so the rows a search reads are narrow.
 *
 * Published articles that exist already get their row here, read in batches.
 */
export async function up(db: Kysely<unknown>, context: MigrationContext): Promise<void> {
  const configType = context.kind === 'postgres' ? sql`regconfig` : sql`text`;
  await db.schema
    .createTable('article_search_documents')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.notNull())
    .addColumn('published_at', context.timestamp, (c) => c.notNull())
    .addColumn('ts_config', configType, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('standfirst', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('article_search_documents_language_idx').on('article_search_documents').columns(['language', 'published_at']).execute();

  if (context.kind === 'postgres') {
    await sql`alter table article_search_documents add column search_vector tsvector generated always as (
        setweight(to_tsvector(ts_config, title), 'A') ||
        setweight(to_tsvector(ts_config, standfirst), 'B') ||
        setweight(to_tsvector(ts_config, body), 'C')
      ) stored`.execute(db);
    await sql`create index article_search_documents_vector_idx on article_search_documents using gin (search_vector)`.execute(db);
    // Every row's text and vector out of line (TOAST keeps a row inline up to about 2 kB): the
    // heap a search reads its matches from stays narrow, about 40 rows a page instead of 5.
    await sql`alter table article_search_documents set (toast_tuple_target = 128)`.execute(db);
  } else {
    await sql`create virtual table article_search_fts using fts5(
        language, title, standfirst, body,
        content='article_search_documents', content_rowid='article_id',
        tokenize='unicode61 remove_diacritics 0', prefix='2 3'
      )`.execute(db);
    await sql`create trigger article_search_fts_insert after insert on article_search_documents begin
        insert into article_search_fts(rowid, language, title, standfirst, body) values (new.article_id, new.language, new.title, new.standfirst, new.body);
      end`.execute(db);
    await sql`create trigger article_search_fts_delete after delete on article_search_documents begin
        insert into article_search_fts(article_search_fts, rowid, language, title, standfirst, body) values ('delete', old.article_id, old.language, old.title, old.standfirst, old.body);
      end`.execute(db);
    await sql`create trigger article_search_fts_update after update on article_search_documents begin
        insert into article_search_fts(article_search_fts, rowid, language, title, standfirst, body) values ('delete', old.article_id, old.language, old.title, old.standfirst, old.body);
        insert into article_search_fts(rowid, language, title, standfirst, body) values (new.article_id, new.language, new.title, new.standfirst, new.body);
      end`.execute(db);
  }

  const typed = db.withTables<Tables>();
  for (let afterId = 0; ; ) {
    const rows = await typed
      .selectFrom('articles')
      .select(['id', 'language', 'section_id', 'published_at', 'title', 'standfirst', 'plain_text'])
      .where('status', '=', 'published')
      .where('published_at', 'is not', null)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      const document = searchDocument(row.language, { title: row.title, standfirst: row.standfirst, plainText: row.plain_text });
      await typed
        .insertInto('article_search_documents')
        .values({
          article_id: row.id,
          language: row.language,
          section_id: row.section_id,
          published_at: row.published_at!,
          ts_config: textSearchConfig(row.language),
          ...document,
        })
        .execute();
    }
    if (rows.length < BATCH) return;
    afterId = rows.at(-1)!.id;
  }
}
