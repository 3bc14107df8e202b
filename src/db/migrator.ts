import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DatabaseHandle, DialectKind } from './database.ts';
import * as init from './migrations/0001-init.ts';
import * as newsroom from './migrations/0002-newsroom.ts';
import * as searchText from './migrations/0003-search-text.ts';
import * as newsroomListIndex from './migrations/0004-newsroom-list-index.ts';
import * as listMembershipState from './migrations/0005-list-membership-state.ts';
import * as articleMedia from './migrations/0006-article-media.ts';
import * as pendingEdits from './migrations/0007-pending-edits.ts';
import * as listIndexesWithId from './migrations/0008-list-indexes-with-id.ts';
import * as searchTrigramIndex from './migrations/0009-search-trigram-index.ts';
import * as articleSearchFts from './migrations/0010-article-search-fts.ts';
import * as languages from './migrations/0011-languages.ts';
import * as apiKeys from './migrations/0012-api-keys.ts';
import * as webhooks from './migrations/0013-webhooks.ts';
import * as articleViews from './migrations/0014-article-views.ts';
import * as readerSearch from './migrations/0015-reader-search.ts';
import * as reuseChecker from './migrations/0016-reuse-checker.ts';
import * as distributionSettings from './migrations/0017-distribution-settings.ts';
import * as licences from './migrations/0018-licences.ts';
import * as monitoring from './migrations/0019-monitoring.ts';
import * as pages from './migrations/0020-pages.ts';
import * as imports from './migrations/0021-imports.ts';
import * as cdnPurgeSettings from './migrations/0022-cdn-purge-settings.ts';
import * as searchAndSocialFields from './migrations/0023-search-and-social-fields.ts';
import * as mainPageCuration from './migrations/0024-main-page-curation.ts';
import * as notifications from './migrations/0025-notifications.ts';
import * as articleComments from './migrations/0026-article-comments.ts';
import * as searchWindows from './migrations/0027-search-windows.ts';
import * as articleCounts from './migrations/0028-article-counts.ts';
import * as publishedListIndex from './migrations/0029-published-list-index.ts';
import * as watchItemsLastListed from './migrations/0030-watch-items-last-listed.ts';
import * as translationIndexOriginalsLeftOut from './migrations/0031-translation-index-originals-left-out.ts';
import * as articleMonthCounts from './migrations/0033-article-month-counts.ts';
import * as searchIndexPerLanguage from './migrations/0034-search-index-per-language.ts';
import * as reuseIndexByArticle from './migrations/0035-reuse-index-by-article.ts';
import * as articleCountsPerStatementAndLanguage from './migrations/0036-article-counts-per-statement-and-language.ts';
import * as searchIndexPendingLists from './migrations/0037-search-index-pending-lists.ts';
import * as linkListsAcrossLanguages from './migrations/0039-link-lists-across-languages.ts';
import * as articleTermCounts from './migrations/0042-article-term-counts.ts';
import * as viewCounting from './migrations/0043-view-counting.ts';

/** What a migration needs to know to write one schema for both databases. */
export type MigrationContext = {
  kind: DialectKind;
  /** Auto-incrementing integer key: INTEGER (rowid alias) on SQLite, SERIAL on PostgreSQL. */
  id: 'integer' | 'serial';
  /** UTC instant column: ISO text on SQLite, timestamptz on PostgreSQL. */
  timestamp: 'text' | 'timestamptz';
};

export type MigrationModule = { up(db: Kysely<unknown>, context: MigrationContext): Promise<void> };

