import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/** The language every existing article, and the install, gets: what the site published in before. */
const EXISTING_LANGUAGE = 'en';

/**
 * Languages (issue 8). The settings name the site's languages and the default one, whether Kazakh
 * is also shown in Latin script, and per-language name, tagline and republication notice. Every
 * article has a language and may be a translation of another (one original, its translations
 * pointing at it). Sections, tags, authors and locations get a name, slug and description per
 * language in term_translations; the default language's values stay in their own tables, and a
 * language without a row reads those.
 *
 * Article slugs become unique per language and section, so a translation may keep the original's
 * slug. On PostgreSQL that is a dropped constraint; SQLite cannot drop a constraint written into
 * CREATE TABLE, so there the articles table is rebuilt (SQLite's documented twelve-step way, with
 * foreign keys off so the drop does not cascade to revisions, tags and the rest). Kysely runs
 * SQLite migrations outside a transaction (no transactional DDL), which is what lets the pragma work.
 *
 * The public lists stay index-driven with the language in front: home (language, status,
 * published_at, id, section_id), sections (section_id, language, …), and tag and author pages from
 * their link tables, which now copy the article's language beside its status and published_at.
 */
export async function up(db: Kysely<unknown>, context: MigrationContext): Promise<void> {
  if (context.kind === 'postgres') return migrate(db, context);
  // Foreign keys off (possible only outside a transaction), then one transaction of our own, so an
  // error halfway leaves the install as it was.
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql`begin`.execute(db);
    try {
      await migrate(db, context);
      const { rows } = await sql<Record<string, unknown>>`pragma foreign_key_check`.execute(db);
      if (rows.length > 0) throw new Error(`rebuilding articles broke ${rows.length} foreign keys: ${JSON.stringify(rows.slice(0, 3))}`);
      await sql`commit`.execute(db);
    } catch (error) {
      await sql`rollback`.execute(db);
      throw error;
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

/** The statements of the migration, on either database. */
async function migrate(db: Kysely<unknown>, context: MigrationContext): Promise<void> {
  await db.schema.alterTable('site_settings').addColumn('languages', 'text', (c) => c.notNull().defaultTo(`["${EXISTING_LANGUAGE}","kk","ru"]`)).execute();
  await db.schema.alterTable('site_settings').addColumn('default_language', 'text', (c) => c.notNull().defaultTo(EXISTING_LANGUAGE)).execute();
  await db.schema.alterTable('site_settings').addColumn('kazakh_latin', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('site_settings').addColumn('localized', 'text', (c) => c.notNull().defaultTo('{}')).execute();

  await db.schema.alterTable('users').addColumn('interface_language', 'text').execute();

  if (context.kind === 'sqlite') await rebuildSqliteArticles(db);
  else await alterPostgresArticles(db);
  await db.schema.createIndex('articles_translation_of_idx').on('articles').column('translation_of_id').execute();
  await db.schema.createIndex('articles_public_list_idx').on('articles').columns(['language', 'status', 'published_at', 'id', 'section_id']).execute();
  await db.schema.createIndex('articles_section_list_idx').on('articles').columns(['section_id', 'language', 'status', 'published_at', 'id']).execute();

  for (const { table, key } of [
    { table: 'article_tags', key: 'tag_id' },
    { table: 'article_authors', key: 'author_id' },
  ] as const) {
    await db.schema.alterTable(table).addColumn('language', 'text', (c) => c.notNull().defaultTo(EXISTING_LANGUAGE)).execute();
    await db.schema.dropIndex(`${table}_public_idx`).execute();
    await db.schema
      .createIndex(`${table}_public_idx`)
      .on(table)
      .columns([key, 'language', 'status', 'published_at', 'article_id'])
      .execute();
  }

  await db.schema
    .createTable('term_translations')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('term_id', 'integer', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // Null for locations, which have no page of their own (and so no slug).
    .addColumn('slug', 'text')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('term_translations_pk', ['kind', 'term_id', 'language'])
    .addUniqueConstraint('term_translations_slug_uq', ['kind', 'language', 'slug'])
    .execute();
}

/** PostgreSQL: new columns, and the slug constraint per language instead of per section. */
async function alterPostgresArticles(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('language', 'text', (c) => c.notNull().defaultTo(EXISTING_LANGUAGE)).execute();
  await db.schema
    .alterTable('articles')
    .addColumn('translation_of_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('articles').dropConstraint('articles_section_slug_uq').execute();
  await db.schema.createIndex('articles_language_section_slug_uq').on('articles').columns(['language', 'section_id', 'slug']).unique().execute();
  await db.schema.dropIndex('articles_public_list_idx').execute();
  await db.schema.dropIndex('articles_section_list_idx').execute();
}

// The articles table as of migration 0010, in column order, then the two new columns.
const OLD_COLUMNS = [
  'id',
  'section_id',
  'slug',
  'title',
  'standfirst',
  'body',
  'lead_media_id',
  'lead_caption',
  'lead_credit',
  'location_id',
  'source_attribution',
  'status',
  'status_before_trash',
  'published_at',
  'scheduled_at',
  'plain_text',
  'word_count',
  'reading_minutes',
  'version',
  'created_by',
  'updated_by',
  'created_at',
  'updated_at',
  'search_text',
];

/**
 * SQLite: the articles table rebuilt with the new columns and the per-language slug constraint
 * (https://sqlite.org/lang_altertable.html#otheralter). Ids are kept, so every row that points at
 * an article, and the FTS index (migration 0010, keyed by rowid), stay valid; its triggers and the
 * table's other indexes (0001, 0004) are made again, the newsroom's covering index with the language.
 */
async function rebuildSqliteArticles(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('articles_rebuilt')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('standfirst', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('lead_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .addColumn('lead_caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lead_credit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('location_id', 'integer', (c) => c.references('locations.id').onDelete('set null'))
    .addColumn('source_attribution', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_before_trash', 'text')
    .addColumn('published_at', 'text')
    .addColumn('scheduled_at', 'text')
    .addColumn('plain_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('word_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reading_minutes', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo(EXISTING_LANGUAGE))
    // Named "articles": after the rename below it points at the table itself.
    .addColumn('translation_of_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .addUniqueConstraint('articles_language_section_slug_uq', ['language', 'section_id', 'slug'])
    .execute();
  const columns = sql.join(OLD_COLUMNS.map((column) => sql.ref(column)));
  await sql`insert into articles_rebuilt (${columns}) select ${columns} from articles`.execute(db);
  await sql`drop table articles`.execute(db);
  await sql`alter table articles_rebuilt rename to articles`.execute(db);

  await db.schema.createIndex('articles_scheduled_idx').on('articles').columns(['status', 'scheduled_at']).execute();
  await db.schema.createIndex('articles_updated_idx').on('articles').columns(['updated_at', 'id', 'status', 'language', 'search_text']).execute();
  await sql`create trigger articles_search_fts_insert after insert on articles begin
      insert into articles_search_fts(rowid, search_text) values (new.id, new.search_text);
    end`.execute(db);
  await sql`create trigger articles_search_fts_delete after delete on articles begin
      insert into articles_search_fts(articles_search_fts, rowid, search_text) values ('delete', old.id, old.search_text);
    end`.execute(db);
  await sql`create trigger articles_search_fts_update after update of search_text on articles begin
      insert into articles_search_fts(articles_search_fts, rowid, search_text) values ('delete', old.id, old.search_text);
      insert into articles_search_fts(rowid, search_text) values (new.id, new.search_text);
    end`.execute(db);
}
