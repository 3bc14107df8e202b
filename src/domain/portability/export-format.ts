import type { Database } from '#src/db/schema.ts';

/** What `manifest.json` says the folder is; an importer refuses anything else. */
export const EXPORT_FORMAT = 'qalam-export';

/**
 * The format's version. 1: one JSON file per table below, each an array of the table's rows with
 * the column names of src/db/schema.ts; the columns in `json` written as JSON values (an article's
 * body is a document, not a string). A change that an older importer could misread (a file's shape,
 * a column's meaning) raises it; new tables and new columns with defaults do not.
 */
export const EXPORT_VERSION = 1;

/** The folder under the export that holds the media files, by their file keys (originals and variants). */
export const MEDIA_FOLDER = 'media';

/** One table of the export: its file, the columns written as JSON values, and how it is brought back. */
export type TablePlan = {
  table: keyof Database;
  /** The file under the export folder. */
  file: string;
  /** Text columns holding JSON documents, written as JSON values. */
  json?: readonly string[];
  /**
   * Columns that point at rows of their own table or of a table imported later (a section's parent,
   * a user's author profile): inserted as null, then set once every row is in, so the foreign keys
   * hold at every step on both databases.
   */
  deferred?: readonly string[];
  /** Columns left out of the export (references to what is not exported). */
  omit?: readonly string[];
  /** A table whose one row every install has (settings): replaced, not added. */
  singleton?: true;
  /** Ordered by these columns (default: id). */
  orderBy?: readonly string[];
};

/**
 * Everything a portal owns, in the order an import inserts it (each table's references before it).
 * Not exported: sessions, password resets, sign-in failures, the job queue, who has an article open
 * (all passing state), API keys and webhook endpoints (secrets to issue anew on the new install),
 * and the rights desk's reuse index (rebuilt from the published articles on import).
 */
export const EXPORT_TABLES: readonly TablePlan[] = [
  { table: 'users', file: 'users.json', deferred: ['author_id'] },
  { table: 'media', file: 'media.json' },
  { table: 'media_variants', file: 'media-variants.json', orderBy: ['media_id', 'width', 'format'] },
  { table: 'authors', file: 'authors.json' },
  { table: 'sections', file: 'sections.json', deferred: ['parent_id'] },
  { table: 'tags', file: 'tags.json' },
  { table: 'locations', file: 'locations.json' },
  { table: 'term_translations', file: 'term-translations.json', orderBy: ['kind', 'term_id', 'language'] },
  { table: 'site_settings', file: 'settings.json', singleton: true },
  { table: 'reuse_policy', file: 'reuse-policy.json', singleton: true },
  { table: 'articles', file: 'articles.json', json: ['body'], deferred: ['translation_of_id'] },
  { table: 'article_tags', file: 'article-tags.json', orderBy: ['article_id', 'position', 'tag_id'] },
  { table: 'article_authors', file: 'article-authors.json', orderBy: ['article_id', 'position', 'author_id'] },
  { table: 'article_media', file: 'article-media.json', orderBy: ['article_id', 'media_id', 'role'] },
  { table: 'article_revisions', file: 'article-revisions.json', json: ['snapshot'] },
  { table: 'article_corrections', file: 'article-corrections.json' },
  { table: 'article_reviews', file: 'article-reviews.json' },
  { table: 'article_pending_edits', file: 'article-pending-edits.json', json: ['fields'], orderBy: ['article_id', 'user_id'] },
  // PostgreSQL's search_vector is generated from the other columns.
  { table: 'article_search_documents', file: 'article-search-documents.json', orderBy: ['article_id'], omit: ['search_vector'] },
  { table: 'article_views', file: 'article-views.json', orderBy: ['article_id', 'hour'] },
  { table: 'pages', file: 'pages.json', json: ['body'], deferred: ['parent_id'] },
  { table: 'page_revisions', file: 'page-revisions.json', json: ['snapshot'] },
  { table: 'redirects', file: 'redirects.json' },
  { table: 'partners', file: 'partners.json', omit: ['api_key_id'] },
  { table: 'partner_domains', file: 'partner-domains.json', orderBy: ['domain'] },
  { table: 'licence_requests', file: 'licence-requests.json' },
  { table: 'licences', file: 'licences.json' },
  { table: 'audit_log', file: 'audit-log.json' },
];

/** `manifest.json`: what the folder is, when and from which schema it was written, and what it holds. */
export type ExportManifest = {
  format: typeof EXPORT_FORMAT;
  version: number;
  /** When the export was written (ISO-8601, UTC). */
  exportedAt: string;
  /** The migrations the exporting install had applied: an importer refuses an export from a newer schema. */
  schema: string[];
  /** Rows per file. */
  files: Record<string, { table: string; rows: number }>;
  /** Media files copied under media/, and their total size in bytes. */
  media: { files: number; bytes: number };
};
