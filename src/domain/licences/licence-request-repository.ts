import type { Executor } from '#src/db/database.ts';
import type { LicenceRequestSource, LicenceRequestStatus } from '#src/db/schema.ts';

/** A licence request as the queue and the API show it. */
export type LicenceRequest = {
  id: number;
  /** The article asked for, in its own language. */
  article: { id: number; title: string; language: string; sectionId: number; sectionName: string };
  /** The partner it is from (known for a partner's key, or once approved), or null. */
  partner: { id: number; organisation: string } | null;
  organisation: string;
  contactName: string;
  contactEmail: string;
  domain: string;
  message: string;
  source: LicenceRequestSource;
  /** The language of the page it was sent from. */
  language: string;
  status: LicenceRequestStatus;
  decisionNote: string;
  decidedBy: { id: number; name: string } | null;
  decidedAt: string | null;
  /** The licence an approval made, or null. */
  licenceId: number | null;
  createdAt: string;
};

function requestQuery(db: Executor) {
  return db
    .selectFrom('licence_requests as r')
    .innerJoin('articles', 'articles.id', 'r.article_id')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('partners', 'partners.id', 'r.partner_id')
    .leftJoin('users', 'users.id', 'r.decided_by')
    .leftJoin('licences', 'licences.request_id', 'r.id')
    .select([
      'r.id as id',
      'r.organisation as organisation',
      'r.contact_name as contact_name',
      'r.contact_email as contact_email',
      'r.domain as domain',
      'r.message as message',
      'r.source as source',
      'r.language as language',
      'r.status as status',
      'r.decision_note as decision_note',
      'r.decided_at as decided_at',
      'r.created_at as created_at',
      'articles.id as article_id',
      'articles.title as article_title',
      'articles.language as article_language',
      'sections.id as section_id',
      'sections.name as section_name',
      'partners.id as partner_id',
      'partners.organisation as partner_organisation',
      'users.id as decided_by_id',
      'users.name as decided_by_name',
      'licences.id as licence_id',
    ]);
}

type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['executeTakeFirstOrThrow']>>;

function toRequest(row: RequestRow): LicenceRequest {
  return {
    id: row.id,
    article: { id: row.article_id, title: row.article_title, language: row.article_language, sectionId: row.section_id, sectionName: row.section_name },
    partner: row.partner_id !== null ? { id: row.partner_id, organisation: row.partner_organisation ?? '' } : null,
    organisation: row.organisation,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    domain: row.domain,
    message: row.message,
    source: row.source,
    language: row.language,
    status: row.status,
    decisionNote: row.decision_note,
    decidedBy: row.decided_by_id !== null ? { id: row.decided_by_id, name: row.decided_by_name ?? '' } : null,
    decidedAt: row.decided_at,
    licenceId: row.licence_id,
    createdAt: row.created_at,
  };
}

/** Stores a new pending request; answers its id. */
export async function insertLicenceRequest(
  db: Executor,
  input: {
    articleId: number;
    partnerId: number | null;
    organisation: string;
    contactName: string;
    contactEmail: string;
    domain: string;
    message: string;
    source: LicenceRequestSource;
    language: string;
    now: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('licence_requests')
    .values({
      article_id: input.articleId,
      partner_id: input.partnerId,
      organisation: input.organisation,
      contact_name: input.contactName,
      contact_email: input.contactEmail,
      domain: input.domain,
      message: input.message,
      source: input.source,
      language: input.language,
      status: 'pending',
      decision_note: '',
      decided_by: null,
      decided_at: null,
      created_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A page of the requests in `status`: pending ones oldest first (a queue), decided ones newest first. */
export async function listLicenceRequests(db: Executor, status: LicenceRequestStatus, page: { limit: number; offset: number }): Promise<LicenceRequest[]> {
  const rows = await requestQuery(db)
    .where('r.status', '=', status)
    .orderBy('r.id', status === 'pending' ? 'asc' : 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(toRequest);
}

/** How many requests are in `status`. */
export async function countLicenceRequests(db: Executor, status: LicenceRequestStatus): Promise<number> {
  const row = await db
    .selectFrom('licence_requests')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', '=', status)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** One request, or undefined. */
export async function findLicenceRequestById(db: Executor, id: number): Promise<LicenceRequest | undefined> {
  const row = await requestQuery(db).where('r.id', '=', id).executeTakeFirst();
  return row ? toRequest(row) : undefined;
}

/**
 * Records the decision on a pending request; answers false when it was no longer pending (another
 * editor decided first), so a decision is made once.
 */
export async function decideLicenceRequest(
  db: Executor,
  id: number,
  decision: { status: Exclude<LicenceRequestStatus, 'pending'>; note: string; decidedBy: number | null; at: string; partnerId: number | null },
): Promise<boolean> {
  const result = await db
    .updateTable('licence_requests')
    .set({ status: decision.status, decision_note: decision.note, decided_by: decision.decidedBy, decided_at: decision.at, partner_id: decision.partnerId })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
