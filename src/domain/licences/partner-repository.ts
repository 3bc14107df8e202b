import type { Executor } from '#src/db/database.ts';

/** A partner as the newsroom and the API show it. */
export type Partner = {
  id: number;
  organisation: string;
  contactName: string;
  contactEmail: string;
  /** Host names it publishes under, sorted; each covers its subdomains. */
  domains: string[];
  /** The API key its syndication feed is read with (its public part only), or null. */
  apiKey: { id: number; name: string; prefix: string; revokedAt: string | null; expiresAt: string | null } | null;
  createdAt: string;
  updatedAt: string;
};

/** The columns of partners a write may change. */
export type PartnerChanges = { organisation?: string; contact_name?: string; contact_email?: string; api_key_id?: number | null; updated_at: string };

function partnerQuery(db: Executor) {
  return db
    .selectFrom('partners')
    .leftJoin('api_keys', 'api_keys.id', 'partners.api_key_id')
    .select([
      'partners.id as id',
      'partners.organisation as organisation',
      'partners.contact_name as contact_name',
      'partners.contact_email as contact_email',
      'partners.created_at as created_at',
      'partners.updated_at as updated_at',
      'api_keys.id as key_id',
      'api_keys.name as key_name',
      'api_keys.prefix as key_prefix',
      'api_keys.revoked_at as key_revoked_at',
      'api_keys.expires_at as key_expires_at',
    ]);
}

type PartnerRow = Awaited<ReturnType<ReturnType<typeof partnerQuery>['executeTakeFirstOrThrow']>>;

/** The partners of `rows` with their domains, in one more query. */
async function withDomains(db: Executor, rows: PartnerRow[]): Promise<Partner[]> {
  if (rows.length === 0) return [];
  const domainRows = await db
    .selectFrom('partner_domains')
    .select(['partner_id', 'domain'])
    .where(
      'partner_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('domain')
    .execute();
  const domains = new Map<number, string[]>();
  for (const row of domainRows) domains.set(row.partner_id, [...(domains.get(row.partner_id) ?? []), row.domain]);
  return rows.map((row) => ({
    id: row.id,
    organisation: row.organisation,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    domains: domains.get(row.id) ?? [],
    apiKey:
      row.key_id !== null
        ? { id: row.key_id, name: row.key_name ?? '', prefix: row.key_prefix ?? '', revokedAt: row.key_revoked_at, expiresAt: row.key_expires_at }
        : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

/** Every partner with its domains, by organisation name (an install has dozens, not thousands). */
export async function listPartners(db: Executor): Promise<Partner[]> {
  return withDomains(db, await partnerQuery(db).orderBy('partners.organisation').orderBy('partners.id').execute());
}

/** One partner with its domains, or undefined. */
export async function findPartnerById(db: Executor, id: number): Promise<Partner | undefined> {
  const row = await partnerQuery(db).where('partners.id', '=', id).executeTakeFirst();
  return row ? (await withDomains(db, [row]))[0] : undefined;
}

/** The partner whose feed `apiKeyId` reads, or undefined. */
export async function findPartnerByApiKey(db: Executor, apiKeyId: number): Promise<Partner | undefined> {
  const row = await partnerQuery(db).where('partners.api_key_id', '=', apiKeyId).executeTakeFirst();
  return row ? (await withDomains(db, [row]))[0] : undefined;
}

/** Which partner holds each of `domains` (those no partner holds are absent). */
export async function domainHolders(db: Executor, domains: readonly string[]): Promise<Map<string, number>> {
  if (domains.length === 0) return new Map();
  const rows = await db.selectFrom('partner_domains').select(['domain', 'partner_id']).where('domain', 'in', [...domains]).execute();
  return new Map(rows.map((row) => [row.domain, row.partner_id]));
}

/** The partner whose key `apiKeyId` already is, if any. */
export async function apiKeyHolder(db: Executor, apiKeyId: number): Promise<number | undefined> {
  const row = await db.selectFrom('partners').select('id').where('api_key_id', '=', apiKeyId).executeTakeFirst();
  return row?.id;
}

/** Stores a new partner and its domains; answers its id. */
export async function insertPartner(
  db: Executor,
  input: { organisation: string; contactName: string; contactEmail: string; domains: readonly string[]; apiKeyId: number | null; createdBy: number | null; now: string },
): Promise<number> {
  const row = await db
    .insertInto('partners')
    .values({
      organisation: input.organisation,
      contact_name: input.contactName,
      contact_email: input.contactEmail,
      api_key_id: input.apiKeyId,
      created_by: input.createdBy,
      created_at: input.now,
      updated_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replacePartnerDomains(db, row.id, input.domains);
  return row.id;
}

/** Changes a partner's own columns. */
export async function updatePartner(db: Executor, id: number, changes: PartnerChanges): Promise<void> {
  await db.updateTable('partners').set(changes).where('id', '=', id).execute();
}

/** Makes `domains` the partner's whole list of host names. */
export async function replacePartnerDomains(db: Executor, partnerId: number, domains: readonly string[]): Promise<void> {
  await db.deleteFrom('partner_domains').where('partner_id', '=', partnerId).execute();
  if (domains.length > 0) await db.insertInto('partner_domains').values(domains.map((domain) => ({ domain, partner_id: partnerId }))).execute();
}

/** The partners holding any of `domains` (a page host's candidates, licence-domains.ts). */
export async function partnersHoldingAny(db: Executor, domains: readonly string[]): Promise<number[]> {
  if (domains.length === 0) return [];
  const rows = await db.selectFrom('partner_domains').select('partner_id').distinct().where('domain', 'in', [...domains]).execute();
  return rows.map((row) => row.partner_id);
}
