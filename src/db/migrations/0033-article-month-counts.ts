import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * How many published articles came out in each UTC month ('2024-05'), kept by triggers on articles
 * (issue 9): the sitemap index names one file per month of the archive and splits a month past
 * 50,000 URLs, so it needs every month's count; counted per request that was ~120 range counts,
 * 0.8–1.4 s at 100,000 articles on SQLite. Triggers, not the services, keep it, in the transaction
 * of the change itself (publish, unpublish, trash, restore, a new date, imports, seeds, scripts), so
 * it cannot drift from the articles; as with 0028, a SQLite migration that rebuilds the articles
 * table must make these triggers again. Scheduled-but-due rows are counted by status only: a reader
 * of the current month counts its due articles from the articles themselves (published-sitemaps.ts).
 */
export async function up(db: Kysely<unknown>, { kind }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('article_month_counts')
    .addColumn('month', 'text', (c) => c.primaryKey())
    .addColumn('total', 'integer', (c) => c.notNull())
    .execute();

  // The UTC month of an instant: the first seven characters of the ISO text on SQLite (ADR 0002).
  const monthOf = (instant: string) => (kind === 'sqlite' ? `substr(${instant}, 1, 7)` : `to_char(${instant} at time zone 'UTC', 'YYYY-MM')`);
  const counted = (row: 'new' | 'old') => `${row}.status = 'published' and ${row}.published_at is not null`;

  await sql
    .raw(
      `insert into article_month_counts (month, total)
         select ${monthOf('published_at')}, count(*) from articles where status = 'published' and published_at is not null group by 1`,
    )
    .execute(db);

  // One more article in `row`'s month if it counts, or one fewer; rows at zero stay (one a month at most).
  // SQLite's INSERT … SELECT needs its WHERE before ON CONFLICT to parse the upsert.
  const added = (row: 'new' | 'old') =>
    `insert into article_month_counts (month, total) select ${monthOf(`${row}.published_at`)}, 1 where ${counted(row)}
       on conflict (month) do update set total = article_month_counts.total + 1;`;
  const removed = (row: 'new' | 'old') => `update article_month_counts set total = total - 1 where ${counted(row)} and month = ${monthOf(`${row}.published_at`)};`;

  if (kind === 'sqlite') {
    await sql.raw(`create trigger articles_month_count_insert after insert on articles when ${counted('new')} begin ${added('new')} end`).execute(db);
    await sql.raw(`create trigger articles_month_count_delete after delete on articles when ${counted('old')} begin ${removed('old')} end`).execute(db);
    await sql
      .raw(
        `create trigger articles_month_count_update after update of status, published_at on articles
           when old.status is not new.status or old.published_at is not new.published_at
           begin ${removed('old')} ${added('new')} end`,
      )
      .execute(db);
    return;
  }
  await sql
    .raw(
      `create function articles_month_count_change() returns trigger language plpgsql as $$
       begin
         if tg_op in ('UPDATE', 'DELETE') then ${removed('old')} end if;
         if tg_op in ('UPDATE', 'INSERT') then ${added('new')} end if;
         return null;
       end $$`,
    )
    .execute(db);
  await sql.raw(`create trigger articles_month_count_insert_delete after insert or delete on articles for each row execute function articles_month_count_change()`).execute(db);
  await sql
    .raw(
      `create trigger articles_month_count_update after update of status, published_at on articles for each row
         when (old.status is distinct from new.status or old.published_at is distinct from new.published_at)
         execute function articles_month_count_change()`,
    )
    .execute(db);
}
