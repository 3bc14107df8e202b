import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

// The rows as this migration reads and writes them (the live types in schema.ts may move on).
type Tables = {
  articles: { id: number; body: string; lead_media_id: number | null };
  media: { id: number };
  article_media: { article_id: number; media_id: number; role: string };
};

const BATCH = 500;

/** Figure media ids of a stored body: frozen here, so later changes to the body model cannot change this migration. */
function figureIds(bodyJson: string): number[] {
  const ids: number[] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const { type, attrs, content } = node as { type?: unknown; attrs?: { mediaId?: unknown }; content?: unknown };
    if (type === 'figure' && typeof attrs?.mediaId === 'number') ids.push(attrs.mediaId);
    if (Array.isArray(content)) content.forEach(visit);
  };
  try {
    visit(JSON.parse(bodyJson));
  } catch {
    // An unreadable body places no figures; the article still renders its other fields.
  }
  return ids;
}

/**
 * Which articles use which image, as rows: "where used" in the media library searched every
 * article body with LIKE (3 s at 100,000 articles). article_media is written by the article
 * repository with every save (role 'lead' or 'figure'); this fills it for existing articles.
 * Also indexes media by content hash, which every upload looks up to reuse identical files.
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema
    .createTable('article_media')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_media_pk', ['media_id', 'article_id', 'role'])
    .execute();
  await db.schema.createIndex('article_media_article_idx').on('article_media').column('article_id').execute();
  await db.schema.createIndex('media_sha256_idx').on('media').column('sha256').execute();

  const typed = db.withTables<Tables>();
  const existing = new Set((await typed.selectFrom('media').select('id').execute()).map((m) => m.id));
  for (let afterId = 0; ; ) {
    const articles = await typed.selectFrom('articles').select(['id', 'body', 'lead_media_id']).where('id', '>', afterId).orderBy('id').limit(BATCH).execute();
    const rows = articles.flatMap((article) => {
      const uses = new Map<string, Tables['article_media']>();
      const add = (mediaId: number, role: string) => {
        if (existing.has(mediaId)) uses.set(`${mediaId}:${role}`, { article_id: article.id, media_id: mediaId, role });
      };
      if (article.lead_media_id !== null) add(article.lead_media_id, 'lead');
      for (const id of figureIds(article.body)) add(id, 'figure');
      return [...uses.values()];
    });
    // Bounded statements: SQLite allows 32,766 bound values, PostgreSQL 65,535.
    for (let i = 0; i < rows.length; i += 1000) await typed.insertInto('article_media').values(rows.slice(i, i + 1000)).execute();
    if (articles.length < BATCH) break;
    afterId = articles.at(-1)!.id;
  }
}
