import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/** The counts kept here: a term's kind, the table whose rows it counts and that table's term column. */
const COUNTED = [
  { kind: 'section', table: 'articles', key: 'section_id', trigger: 'articles_section_count' },
  { kind: 'tag', table: 'article_tags', key: 'tag_id', trigger: 'article_tags_count' },
  { kind: 'author', table: 'article_authors', key: 'author_id', trigger: 'article_authors_count' },
] as const;

/**
 * How many published articles each section, tag and author has in each language, kept by triggers
 * (issue 13, ADR 0072): a section, tag or author page draws its pagination from the count of its
 * list, which counted per request walked every one of the term's index entries (~6,800 on the
 * busiest section at 100,000 articles, 0.4–0.6 ms a page on SQLite) and grew with the archive.
 *
 * Kept as the month counts are (0033, 0036, ADR 0061), in the transaction of the change itself:
 * sections from articles (status, published_at, language, section_id), tags and authors from their
 * link tables, which carry a copy of the article's status, published_at and language (the lists
 * read them there). An article counts when it is published with a publication time, due or not
 * yet: a list subtracts its few not-yet-due rows, counted live from the same index its page walks
 * (countPublishedArticles). On PostgreSQL statement triggers with transition tables sum each
 * statement's changes per key and write each key once, in key order; on SQLite row triggers update
 * a row in place. Rows at zero stay. A SQLite migration that rebuilds articles, article_tags or
 * article_authors must make these triggers again.
 */
export async function up(db: Kysely<unknown>, { kind }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('article_term_counts')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('term_id', 'integer', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_term_counts_pk', ['kind', 'term_id', 'language'])
    .execute();
  const counted = (row: string) => `${row}status = 'published' and ${row}published_at is not null`;
  for (const term of COUNTED) {
    await sql
      .raw(
        `insert into article_term_counts (kind, term_id, language, total)
           select '${term.kind}', ${term.key}, language, count(*) from ${term.table} where ${counted('')} group by ${term.key}, language`,
      )
      .execute(db);
  }

  for (const term of COUNTED) {
    if (kind === 'sqlite') {
      await createSqliteTriggers(db, term, counted);
      continue;
    }
    await createStatementTriggers(db, {
      name: term.trigger,
      table: term.table,
      apply: (rows) => `
        insert into article_term_counts (kind, term_id, language, total)
          select '${term.kind}', term_id, language, sum(change) from (${rows(`${term.key} as term_id, language`, counted(''))}) changed
          group by term_id, language having sum(change) <> 0 order by term_id, language
        on conflict (kind, term_id, language) do update set total = article_term_counts.total + excluded.total;`,
    });
  }
}

/** SQLite's row triggers for one kind of term: one more for the new row if it counts, one fewer for the old. */
async function createSqliteTriggers(db: Kysely<unknown>, term: (typeof COUNTED)[number], counted: (row: string) => string): Promise<void> {
  // SQLite's INSERT … SELECT needs its WHERE before ON CONFLICT to parse the upsert.
  const added = (row: 'new' | 'old') =>
    `insert into article_term_counts (kind, term_id, language, total) select '${term.kind}', ${row}.${term.key}, ${row}.language, 1 where ${counted(`${row}.`)}
       on conflict (kind, term_id, language) do update set total = article_term_counts.total + 1;`;
  const removed = (row: 'new' | 'old') =>
    `update article_term_counts set total = total - 1
       where ${counted(`${row}.`)} and kind = '${term.kind}' and term_id = ${row}.${term.key} and language = ${row}.language;`;
  const changed = ['status', 'published_at', 'language', term.key];
  await sql.raw(`create trigger ${term.trigger}_insert after insert on ${term.table} when ${counted('new.')} begin ${added('new')} end`).execute(db);
  await sql.raw(`create trigger ${term.trigger}_delete after delete on ${term.table} when ${counted('old.')} begin ${removed('old')} end`).execute(db);
  await sql
    .raw(
      `create trigger ${term.trigger}_update after update of ${changed.join(', ')} on ${term.table}
         when ${changed.map((column) => `old.${column} is not new.${column}`).join(' or ')}
         begin ${removed('old')} ${added('new')} end`,
    )
    .execute(db);
}

/**
 * A function `NAME_change()` and its three statement triggers (insert, update, delete) on `table`,
 * as migration 0036 makes them on articles. `apply` writes the summed changes; `rows(columns, where)`
 * is the statement's rows that count, each with `change` +1 (new) or -1 (old), for the events that have them.
 */
async function createStatementTriggers(db: Kysely<unknown>, spec: { name: string; table: string; apply: (rows: (columns: string, where: string) => string) => string }): Promise<void> {
  const side = (table: 'new_rows' | 'old_rows', columns: string, where: string) => `select ${columns}, ${table === 'new_rows' ? 1 : -1} as change from ${table} where ${where}`;
  const body = (tables: Array<'new_rows' | 'old_rows'>) => spec.apply((columns, where) => tables.map((table) => side(table, columns, where)).join(' union all '));
  await sql
    .raw(
      `create function ${spec.name}_change() returns trigger language plpgsql as $$
       begin
         if tg_op = 'INSERT' then ${body(['new_rows'])}
         elsif tg_op = 'DELETE' then ${body(['old_rows'])}
         else ${body(['new_rows', 'old_rows'])}
         end if;
         return null;
       end $$`,
    )
    .execute(db);
  const on = `on ${spec.table}`;
  await sql.raw(`create trigger ${spec.name}_insert after insert ${on} referencing new table as new_rows for each statement execute function ${spec.name}_change()`).execute(db);
  await sql.raw(`create trigger ${spec.name}_delete after delete ${on} referencing old table as old_rows for each statement execute function ${spec.name}_change()`).execute(db);
  await sql
    .raw(`create trigger ${spec.name}_update after update ${on} referencing old table as old_rows new table as new_rows for each statement execute function ${spec.name}_change()`)
    .execute(db);
}
