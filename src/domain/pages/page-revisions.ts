import { diffWords } from 'diff';
import type { Executor } from '#src/db/database.ts';
import type { PageRevisionKind } from '#src/db/schema.ts';
import { nowIso } from '#src/lib/clock.ts';
import { NotFound } from '#src/lib/errors.ts';
import { articleDocumentSchema, type ArticleBody } from '#src/domain/articles/article-body.ts';
import { bodyToPlainText } from '#src/domain/articles/body-text.ts';
import { toRevisionSummary, type FieldDiff, type RevisionSummary } from '#src/domain/articles/article-revisions.ts';
import type { PageFields } from './page-fields.ts';

/** The editable fields at one version, plus the public path when the revision is a publish (redirects follow it). */
export type PageSnapshot = PageFields & { publishedPath?: string };

/** One stored page revision, as listed (the shape article revisions are listed in). */
export type PageRevisionSummary = Omit<RevisionSummary, 'kind'> & { kind: PageRevisionKind };

/** Writes a snapshot of `fields` as a revision of `pageId` at `version`; answers its id. */
export async function writePageRevision(db: Executor, pageId: number, version: number, kind: PageRevisionKind, snapshot: PageSnapshot, userId: number | null): Promise<number> {
  const { id } = await db
    .insertInto('page_revisions')
    .values({ page_id: pageId, version, kind, snapshot: JSON.stringify(snapshot), created_by: userId, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The revisions of a page, newest first, with who wrote each. */
export async function listPageRevisions(db: Executor, pageId: number): Promise<PageRevisionSummary[]> {
  const rows = await db
    .selectFrom('page_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .select(['r.id', 'r.version', 'r.kind', 'r.created_at', 'r.created_by', 'u.name as user_name'])
    .where('r.page_id', '=', pageId)
    .orderBy('r.id', 'desc')
    .execute();
  return rows.map(toRevisionSummary);
}

/** One revision's snapshot (its body checked again); NotFound unless it belongs to `pageId`. */
export async function loadPageRevision(db: Executor, pageId: number, revisionId: number): Promise<{ id: number; version: number; kind: PageRevisionKind; snapshot: PageSnapshot }> {
  const row = await db
    .selectFrom('page_revisions')
    .select(['id', 'version', 'kind', 'snapshot'])
    .where('id', '=', revisionId)
    .where('page_id', '=', pageId)
    .executeTakeFirst();
  if (!row) throw new NotFound(`Revision ${revisionId} of page ${pageId}`);
  const raw = JSON.parse(row.snapshot) as PageSnapshot;
  return { id: row.id, version: row.version, kind: row.kind, snapshot: { ...raw, body: articleDocumentSchema.parse(raw.body) as ArticleBody } };
}

/** The path the page was last published at, from its latest 'publish' revision; null if never. */
export async function lastPublishedPagePath(db: Executor, pageId: number): Promise<string | null> {
  const row = await db
    .selectFrom('page_revisions')
    .select('snapshot')
    .where('page_id', '=', pageId)
    .where('kind', '=', 'publish')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? ((JSON.parse(row.snapshot) as PageSnapshot).publishedPath ?? null) : null;
}

const TEXT_FIELDS = ['title', 'slug', 'language', 'menu'] as const;
const NUMBER_FIELDS = ['parentId', 'menuOrder'] as const;

function wordChanges(before: string, after: string): FieldDiff['changes'] {
  return diffWords(before, after).map((c) => ({ value: c.value, ...(c.added ? { added: true as const } : {}), ...(c.removed ? { removed: true as const } : {}) }));
}

/** A readable diff between two page snapshots: words of the text fields and the body, before/after of the others; only fields that differ. */
export function diffPageSnapshots(from: PageSnapshot, to: PageSnapshot): FieldDiff[] {
  const fields: FieldDiff[] = [];
  for (const field of TEXT_FIELDS) if (from[field] !== to[field]) fields.push({ field, changes: wordChanges(from[field], to[field]) });
  const [fromBody, toBody] = [bodyToPlainText(from.body), bodyToPlainText(to.body)];
  if (fromBody !== toBody) fields.push({ field: 'body', changes: wordChanges(fromBody, toBody) });
  else if (JSON.stringify(from.body) !== JSON.stringify(to.body)) fields.push({ field: 'body', changes: [{ value: '(formatting or images changed; the text is the same)' }] });
  for (const field of NUMBER_FIELDS) {
    const [before, after] = [String(from[field] ?? '(none)'), String(to[field] ?? '(none)')];
    if (before !== after) fields.push({ field, changes: [{ value: before, removed: true }, { value: after, added: true }] });
  }
  return fields;
}
