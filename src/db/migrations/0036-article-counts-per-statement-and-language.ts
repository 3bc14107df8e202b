import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * Counts that concurrent bulk writers do not queue on (ADR 0061).
 *
 * - `article_month_counts` (0033) is kept per month and language: writers of different languages
 *   (the synthetic seed's lanes, ADR 0033) no longer update the same row, which each held until its
 *   commit, so they waited for each other. Readers sum a month's languages (listMonthCountsBefore).
 * - On PostgreSQL both count tables (0028, 0033) are kept by one trigger call per statement instead
 *   of one per row. A row trigger updated the same count row once per article: a 1,000-article
 *   insert left 1,000 dead versions of its row, each update walking the versions its own transaction
 *   had made, and the two triggers were about 40 % of the insert's time (782 against 454 ms for
 *   1,000 articles in EXPLAIN ANALYZE). A statement trigger reads the statement's rows from
 *   transition tables, sums the changes per key and writes each key once, in key order (two writers
 *   lock count rows in the same order). It can have neither a WHEN clause nor a column list with
 *   transition tables, so the update trigger runs for every UPDATE of articles; an update that moves
 *   no article between keys sums to nothing and writes nothing. PostgreSQL allows transition tables
 *   on a trigger of one event only: one trigger per event, all calling one function per count.
 * - SQLite has no statement triggers: its row triggers update a row in place and stay, the month
 *   count's now keyed by language too. As with 0028 and 0033, a SQLite migration that rebuilds the
 *   articles table must make them again.
 */
export async function up(db: Kysely<unknown>, { kind }: MigrationContext): Promise<void> {
  const drop =
    kind === 'sqlite'
      ? ['drop trigger articles_month_count_insert', 'drop trigger articles_month_count_delete', 'drop trigger articles_month_count_update']
      : [
          'drop trigger articles_count_insert_delete on articles',
          'drop trigger articles_count_update on articles',
          'drop trigger articles_month_count_insert_delete on articles',
          'drop trigger articles_month_count_update on articles',
          'drop function articles_count_change()',
          'drop function articles_month_count_change()',
        ];
  for (const statement of [...drop, 'drop table article_month_counts']) await sql.raw(statement).execute(db);

  await db.schema
    .createTable('article_month_counts')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_month_counts_pk', ['month', 'language'])
    .execute();
  // The UTC month of an instant: the first seven characters of the ISO text on SQLite (ADR 0002).
  const monthOf = (instant: string) => (kind === 'sqlite' ? `substr(${instant}, 1, 7)` : `to_char(${instant} at time zone 'UTC', 'YYYY-MM')`);
  const counted = (row: string) => `${row}status = 'published' and ${row}published_at is not null`;
  await sql
    .raw(
      `insert into article_month_counts (month, language, total)
         select ${monthOf('published_at')}, language, count(*) from articles where ${counted('')} group by 1, 2`,
    )
    .execute(db);

  if (kind === 'sqlite') return createSqliteMonthTriggers(db, monthOf, counted);

  await createStatementTriggers(db, {
    name: 'articles_count',
    apply: (rows) => `
      insert into article_counts (status, language, total)
        select status, language, sum(change) from (${rows('status, language', 'true')}) changed
        group by status, language having sum(change) <> 0 order by status, language
      on conflict (status, language) do update set total = article_counts.total + excluded.total;`,
  });
  await createStatementTriggers(db, {
    name: 'articles_month_count',
    apply: (rows) => `
      insert into article_month_counts (month, language, total)
        select month, language, sum(change) from (${rows(`${monthOf('published_at')} as month, language`, counted(''))}) changed
        group by month, language having sum(change) <> 0 order by month, language
      on conflict (month, language) do update set total = article_month_counts.total + excluded.total;`,
  });
}

/** SQLite's row triggers of 0033, keyed by month and language. */
async function createSqliteMonthTriggers(db: Kysely<unknown>, monthOf: (instant: string) => string, counted: (row: string) => string): Promise<void> {
  // One more article in `row`'s month and language if it counts, or one fewer; rows at zero stay.
  // SQLite's INSERT … SELECT needs its WHERE before ON CONFLICT to parse the upsert.
  const added = (row: 'new' | 'old') =>
    `insert into article_month_counts (month, language, total) select ${monthOf(`${row}.published_at`)}, ${row}.language, 1 where ${counted(`${row}.`)}
       on conflict (month, language) do update set total = article_month_counts.total + 1;`;
  const removed = (row: 'new' | 'old') =>
    `update article_month_counts set total = total - 1 where ${counted(`${row}.`)} and month = ${monthOf(`${row}.published_at`)} and language = ${row}.language;`;
  await sql.raw(`create trigger articles_month_count_insert after insert on articles when ${counted('new.')} begin ${added('new')} end`).execute(db);
  await sql.raw(`create trigger articles_month_count_delete after delete on articles when ${counted('old.')} begin ${removed('old')} end`).execute(db);
  await sql
    .raw(
      `create trigger articles_month_count_update after update of status, published_at, language on articles
         when old.status is not new.status or old.published_at is not new.published_at or old.language is not new.language
         begin ${removed('old')} ${added('new')} end`,
    )
    .execute(db);
}

/**
 * A function `NAME_change()` and its three statement triggers (insert, update, delete) on articles.
 * `apply` writes the summed changes; `rows(columns, where)` is the statement's rows that count, each
 * with `change` +1 (new) or -1 (old), for the events that have them.
 */
async function createStatementTriggers(db: Kysely<unknown>, spec: { name: string; apply: (rows: (columns: string, where: string) => string) => string }): Promise<void> {
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
  await sql.raw(`create trigger ${spec.name}_insert after insert on articles referencing new table as new_rows for each statement execute function ${spec.name}_change()`).execute(db);
  await sql.raw(`create trigger ${spec.name}_delete after delete on articles referencing old table as old_rows for each statement execute function ${spec.name}_change()`).execute(db);
  await sql
    .raw(`create trigger ${spec.name}_update after update on articles referencing old table as old_rows new table as new_rows for each statement execute function ${spec.name}_change()`)
    .execute(db);
}
