import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import type { LicenceRequestSource, LicenceRequestStatus } from '#src/db/schema.ts';
import { commitAudited } from '#src/domain/audit/audited-change.ts';
import { recordActorAudit } from '#src/domain/audit/audit-log.ts';
import { assertAllowed, type Actor } from '#src/domain/people/actor.ts';
import { findSectionById, listSections } from '#src/domain/sections/section-repository.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '#src/lib/errors.ts';
import { coveredArticles, coversArticle, sectionAncestry, type CoveredArticles } from './licence-coverage.ts';
import { can, type LicenceAction } from './licence-policy.ts';
import {
  findLicenceById,
  findPublishedArticleRef,
  insertLicence,
  listLicences,
  liveLicencesOf,
  revokeLicence,
  type ArticleRef,
  type Licence,
  type LicenceCover,
} from './licence-repository.ts';
import {
  countLicenceRequests,
  decideLicenceRequest,
  findLicenceRequestById,
  insertLicenceRequest,
  listLicenceRequests,
  type LicenceRequest,
} from './licence-request-repository.ts';
import { apiLicenceRequestSchema, approvalSchema, denialSchema, type ApiLicenceRequestInput, type ApprovalInput, type DenialInput } from './licence-schema.ts';
import { findPartnerByApiKey, findPartnerById, domainHolders, insertPartner, type Partner } from './partner-repository.ts';
import { checkedDomains } from './partner-service.ts';

/** Requests shown per page of the queue. */
export const REQUEST_PAGE_SIZE = 50;

const WHAT: Partial<Record<LicenceAction, string>> = {
  listRequests: 'see licence requests',
  decide: 'decide licence requests',
  listLicences: 'see licences',
  revoke: 'revoke licences',
  syndicate: 'read a syndication feed (it is read with a partner’s API key)',
};

function assertCan(actor: Actor, action: LicenceAction): void {
  assertAllowed(actor, can(actor, action), WHAT[action] ?? 'do that');
}

function userIdOf(actor: Actor): number | null {
  return actor.kind === 'user' ? actor.id : null;
}

