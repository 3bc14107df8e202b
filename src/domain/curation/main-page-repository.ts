import type { Executor } from '#src/db/database.ts';
import { layoutSchema, type MainPageLayout } from './curation-schema.ts';

/** A saved layout of one language's Main Page, with who saved it and whether and when it went live. */
export type MainPageRevision = {
  id: number;
  language: string;
  layout: MainPageLayout;
  note: string;
  /** The revision this one copies, when it was made by "Restore". */
  restoredFrom: number | null;
  createdBy: { id: number; name: string } | null;
  createdAt: string;
  publishedBy: { id: number; name: string } | null;
  /** When it went live; null for a draft. */
  publishedAt: string | null;
};

function revisionQuery(db: Executor) {
  return db
    .selectFrom('main_page_revisions as r')
    .leftJoin('users as creator', 'creator.id', 'r.created_by')
    .leftJoin('users as publisher', 'publisher.id', 'r.published_by')
    .select([
      'r.id',
      'r.language',
      'r.layout',
      'r.note',
      'r.restored_from',
      'r.created_by',
      'creator.name as created_by_name',
      'r.created_at',
      'r.published_by',
      'publisher.name as published_by_name',
      'r.published_at',
    ]);
}

type RevisionRow = Awaited<ReturnType<ReturnType<typeof revisionQuery>['execute']>>[number];

/** A stored layout, read with the schema it was written with (defaults fill fields added since). */
function parseLayout(text: string): MainPageLayout {
  return layoutSchema.parse(JSON.parse(text));
}

function toRevision(row: RevisionRow): MainPageRevision {
  return {
    id: row.id,
    language: row.language,
    layout: parseLayout(row.layout),
    note: row.note,
    restoredFrom: row.restored_from,
    createdBy: row.created_by !== null ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
    createdAt: row.created_at,
    publishedBy: row.published_by !== null ? { id: row.published_by, name: row.published_by_name ?? '' } : null,
    publishedAt: row.published_at,
  };
}

/** One revision of `language`'s layout. */
export async function findRevision(db: Executor, language: string, id: number): Promise<MainPageRevision | undefined> {
  const row = await revisionQuery(db).where('r.language', '=', language).where('r.id', '=', id).executeTakeFirst();
  return row && toRevision(row);
}

/** The live layout's revision of `language`: the one published last; undefined while none is. */
export async function findLiveRevision(db: Executor, language: string): Promise<MainPageRevision | undefined> {
  const row = await revisionQuery(db)
    .where('r.language', '=', language)
    .where('r.published_at', 'is not', null)
    .orderBy('r.published_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toRevision(row);
}

/** The id of `language`'s newest revision, draft or not (what a save must start from). */
export async function newestRevisionId(db: Executor, language: string): Promise<number | null> {
  const row = await db.selectFrom('main_page_revisions').select('id').where('language', '=', language).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.id ?? null;
}

/** `language`'s revisions, newest first, at most `limit`. */
export async function listRevisions(db: Executor, language: string, limit: number): Promise<MainPageRevision[]> {
  const rows = await revisionQuery(db).where('r.language', '=', language).orderBy('r.id', 'desc').limit(limit).execute();
  return rows.map(toRevision);
}

/** Stores a new revision (a draft); answers its id. */
export async function insertRevision(
  db: Executor,
  values: { language: string; layout: MainPageLayout; note: string; restoredFrom: number | null; createdBy: number | null; now: string },
): Promise<number> {
  const row = await db
    .insertInto('main_page_revisions')
    .values({
      language: values.language,
      layout: JSON.stringify(values.layout),
      note: values.note,
      restored_from: values.restoredFrom,
      created_by: values.createdBy,
      created_at: values.now,
      published_by: null,
      published_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Marks a draft live from `now`; answers false when it was live already. */
export async function markPublished(db: Executor, id: number, by: number | null, now: string): Promise<boolean> {
  const result = await db
    .updateTable('main_page_revisions')
    .set({ published_by: by, published_at: now })
    .where('id', '=', id)
    .where('published_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
