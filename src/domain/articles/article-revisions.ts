import { diffWords, type Change } from 'diff';
import type { Executor } from '#src/db/database.ts';
import type { RevisionKind } from '#src/db/schema.ts';
import { nowIso } from '#src/lib/clock.ts';
import { NotFound } from '#src/lib/errors.ts';
import { bodyToPlainText } from './body-text.ts';
import { articleDocumentSchema, type ArticleBody } from './article-body.ts';
import type { ArticleFields } from './article-fields.ts';

/** Why a revision was written. */
export type { RevisionKind };

/** Fields older snapshots lack: language and translation link (before migration 0011), search and social fields (before 0023). */
type LaterFields = 'language' | 'translationOfId' | 'seoTitle' | 'metaDescription' | 'socialTitle' | 'socialDescription' | 'socialMediaId';

/** The editable fields at one version, plus the public path when the revision is a publish. */
export type RevisionSnapshot = Omit<ArticleFields, LaterFields> & Partial<Pick<ArticleFields, LaterFields>> & { publishedPath?: string };

/** One stored revision, as listed. */
export type RevisionSummary = {
  id: number;
  version: number;
  kind: RevisionKind;
  createdAt: string;
  createdBy: { id: number; name: string } | null;
};

/** A field's differences between two revisions: runs of unchanged, added and removed words. */
/** A field's changes; a reference field also carries its ids before and after, so a page can name them without parsing `value`. */
export type FieldDiff = {
  field: string;
  changes: Array<{ value: string; added?: true; removed?: true }>;
  ids?: { before: number[]; after: number[] };
};

