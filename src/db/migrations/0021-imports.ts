import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * Moving in from WordPress and Ghost (issue 12, ADR 0032). import_records remembers what each
 * source item became (an article, a section, a tag, an author, an image), keyed by the source, the
 * old site and the item's own key (a WordPress GUID or term slug, a Ghost id), so a second run of
 * the same export updates what the first made instead of adding it again. import_runs is one
 * import started from the newsroom: its spooled file, its progress while the job runs and its
 * report when it ends.
 */
export async function up(db: Kysely<unknown>, { id, timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('import_records')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('site', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('import_records_key', ['source', 'site', 'kind', 'source_key'])
    .execute();

  await db.schema
    .createTable('import_runs')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('report', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('finished_at', timestamp)
    .execute();
  await db.schema.createIndex('import_runs_created_idx').on('import_runs').column('created_at').execute();
}