// In-code list rather than a folder scan: works the same under tsx, a bundle, or a test runner.
export const MIGRATIONS: Readonly<Record<string, MigrationModule>> = {
  '0001-init': init,
  '0002-newsroom': newsroom,
  '0003-search-text': searchText,
  '0004-newsroom-list-index': newsroomListIndex,
  '0005-list-membership-state': listMembershipState,
  '0006-article-media': articleMedia,
  '0007-pending-edits': pendingEdits,
  '0008-list-indexes-with-id': listIndexesWithId,
  '0009-search-trigram-index': searchTrigramIndex,
  '0010-article-search-fts': articleSearchFts,
  '0011-languages': languages,
  '0012-api-keys': apiKeys,
  '0013-webhooks': webhooks,
  '0014-article-views': articleViews,
  '0015-reader-search': readerSearch,
  '0016-reuse-checker': reuseChecker,
  '0017-distribution-settings': distributionSettings,
  '0018-licences': licences,
  '0019-monitoring': monitoring,
  '0020-pages': pages,
  '0021-imports': imports,
  '0022-cdn-purge-settings': cdnPurgeSettings,
  '0023-search-and-social-fields': searchAndSocialFields,
  '0024-main-page-curation': mainPageCuration,
  '0025-notifications': notifications,
  '0026-article-comments': articleComments,
  '0027-search-windows': searchWindows,
  '0028-article-counts': articleCounts,
  '0029-published-list-index': publishedListIndex,
  '0030-watch-items-last-listed': watchItemsLastListed,
  '0031-translation-index-originals-left-out': translationIndexOriginalsLeftOut,
  '0033-article-month-counts': articleMonthCounts,
  '0034-search-index-per-language': searchIndexPerLanguage,
  '0035-reuse-index-by-article': reuseIndexByArticle,
  '0036-article-counts-per-statement-and-language': articleCountsPerStatementAndLanguage,
  '0037-search-index-pending-lists': searchIndexPendingLists,
  '0039-link-lists-across-languages': linkListsAcrossLanguages,
  '0042-article-term-counts': articleTermCounts,
  '0043-view-counting': viewCounting,
};

function provider(kind: DialectKind): MigrationProvider {
  const context: MigrationContext =
    kind === 'sqlite' ? { kind, id: 'integer', timestamp: 'text' } : { kind, id: 'serial', timestamp: 'timestamptz' };
  return {
    async getMigrations() {
      const migrations: Record<string, Migration> = {};
      for (const [name, module] of Object.entries(MIGRATIONS)) {
        migrations[name] = { up: (db) => module.up(db, context) };
      }
      return migrations;
    },
  };
}

async function currentSchema(handle: DatabaseHandle): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(handle.db);
  return rows[0]!.schema;
}

/**
 * The known migrations the database has not recorded, in order: all of them on a new database.
 * Read from our own bookkeeping table only: Kysely's migrator first introspects the schema's tables
 * (current-schema-introspector.ts), a catalogue read that every start would otherwise pay for
 * nothing. Throws when the database cannot be read (down, refused), so a caller can tell that
 * from a schema that is behind.
 */
export async function pendingMigrations(handle: DatabaseHandle): Promise<string[]> {
  let applied: Set<string>;
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(handle.db);
    applied = new Set(rows.map((row) => row.name));
  } catch (error) {
    if (!isMissingTable(error)) throw error;
    applied = new Set(); // no bookkeeping table yet: a new database
  }
  return Object.keys(MIGRATIONS).filter((name) => !applied.has(name));
}

/** SQLite's "no such table", PostgreSQL's undefined_table (42P01). */
function isMissingTable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === '42P01' || (typeof message === 'string' && message.startsWith('no such table'));
}

async function isUpToDate(handle: DatabaseHandle): Promise<boolean> {
  // An unreadable database is left to the migrator, which reports why.
  return (await pendingMigrations(handle).catch(() => undefined))?.length === 0;
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  if (await isUpToDate(handle)) return [];
  const migrator = new Migrator({
    db: handle.db as Kysely<unknown>,
    provider: provider(handle.kind),
    // Kysely looks for its bookkeeping tables across every schema; name ours, or an install sharing
    // a PostgreSQL database with another schema (each test server has one) would use that one's lock.
    ...(handle.kind === 'postgres' ? { migrationTableSchema: await currentSchema(handle) } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
