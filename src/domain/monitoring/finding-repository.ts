import type { Executor } from '#src/db/database.ts';
import type { FindingStatus } from '#src/db/schema.ts';
import { parseEvidence, type FindingEvidence } from './finding-evidence.ts';
import type { FindingVerdict } from './monitoring-schema.ts';

/** A finding as the desk's list shows it (without its evidence). */
export type FindingSummary = {
  id: number;
  source: { id: number; name: string; url: string } | null;
  pageUrl: string;
  article: { id: number; title: string };
  shareOfOriginal: number;
  shareOfText: number;
  link: { present: boolean; compliant: boolean; href: string | null; reason: string };
  verdict: FindingVerdict;
  firstSeenAt: string;
  lastSeenAt: string;
  status: FindingStatus;
  /** Who last changed the status, and when; null while nobody has. */
  statusChangedBy: { id: number; name: string } | null;
  statusChangedAt: string | null;
  note: string;
};

/** A finding with its evidence. */
export type Finding = FindingSummary & { evidence: FindingEvidence };

/** Which findings a list shows; every field narrows it. */
export type FindingFilter = { status?: FindingStatus; verdict?: FindingVerdict; sourceId?: number; articleId?: number };

function findingQuery(db: Executor) {
  return db
    .selectFrom('reuse_findings as f')
    .innerJoin('articles as a', 'a.id', 'f.article_id')
    .leftJoin('watch_sources as s', 's.id', 'f.source_id')
    .leftJoin('users as u', 'u.id', 'f.status_changed_by')
    .select([
      'f.id',
      'f.source_id',
      's.name as source_name',
      's.url as source_url',
      'f.page_url',
      'f.article_id',
      'a.title as article_title',
      'f.share_of_original',
      'f.share_of_text',
      'f.link_present',
      'f.link_compliant',
      'f.link_href',
      'f.link_reason',
      'f.verdict',
      'f.first_seen_at',
      'f.last_seen_at',
      'f.status',
      'f.status_changed_by',
      'u.name as status_changed_by_name',
      'f.status_changed_at',
      'f.note',
    ]);
}

type FindingRow = Awaited<ReturnType<ReturnType<typeof findingQuery>['executeTakeFirstOrThrow']>>;

function toSummary(row: FindingRow): FindingSummary {
  return {
    id: row.id,
    source: row.source_id !== null ? { id: row.source_id, name: row.source_name ?? '', url: row.source_url ?? '' } : null,
    pageUrl: row.page_url,
    article: { id: row.article_id, title: row.article_title },
    shareOfOriginal: Number(row.share_of_original),
    shareOfText: Number(row.share_of_text),
    link: { present: row.link_present === 1, compliant: row.link_compliant === 1, href: row.link_href, reason: row.link_reason },
    verdict: row.verdict as FindingVerdict,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    status: row.status,
    statusChangedBy: row.status_changed_by !== null ? { id: row.status_changed_by, name: row.status_changed_by_name ?? '' } : null,
    statusChangedAt: row.status_changed_at,
    note: row.note,
  };
}

function filtered(db: Executor, filter: FindingFilter) {
  let query = findingQuery(db);
  if (filter.status) query = query.where('f.status', '=', filter.status);
  if (filter.verdict) query = query.where('f.verdict', '=', filter.verdict);
  if (filter.sourceId !== undefined) query = query.where('f.source_id', '=', filter.sourceId);
  if (filter.articleId !== undefined) query = query.where('f.article_id', '=', filter.articleId);
  return query;
}

/** A page of the findings `filter` selects, newest first. */
export async function listFindings(db: Executor, filter: FindingFilter, page: { limit: number; offset: number }): Promise<FindingSummary[]> {
  const rows = await filtered(db, filter).orderBy('f.id', 'desc').limit(page.limit).offset(page.offset).execute();
  return rows.map(toSummary);
}

/** How many findings `filter` selects. */
export async function countFindings(db: Executor, filter: FindingFilter): Promise<number> {
  const row = await filtered(db, filter)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findFindingById(db: Executor, id: number): Promise<Finding | undefined> {
  const row = await findingQuery(db).select('f.evidence').where('f.id', '=', id).executeTakeFirst();
  return row ? { ...toSummary(row), evidence: parseEvidence(row.evidence) } : undefined;
}

/** The finding of `pageUrl` copying `articleId`, if one was recorded (its id and status). */
export async function findFindingOf(db: Executor, pageUrl: string, articleId: number): Promise<{ id: number; status: FindingStatus } | undefined> {
  return db.selectFrom('reuse_findings').select(['id', 'status']).where('page_url', '=', pageUrl).where('article_id', '=', articleId).executeTakeFirst();
}

/** Page addresses (among `urls`) with a finding the desk still follows (open or contacted): their pages are re-checked. */
export async function pagesUnderWatch(db: Executor, urls: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < urls.length; i += 500) {
    const rows = await db.selectFrom('reuse_findings').select('page_url').where('page_url', 'in', urls.slice(i, i + 500)).where('status', 'in', ['open', 'contacted']).execute();
    for (const row of rows) found.add(row.page_url);
  }
  return found;
}

/** What a check found of one article on one page. */
export type FindingFacts = {
  sourceId: number | null;
  pageUrl: string;
  articleId: number;
  shareOfOriginal: number;
  shareOfText: number;
  link: { present: boolean; compliant: boolean; href: string | null; reason: string };
  verdict: FindingVerdict;
  evidence: FindingEvidence;
};

export async function insertFinding(db: Executor, facts: FindingFacts, status: FindingStatus, now: string): Promise<number> {
  const { id } = await db
    .insertInto('reuse_findings')
    .values({
      source_id: facts.sourceId,
      page_url: facts.pageUrl,
      article_id: facts.articleId,
      share_of_original: facts.shareOfOriginal,
      share_of_text: facts.shareOfText,
      link_present: facts.link.present ? 1 : 0,
      link_compliant: facts.link.compliant ? 1 : 0,
      link_href: facts.link.href,
      link_reason: facts.link.reason,
      verdict: facts.verdict,
      evidence: JSON.stringify(facts.evidence),
      first_seen_at: now,
      last_seen_at: now,
      status,
      status_changed_by: null,
      status_changed_at: null,
      note: '',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Records that a check found the copy again (the evidence stays as first seen). */
export async function markSeen(db: Executor, id: number, now: string): Promise<void> {
  await db.updateTable('reuse_findings').set({ last_seen_at: now }).where('id', '=', id).execute();
}

/** Records that a page answered "unchanged" (304): the copies on it the desk follows (open, contacted) are still there. */
export async function markPageSeen(db: Executor, pageUrl: string, now: string): Promise<void> {
  await db.updateTable('reuse_findings').set({ last_seen_at: now }).where('page_url', '=', pageUrl).where('status', 'in', ['open', 'contacted']).execute();
}

/** Sets a finding's status (and note), saying who and when; `from`, when given, must still be its status (else nothing changes). Answers whether it changed. */
export async function setFindingStatus(
  db: Executor,
  id: number,
  change: { status: FindingStatus; note?: string; by: number | null; at: string; from?: FindingStatus },
): Promise<boolean> {
  let query = db
    .updateTable('reuse_findings')
    .set({ status: change.status, status_changed_by: change.by, status_changed_at: change.at, ...(change.note !== undefined ? { note: change.note } : {}) })
    .where('id', '=', id);
  if (change.from) query = query.where('status', '=', change.from);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