/** Writes a snapshot of `fields` as a revision of `articleId` at `version`. */
export async function writeRevision(
  db: Executor,
  articleId: number,
  version: number,
  kind: RevisionKind,
  snapshot: RevisionSnapshot,
  userId: number | null,
): Promise<number> {
  const row = { snapshot: JSON.stringify(snapshot), version, created_by: userId, created_at: nowIso() };
  if (kind === 'autosave') {
    // Consecutive autosaves by one person coalesce into one revision: the editor saves every few
    // seconds, and a history of hundreds of near-identical rows would bury the real saves.
    const latest = await db
      .selectFrom('article_revisions')
      .select(['id', 'kind', 'created_by'])
      .where('article_id', '=', articleId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latest && latest.kind === 'autosave' && latest.created_by === userId) {
      await db.updateTable('article_revisions').set(row).where('id', '=', latest.id).execute();
      return latest.id;
    }
  }
  const { id } = await db
    .insertInto('article_revisions')
    .values({ ...row, article_id: articleId, kind })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Revisions written per INSERT: six bound values each, well under both databases' limits. */
const REVISIONS_PER_INSERT = 500;

/**
 * Writes many revisions in a few statements (an import's batch of new articles), the same rows
 * writeRevision writes one by one; not for autosaves, which coalesce.
 */
export async function insertRevisions(
  db: Executor,
  revisions: ReadonlyArray<{ articleId: number; version: number; kind: Exclude<RevisionKind, 'autosave'>; snapshot: RevisionSnapshot }>,
  userId: number | null,
): Promise<void> {
  const now = nowIso();
  for (let start = 0; start < revisions.length; start += REVISIONS_PER_INSERT) {
    const rows = revisions.slice(start, start + REVISIONS_PER_INSERT).map((r) => ({ article_id: r.articleId, version: r.version, kind: r.kind, snapshot: JSON.stringify(r.snapshot), created_by: userId, created_at: now }));
    await db.insertInto('article_revisions').values(rows).execute();
  }
}

/** The revisions of an article, newest first, with who wrote each. */
export async function listRevisions(db: Executor, articleId: number): Promise<RevisionSummary[]> {
  const rows = await db
    .selectFrom('article_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .select(['r.id', 'r.version', 'r.kind', 'r.created_at', 'r.created_by', 'u.name as user_name'])
    .where('r.article_id', '=', articleId)
    .orderBy('r.id', 'desc')
    .execute();
  return rows.map(toRevisionSummary);
}

/** A revision row joined with its writer's name, as listed (page revisions are listed the same way). */
export function toRevisionSummary<Kind extends string>(r: { id: number; version: number; kind: Kind; created_at: string; created_by: number | null; user_name: string | null }) {
  return {
    id: r.id,
    version: r.version,
    kind: r.kind,
    createdAt: r.created_at,
    createdBy: r.created_by === null ? null : { id: r.created_by, name: r.user_name ?? '(deleted user)' },
  };
}

/** One revision's snapshot; NotFound unless it belongs to `articleId`. */
export async function loadRevision(
  db: Executor,
  articleId: number,
  revisionId: number,
): Promise<{ id: number; version: number; kind: RevisionKind; snapshot: RevisionSnapshot }> {
  const row = await db
    .selectFrom('article_revisions')
    .select(['id', 'version', 'kind', 'snapshot'])
    .where('id', '=', revisionId)
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  if (!row) throw new NotFound(`Revision ${revisionId} of article ${articleId}`);
  const raw = JSON.parse(row.snapshot) as RevisionSnapshot;
  return {
    id: row.id,
    version: row.version,
    kind: row.kind,
    snapshot: { ...raw, body: articleDocumentSchema.parse(raw.body) as ArticleBody },
  };
}

/** The path this article was last published at, from its latest 'publish' revision; null if never. */
export async function lastPublishedPath(db: Executor, articleId: number): Promise<string | null> {
  const rows = await db
    .selectFrom('article_revisions')
    .select('snapshot')
    .where('article_id', '=', articleId)
    .where('kind', '=', 'publish')
    .orderBy('id', 'desc')
    .limit(1)
    .execute();
  if (rows.length === 0) return null;
  return (JSON.parse(rows[0]!.snapshot) as RevisionSnapshot).publishedPath ?? null;
}

const TEXT_FIELDS = ['title', 'standfirst', 'slug', 'leadCaption', 'leadCredit', 'sourceAttribution', 'language', 'seoTitle', 'metaDescription', 'socialTitle', 'socialDescription'] as const;
const ID_FIELDS = ['sectionId', 'leadMediaId', 'locationId', 'tagIds', 'authorIds', 'translationOfId', 'socialMediaId'] as const;

function toChanges(changes: Change[]): FieldDiff['changes'] {
  return changes.map((c) => ({ value: c.value, ...(c.added ? { added: true as const } : {}), ...(c.removed ? { removed: true as const } : {}) }));
}

function idList(value: number | number[] | null | undefined): number[] {
  if (value === undefined) return [];
  if (value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function idText(ids: number[]): string {
  return ids.length === 0 ? '(none)' : ids.join(', ');
}

/**
 * A readable diff from one snapshot to another: word diffs of the text fields and of the body's
 * plain text, and before/after of the reference fields; only fields that differ are listed.
 */
export function diffSnapshots(from: RevisionSnapshot, to: RevisionSnapshot): FieldDiff[] {
  const fields: FieldDiff[] = [];
  for (const field of TEXT_FIELDS) {
    const [before, after] = [from[field], to[field]];
    // A field a snapshot lacks (written before it existed) is not a change.
    if (before === undefined || after === undefined) continue;
    if (before !== after) fields.push({ field, changes: toChanges(diffWords(before, after)) });
  }
  const fromBody = bodyToPlainText(from.body);
  const toBody = bodyToPlainText(to.body);
  if (fromBody !== toBody) fields.push({ field: 'body', changes: toChanges(diffWords(fromBody, toBody)) });
  else if (JSON.stringify(from.body) !== JSON.stringify(to.body)) {
    // Same words, other structure or marks (bold, a link, an image): say so rather than show nothing.
    fields.push({ field: 'body', changes: [{ value: '(formatting or images changed; the text is the same)' }] });
  }
  for (const field of ID_FIELDS) {
    if (from[field] === undefined || to[field] === undefined) continue;
    const before = idList(from[field]);
    const after = idList(to[field]);
    if (idText(before) !== idText(after)) {
      fields.push({ field, changes: [{ value: idText(before), removed: true }, { value: idText(after), added: true }], ids: { before, after } });
    }
  }
  return fields;
}