/** The first problem of a zod parse as Invalid naming its field. */
function invalidFrom(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Invalid {
  const issue = issues[0]!;
  return new Invalid(String(issue.path[0] ?? 'form'), issue.message);
}

/** Where a request was made, and in which language its asker reads. */
export type RequestOrigin = { source: LicenceRequestSource; language?: string };

/** What a licensed partner may republish now: its live licences, the articles they cover together, and which licence covers an article. */
export type Syndication = {
  partner: Partner;
  licences: LicenceCover[];
  /** Null: no licence is in force, so nothing may be republished. */
  covered: CoveredArticles | null;
  /** The licence that covers an article filed in `sectionId` (the one expiring last, when several do), or undefined. */
  licenceFor(article: { id: number; sectionId: number }): LicenceCover | undefined;
};

/**
 * Licence requests and licences: every method takes the actor first and decides by
 * licence-policy.ts; each change is audited in its transaction. Anyone may ask; editors decide,
 * and an approval becomes a licence for a partner (found by the request's domain, or made from the
 * request). A partner reads what it may republish with its API key.
 */
export function createLicenceService(context: Pick<AppContext, 'database' | 'events'>) {
  const db = context.database.db;

  async function loadRequest(executor: Executor, id: number): Promise<LicenceRequest> {
    const request = await findLicenceRequestById(executor, id);
    if (!request) throw new NotFound('The licence request');
    return request;
  }

  async function loadLicence(executor: Executor, id: number): Promise<Licence> {
    const licence = await findLicenceById(executor, id);
    if (!licence) throw new NotFound('The licence');
    return licence;
  }

  /** The partner an actor's API key reads for, if it is one. */
  async function partnerOfActor(actor: Actor): Promise<Partner | undefined> {
    return actor.kind === 'user' && actor.apiKeyId !== undefined ? findPartnerByApiKey(db, actor.apiKeyId) : undefined;
  }

  /** A pending request, or Conflict when another editor decided it first. */
  async function pendingRequest(executor: Executor, id: number): Promise<LicenceRequest> {
    const request = await loadRequest(executor, id);
    if (request.status !== 'pending') throw new Conflict(`This request was already ${request.status}${request.decidedBy ? ` by ${request.decidedBy.name}` : ''}.`, request);
    return request;
  }

  return {
    /** The article a request would name, if readers may see it now (the public form's subject); NotFound otherwise. */
    async articleToRequest(actor: Actor, articleId: number): Promise<ArticleRef> {
      assertCan(actor, 'request');
      const article = await findPublishedArticleRef(db, articleId, nowIso());
      if (!article) throw new NotFound('The article');
      return article;
    },

    /**
     * Files a request to republish a published article in full. A partner's own API key may leave
     * out who is asking (its partner's details are used); everyone else gives organisation,
     * contact and domain. A request for an article readers cannot see is refused (Invalid articleId).
     */
    async request(actor: Actor, input: ApiLicenceRequestInput, origin: RequestOrigin): Promise<LicenceRequest> {
      assertCan(actor, 'request');
      const parsed = apiLicenceRequestSchema.safeParse(input);
      if (!parsed.success) throw invalidFrom(parsed.error.issues);
      const data = parsed.data;
      const partner = await partnerOfActor(actor);
      const organisation = data.organisation ?? partner?.organisation;
      const contactName = data.contactName ?? partner?.contactName;
      const contactEmail = data.contactEmail ?? partner?.contactEmail;
      const typedDomain = data.domain ?? partner?.domains[0];
      if (organisation === undefined) throw new Invalid('organisation', 'Give the organisation’s name.');
      if (contactName === undefined) throw new Invalid('contactName', 'Give the name of a person to contact.');
      if (contactEmail === undefined) throw new Invalid('contactEmail', 'Give an email address to answer to.');
      if (typedDomain === undefined) throw new Invalid('domain', 'Give the website’s domain, such as partner.kz.');
      const [domain] = checkedDomains([typedDomain], 'domain');
      const now = nowIso();
      const article: ArticleRef | undefined = await findPublishedArticleRef(db, data.articleId, now);
      if (!article) throw new Invalid('articleId', 'No published article has this id.');
      const change = async (tx: Executor) => {
        const id = await insertLicenceRequest(tx, {
          articleId: article.id,
          partnerId: partner?.id ?? null,
          organisation,
          contactName,
          contactEmail,
          domain: domain!,
          message: data.message,
          source: origin.source,
          language: origin.language ?? article.language,
          now,
        });
        return loadRequest(tx, id);
      };
      return commitAudited(context, actor, change, (request) => ({
        action: 'licence.requested',
        subjectType: 'licence_request',
        subjectId: request.id,
        details: { articleId: article.id, organisation: request.organisation, domain: request.domain, source: request.source },
      }));
    },

    /** A page of the requests in `status` (pending: oldest first), with how many there are. `page` counts from 1. */
    async listRequests(actor: Actor, status: LicenceRequestStatus = 'pending', page = 1): Promise<{ items: LicenceRequest[]; total: number; page: number; pageSize: number }> {
      assertCan(actor, 'listRequests');
      const [items, total] = await Promise.all([
        listLicenceRequests(db, status, { limit: REQUEST_PAGE_SIZE, offset: (page - 1) * REQUEST_PAGE_SIZE }),
        countLicenceRequests(db, status),
      ]);
      return { items, total, page, pageSize: REQUEST_PAGE_SIZE };
    },

    /** One request. */
    async getRequest(actor: Actor, id: number): Promise<LicenceRequest> {
      assertCan(actor, 'listRequests');
      return loadRequest(db, id);
    },

    /**
     * The partner an approval of request `id` would license: the one it came from, else the one
     * holding its domain, else null (approving makes one from the request).
     */
    async partnerFor(actor: Actor, id: number): Promise<Partner | null> {
      assertCan(actor, 'listRequests');
      const request = await loadRequest(db, id);
      if (request.partner) return (await findPartnerById(db, request.partner.id)) ?? null;
      const holder = (await domainHolders(db, [request.domain])).get(request.domain);
      return holder !== undefined ? ((await findPartnerById(db, holder)) ?? null) : null;
    },

    /**
     * Approves a pending request: a licence for its partner (found by its domain, or made from the
     * request, which is audited as partner.created too) over the scope chosen, from now until
     * `expiresAt`. A request already decided is a Conflict.
     */
    async approve(actor: Actor, id: number, input: ApprovalInput, now = nowIso()): Promise<{ request: LicenceRequest; licence: Licence }> {
      assertCan(actor, 'decide');
      const parsed = approvalSchema.safeParse(input);
      if (!parsed.success) throw invalidFrom(parsed.error.issues);
      const data = parsed.data;
      const expiresAt = new Date(data.expiresAt).toISOString();
      if (expiresAt <= now) throw new Invalid('expiresAt', 'The expiry must be in the future.');
      return db.transaction().execute(async (tx) => {
        const request = await pendingRequest(tx, id);
        let sectionId: number | null = null;
        if (data.scope === 'section') {
          sectionId = data.sectionId ?? request.article.sectionId;
          if (!(await findSectionById(tx, sectionId))) throw new Invalid('sectionId', 'There is no section with this id.');
        }
        let partnerId = request.partner?.id ?? (await domainHolders(tx, [request.domain])).get(request.domain);
        if (partnerId === undefined) {
          partnerId = await insertPartner(tx, {
            organisation: request.organisation,
            contactName: request.contactName,
            contactEmail: request.contactEmail,
            domains: [request.domain],
            apiKeyId: null,
            createdBy: userIdOf(actor),
            now,
          });
          await recordActorAudit(tx, actor, {
            action: 'partner.created',
            subjectType: 'partner',
            subjectId: partnerId,
            details: { organisation: request.organisation, domains: [request.domain], fromRequest: id },
          });
        }
        const licenceId = await insertLicence(tx, {
          partnerId,
          requestId: id,
          scope: data.scope,
          articleId: data.scope === 'article' ? request.article.id : null,
          sectionId,
          note: data.note,
          startsAt: now,
          expiresAt,
          createdBy: userIdOf(actor),
        });
        if (!(await decideLicenceRequest(tx, id, { status: 'approved', note: data.note, decidedBy: userIdOf(actor), at: now, partnerId }))) {
          throw new Conflict('This request was decided by someone else meanwhile.');
        }
        await recordActorAudit(tx, actor, {
          action: 'licence.approved',
          subjectType: 'licence_request',
          subjectId: id,
          details: { licenceId, partnerId, scope: data.scope, articleId: request.article.id, sectionId, expiresAt },
        });
        return { request: await loadRequest(tx, id), licence: await loadLicence(tx, licenceId) };
      });
    },

    /** Refuses a pending request with a reason. A request already decided is a Conflict. */
    async deny(actor: Actor, id: number, input: DenialInput): Promise<LicenceRequest> {
      assertCan(actor, 'decide');
      const parsed = denialSchema.safeParse(input);
      if (!parsed.success) throw invalidFrom(parsed.error.issues);
      const { note } = parsed.data;
      const change = async (tx: Executor) => {
        const request = await pendingRequest(tx, id);
        if (!(await decideLicenceRequest(tx, id, { status: 'denied', note, decidedBy: userIdOf(actor), at: nowIso(), partnerId: request.partner?.id ?? null }))) {
          throw new Conflict('This request was decided by someone else meanwhile.');
        }
        return loadRequest(tx, id);
      };
      return commitAudited(context, actor, change, (request) => ({
        action: 'licence.denied',
        subjectType: 'licence_request',
        subjectId: id,
        details: { articleId: request.article.id, organisation: request.organisation, note },
      }));
    },

    /** Every licence (of one partner, when given), newest first. */
    async listLicences(actor: Actor, partnerId?: number): Promise<Licence[]> {
      assertCan(actor, 'listLicences');
      return listLicences(db, partnerId);
    },

    /** One licence. */
    async getLicence(actor: Actor, id: number): Promise<Licence> {
      assertCan(actor, 'listLicences');
      return loadLicence(db, id);
    },

    /** Ends a licence now: from this moment the checker no longer answers `licensed` for it and the partner's feed drops what only it covered. */
    async revoke(actor: Actor, id: number, now = nowIso()): Promise<Licence> {
      assertCan(actor, 'revoke');
      let changed = false;
      const change = async (tx: Executor) => {
        await loadLicence(tx, id);
        changed = await revokeLicence(tx, id, now);
        return loadLicence(tx, id);
      };
      return commitAudited(context, actor, change, (licence) =>
        changed ? { action: 'licence.revoked', subjectType: 'licence', subjectId: id, details: { partnerId: licence.partner.id, scope: licence.scope } } : null,
      );
    },

    /**
     * What the partner whose API key is asking may republish at `now`: its live licences and the
     * articles they cover (null: none). A key that reads no partner's feed is Forbidden.
     */
    async syndication(actor: Actor, now = nowIso()): Promise<Syndication> {
      assertCan(actor, 'syndicate');
      const partner = await partnerOfActor(actor);
      if (!partner) throw new Forbidden('This API key reads no partner’s syndication feed: ask the editors to link it to your partner account.');
      const licences = await liveLicencesOf(db, [partner.id], now);
      const sections = licences.some((l) => l.scope === 'section') ? await listSections(db) : [];
      // The longest-lasting licence names an article's terms: it is the one the partner can rely on.
      const byExpiry = [...licences].sort((a, b) => (a.expiresAt < b.expiresAt ? 1 : a.expiresAt > b.expiresAt ? -1 : a.id - b.id));
      return {
        partner,
        licences,
        covered: licences.length === 0 ? null : coveredArticles(licences, sections),
        licenceFor: (article) => byExpiry.find((l) => coversArticle(l, { id: article.id, ancestry: sectionAncestry(sections, article.sectionId) })),
      };
    },
  };
}

/** The licence service bound to one app context. */
export type LicenceService = ReturnType<typeof createLicenceService>;
