import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * PostgreSQL keeps `article_counts` (0028) and `article_month_counts` (0033) with one trigger call
 * per statement instead of one per row (ADR 0061). A row trigger updated the same count row once
 * per article: a 1,000-article insert left 1,000 dead versions of its (status, language) row, each
 * later update walking the chain of versions its own transaction had made, and the two triggers
 * were about 40 % of the insert's time in EXPLAIN ANALYZE (782 against 454 ms for 1,000 articles).
 * A statement trigger reads the statement's rows from transition tables, sums the changes per key
 * and writes each key once, in key order (so two writers lock count rows in the same order).
 *
 * A statement trigger cannot have a WHEN condition nor a column list with transition tables, so the
 * update trigger runs for every UPDATE of articles; an update that moves no article between keys
 * sums to nothing and writes nothing. PostgreSQL allows transition tables on a trigger of one event
 * only: one trigger per event, all calling one function per count. SQLite has no statement triggers;
 * its row triggers update a row in place and stay.
 */
export async function up(db: Kysely<unknown>, { kind }: MigrationContext): Promise<void> {
  if (kind !== 'postgres') return;
  for (const statement of [
    'drop trigger articles_count_insert_delete on articles',
    'drop trigger articles_count_update on articles',
    'drop trigger articles_month_count_insert_delete on articles',
    'drop trigger articles_month_count_update on articles',
    'drop function articles_count_change()',
    'drop function articles_month_count_change()',
  ]) {
    await sql.raw(statement).execute(db);
  }

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
      insert into article_month_counts (month, total)
        select month, sum(change) from (${rows(`to_char(published_at at time zone 'UTC', 'YYYY-MM') as month`, `status = 'published' and published_at is not null`)}) changed
        group by month having sum(change) <> 0 order by month
      on conflict (month) do update set total = article_month_counts.total + excluded.total;`,
  });
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
