import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * How many articles there are of each status and language, kept by triggers on articles (issue 13,
 * item 3): the newsroom home shows an editor the number of all their articles, which counted took
 * ~28 ms at 100,000 articles on SQLite (and grows with the archive); read from here it is a few
 * rows. Triggers, not the services, keep it, so no write path (imports, seeds, bulk actions,
 * scripts) can forget it. A SQLite migration that rebuilds the articles table must make these
 * triggers again, as 0011 does the search index's.
 */
export async function up(db: Kysely<unknown>, { kind }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('article_counts')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_counts_pk', ['status', 'language'])
    .execute();
  await sql`insert into article_counts (status, language, total) select status, language, count(*) from articles group by status, language`.execute(db);

  // One article more in (status, language), or one fewer; rows at zero stay (a handful at most).
  const added = (status: string, language: string) =>
    `insert into article_counts (status, language, total) values (${status}, ${language}, 1)
       on conflict (status, language) do update set total = article_counts.total + 1;`;
  const removed = (status: string, language: string) => `update article_counts set total = total - 1 where status = ${status} and language = ${language};`;

  if (kind === 'sqlite') {
    await sql.raw(`create trigger articles_count_insert after insert on articles begin ${added('new.status', 'new.language')} end`).execute(db);
    await sql.raw(`create trigger articles_count_delete after delete on articles begin ${removed('old.status', 'old.language')} end`).execute(db);
    await sql
      .raw(
        `create trigger articles_count_update after update of status, language on articles
           when old.status is not new.status or old.language is not new.language
           begin ${removed('old.status', 'old.language')} ${added('new.status', 'new.language')} end`,
      )
      .execute(db);
    return;
  }
  await sql
    .raw(
      `create function articles_count_change() returns trigger language plpgsql as $$
       begin
         if tg_op in ('UPDATE', 'DELETE') then ${removed('old.status', 'old.language')} end if;
         if tg_op in ('UPDATE', 'INSERT') then ${added('new.status', 'new.language')} end if;
         return null;
       end $$`,
    )
    .execute(db);
  await sql.raw(`create trigger articles_count_insert_delete after insert or delete on articles for each row execute function articles_count_change()`).execute(db);
  await sql
    .raw(
      `create trigger articles_count_update after update of status, language on articles for each row
         when (old.status is distinct from new.status or old.language is distinct from new.language)
         execute function articles_count_change()`,
    )
    .execute(db);
}
