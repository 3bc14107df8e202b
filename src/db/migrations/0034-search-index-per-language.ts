import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * The languages articles are written in when this migration was written (i18n/languages.ts, less
 * the Kazakh Latin edition, which searches the Kazakh articles). A language added later needs a
 * migration giving it its index; search-index-languages.test.ts fails until it has one.
 */
const WRITTEN_LANGUAGES = ['en', 'kk', 'ru'] as const;

/** The FTS5 index of one language's search documents (as the search repository names it). */
const indexOf = (language: string) => sql.raw(`article_search_fts_${language}`);
/** The view of one language's search documents that its index reads its text from. */
const viewOf = (language: string) => sql.raw(`article_search_documents_${language}`);
const triggerOf = (language: string, event: string) => sql.raw(`article_search_fts_${language}_${event}`);

/**
 * On SQLite, one FTS5 index per language in place of one for all (ADR 0054). FTS5's bm25() reads
 * every row that has each phrase of the query, once per statement, to compute its IDF; the old
 * index had the language as a phrase of the query (`language : "en"`), so every search read all
 * of its language's rows (40,000 English ones at 100,000 articles). An index of one language
 * needs no language phrase, and a word of another language is not in it at all.
 *
 * Each index reads its text from a view of article_search_documents holding its language's rows
 * (external content, as before; a view, so FTS5's 'rebuild' and 'integrity-check' see exactly the
 * rows the index should hold) and is kept by triggers on that table that route a row by its
 * language: every writer (publishing, editing, unpublishing, trashing, translations, imports, the
 * synthetic seed) writes that table and nothing else, so none of them changes. The rows already
 * there are indexed by a 'rebuild' of each index; then the old index and its triggers go.
 *
 * PostgreSQL ranks without corpus statistics, but its one GIN index handed a search every match of
 * its words in all languages to AND with the language's rows: a Russian search for "astana", which
 * no Russian article has, read 55,000 Kazakh and English entries. A partial GIN index per language
 * holds only that language's vectors; together they are no larger than the one they replace.
 */
export async function up(db: Kysely<unknown>, context: MigrationContext): Promise<void> {
  if (context.kind === 'postgres') {
    for (const code of WRITTEN_LANGUAGES) {
      await sql`create index ${sql.raw(`article_search_documents_vector_${code}_idx`)} on article_search_documents
          using gin (search_vector) where language = ${sql.lit(code)}`.execute(db);
    }
    await sql`drop index article_search_documents_vector_idx`.execute(db);
    return;
  }
  for (const code of WRITTEN_LANGUAGES) {
    const index = indexOf(code);
    await sql`create view ${viewOf(code)} as
        select article_id, title, standfirst, body from article_search_documents where language = ${sql.lit(code)}`.execute(db);
    // Tokenizer and prefix indexes as migration 0015's: the same words, the same `word*` speed.
    await sql`create virtual table ${index} using fts5(
        title, standfirst, body,
        content='${viewOf(code)}', content_rowid='article_id',
        tokenize='unicode61 remove_diacritics 0', prefix='2 3'
      )`.execute(db);
    await sql`create trigger ${triggerOf(code, 'insert')} after insert on article_search_documents when new.language = ${sql.lit(code)} begin
        insert into ${index}(rowid, title, standfirst, body) values (new.article_id, new.title, new.standfirst, new.body);
      end`.execute(db);
    await sql`create trigger ${triggerOf(code, 'delete')} after delete on article_search_documents when old.language = ${sql.lit(code)} begin
        insert into ${index}(${index}, rowid, title, standfirst, body) values ('delete', old.article_id, old.title, old.standfirst, old.body);
      end`.execute(db);
    // An update may move a document between languages: out of the old language's index, into the new one's.
    await sql`create trigger ${triggerOf(code, 'update')} after update on article_search_documents when old.language = ${sql.lit(code)} or new.language = ${sql.lit(code)} begin
        insert into ${index}(${index}, rowid, title, standfirst, body) select 'delete', old.article_id, old.title, old.standfirst, old.body where old.language = ${sql.lit(code)};
        insert into ${index}(rowid, title, standfirst, body) select new.article_id, new.title, new.standfirst, new.body where new.language = ${sql.lit(code)};
      end`.execute(db);
    await sql`insert into ${index}(${index}) values ('rebuild')`.execute(db);
  }
  for (const event of ['insert', 'delete', 'update']) await sql`drop trigger ${sql.raw(`article_search_fts_${event}`)}`.execute(db);
  await sql`drop table article_search_fts`.execute(db);
}
