import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import { findApiKeyById, listApiKeys, type ApiKey } from '#src/domain/api-keys/api-key-repository.ts';
import { commitAudited } from '#src/domain/audit/audited-change.ts';
import { assertAllowed, type Actor } from '#src/domain/people/actor.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Invalid, NotFound } from '#src/lib/errors.ts';
import { normalizeDomain } from './licence-domains.ts';
import { can, type LicenceAction } from './licence-policy.ts';
import { partnerInputSchema, partnerPatchSchema, type PartnerInput, type PartnerPatch } from './licence-schema.ts';
import {
  apiKeyHolder,
  domainHolders,
  findPartnerById,
  insertPartner,
  listPartners,
  replacePartnerDomains,
  updatePartner,
  type Partner,
  type PartnerChanges,
} from './partner-repository.ts';

function assertCan(actor: Actor, action: LicenceAction): void {
  assertAllowed(actor, can(actor, action), action === 'linkApiKey' ? 'link a partner to an API key (admins do)' : 'manage partners');
}

/** The first problem of a zod parse as Invalid naming its field. */
function invalidFrom(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Invalid {
  const issue = issues[0]!;
  return new Invalid(String(issue.path[0] ?? 'form'), issue.message);
}

/** Domains as typed → stored host names, without repeats; Invalid(field) naming the first that is not one. */
export function checkedDomains(typed: readonly string[], field = 'domains'): string[] {
  const domains: string[] = [];
  for (const text of typed) {
    const result = normalizeDomain(text);
    if ('problem' in result) {
      if (result.problem === 'empty') continue;
      const message =
        result.problem === 'address'
          ? `“${text}” is an address, not a domain name: give the name the site is published under, such as partner.kz.`
          : `“${text}” is not a domain name: give one such as partner.kz (a web address is fine too).`;
      throw new Invalid(field, message);
    }
    if (!domains.includes(result.domain)) domains.push(result.domain);
  }
  if (domains.length === 0) throw new Invalid(field, 'Give at least one domain, such as partner.kz.');
  return domains;
}

/** Refuses (Invalid) domains another partner holds: a host must name one partner, or the checker could not tell whose licence applies. */
async function assertDomainsFree(db: Executor, domains: readonly string[], partnerId?: number): Promise<void> {
  for (const [domain, holder] of await domainHolders(db, domains)) {
    if (holder === partnerId) continue;
    const other = await findPartnerById(db, holder);
    throw new Invalid('domains', `${domain} already belongs to ${other?.organisation ?? 'another partner'}.`);
  }
}

/** Refuses (Invalid) a key that does not exist, no longer works, or reads another partner's feed. */
async function assertKeyLinkable(db: Executor, apiKeyId: number, partnerId?: number): Promise<void> {
  const key = await findApiKeyById(db, apiKeyId);
  if (!key) throw new Invalid('apiKeyId', 'There is no API key with this id.');
  if (key.revokedAt !== null) throw new Invalid('apiKeyId', `The key “${key.name}” is revoked: make a new one for the partner.`);
  const holder = await apiKeyHolder(db, apiKeyId);
  if (holder !== undefined && holder !== partnerId) throw new Invalid('apiKeyId', `The key “${key.name}” already reads another partner’s feed.`);
}

/** Partners (organisations licensed to republish): every method takes the actor first and decides by licence-policy.ts; each change is audited in its transaction. */
export function createPartnerService(context: Pick<AppContext, 'database' | 'events'>) {
  const db = context.database.db;

  async function load(executor: Executor, id: number): Promise<Partner> {
    const partner = await findPartnerById(executor, id);
    if (!partner) throw new NotFound('The partner');
    return partner;
  }

  return {
    /** Every partner, by name. */
    async list(actor: Actor): Promise<Partner[]> {
      assertCan(actor, 'listPartners');
      return listPartners(db);
    },

    /** One partner. */
    async get(actor: Actor, id: number): Promise<Partner> {
      assertCan(actor, 'listPartners');
      return load(db, id);
    },

    /** The API keys the actor may link a partner to (revoked ones left out), or null when it may not link keys (only admins may). */
    async keyChoices(actor: Actor): Promise<ApiKey[] | null> {
      assertCan(actor, 'listPartners');
      if (!can(actor, 'linkApiKey')) return null;
      return (await listApiKeys(db)).filter((key) => key.revokedAt === null);
    },

    /** Adds a partner; its domains must be free, and only admins may give it an API key. */
    async create(actor: Actor, input: PartnerInput): Promise<Partner> {
      assertCan(actor, 'createPartner');
      const parsed = partnerInputSchema.safeParse(input);
      if (!parsed.success) throw invalidFrom(parsed.error.issues);
      const data = parsed.data;
      const apiKeyId = data.apiKeyId ?? null;
      if (apiKeyId !== null) assertCan(actor, 'linkApiKey');
      const domains = checkedDomains(data.domains);
      const change = async (tx: Executor) => {
        await assertDomainsFree(tx, domains);
        if (apiKeyId !== null) await assertKeyLinkable(tx, apiKeyId);
        const id = await insertPartner(tx, { ...data, domains, apiKeyId, createdBy: actor.kind === 'user' ? actor.id : null, now: nowIso() });
        return load(tx, id);
      };
      return commitAudited(context, actor, change, (partner) => ({
        action: 'partner.created',
        subjectType: 'partner',
        subjectId: partner.id,
        details: { organisation: partner.organisation, domains: partner.domains, apiKeyId: partner.apiKey?.id ?? null },
      }));
    },

    /** Changes a partner; changing its API key (or removing it) is for admins. */
    async update(actor: Actor, id: number, patch: PartnerPatch): Promise<Partner> {
      assertCan(actor, 'updatePartner');
      const parsed = partnerPatchSchema.safeParse(patch);
      if (!parsed.success) throw invalidFrom(parsed.error.issues);
      const data = parsed.data;
      const domains = data.domains === undefined ? undefined : checkedDomains(data.domains);
      const changed: string[] = [];
      const change = async (tx: Executor) => {
        const current = await load(tx, id);
        const changes: PartnerChanges = { updated_at: nowIso() };
        if (data.organisation !== undefined && data.organisation !== current.organisation) {
          changes.organisation = data.organisation;
          changed.push('organisation');
        }
        if (data.contactName !== undefined && data.contactName !== current.contactName) {
          changes.contact_name = data.contactName;
          changed.push('contactName');
        }
        if (data.contactEmail !== undefined && data.contactEmail !== current.contactEmail) {
          changes.contact_email = data.contactEmail;
          changed.push('contactEmail');
        }
        if (data.apiKeyId !== undefined && data.apiKeyId !== (current.apiKey?.id ?? null)) {
          assertCan(actor, 'linkApiKey');
          if (data.apiKeyId !== null) await assertKeyLinkable(tx, data.apiKeyId, id);
          changes.api_key_id = data.apiKeyId;
          changed.push('apiKeyId');
        }
        if (domains !== undefined && [...domains].sort().join() !== current.domains.join()) {
          await assertDomainsFree(tx, domains, id);
          await replacePartnerDomains(tx, id, domains);
          changed.push('domains');
        }
        if (changed.length === 0) return current;
        await updatePartner(tx, id, changes);
        return load(tx, id);
      };
      return commitAudited(context, actor, change, (partner) =>
        changed.length === 0
          ? null
          : { action: 'partner.updated', subjectType: 'partner', subjectId: id, details: { organisation: partner.organisation, changed, domains: partner.domains } },
      );
    },
  };
}

/** The partner service bound to one app context. */
export type PartnerService = ReturnType<typeof createPartnerService>;
