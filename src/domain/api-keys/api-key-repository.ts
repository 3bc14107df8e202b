import type { Executor } from '#src/db/database.ts';
import type { Role } from '#src/db/schema.ts';

/** An API key as lists show it (never its secret or hash). */
export type ApiKey = {
  id: number;
  name: string;
  role: Role;
  /** The public part of the key (`qk_<prefix>_…`). */
  prefix: string;
  /** The admin who made it: the key acts on their behalf. */
  owner: { id: number; name: string; isDisabled: boolean };
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** What authentication needs of a key: its hash to compare, its state, and its owner as they are now. */
export type ApiKeyCredential = {
  id: number;
  name: string;
  role: Role;
  secretHash: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  owner: { id: number; name: string; email: string; role: Role; authorId: number | null; disabledAt: string | null };
};

const LIST_COLUMNS = [
  'api_keys.id as id',
  'api_keys.name as name',
  'api_keys.role as role',
  'api_keys.prefix as prefix',
  'api_keys.created_at as created_at',
  'api_keys.expires_at as expires_at',
  'api_keys.last_used_at as last_used_at',
  'api_keys.revoked_at as revoked_at',
  'users.id as owner_id',
  'users.name as owner_name',
  'users.disabled_at as owner_disabled_at',
] as const;

type ListRow = {
  id: number;
  name: string;
  role: Role;
  prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  owner_id: number;
  owner_name: string;
  owner_disabled_at: string | null;
};

function toApiKey(row: ListRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    owner: { id: row.owner_id, name: row.owner_name, isDisabled: row.owner_disabled_at !== null },
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Stores a new key (its hash only); returns the new id. */
export async function insertApiKey(
  db: Executor,
  input: { name: string; role: Role; prefix: string; secretHash: string; createdBy: number; createdAt: string; expiresAt: string | null },
): Promise<number> {
  const row = await db
    .insertInto('api_keys')
    .values({
      name: input.name,
      role: input.role,
      prefix: input.prefix,
      secret_hash: input.secretHash,
      created_by: input.createdBy,
      created_at: input.createdAt,
      expires_at: input.expiresAt,
      last_used_at: null,
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Every key with its owner, newest first (an install has a handful, not thousands). */
export async function listApiKeys(db: Executor): Promise<ApiKey[]> {
  const rows = await db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.created_by')
    .select(LIST_COLUMNS)
    .orderBy('api_keys.id', 'desc')
    .execute();
  return rows.map(toApiKey);
}

/** One key with its owner, or undefined. */
export async function findApiKeyById(db: Executor, id: number): Promise<ApiKey | undefined> {
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.created_by')
    .select(LIST_COLUMNS)
    .where('api_keys.id', '=', id)
    .executeTakeFirst();
  return row ? toApiKey(row) : undefined;
}

/** Marks a key revoked at `at` (ISO UTC); a key already revoked keeps its first date. Answers whether it changed. */
export async function revokeApiKey(db: Executor, id: number, at: string): Promise<boolean> {
  const result = await db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The key with this public prefix and its owner, in one indexed read (every API request makes it). */
export async function findApiKeyCredential(db: Executor, prefix: string): Promise<ApiKeyCredential | undefined> {
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.created_by')
    .select([
      'api_keys.id as id',
      'api_keys.name as name',
      'api_keys.role as role',
      'api_keys.secret_hash as secret_hash',
      'api_keys.expires_at as expires_at',
      'api_keys.last_used_at as last_used_at',
      'api_keys.revoked_at as revoked_at',
      'users.id as owner_id',
      'users.name as owner_name',
      'users.email as owner_email',
      'users.role as owner_role',
      'users.author_id as owner_author_id',
      'users.disabled_at as owner_disabled_at',
    ])
    .where('api_keys.prefix', '=', prefix)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    secretHash: row.secret_hash,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    owner: {
      id: row.owner_id,
      name: row.owner_name,
      email: row.owner_email,
      role: row.owner_role,
      authorId: row.owner_author_id,
      disabledAt: row.owner_disabled_at,
    },
  };
}

/**
 * Records a use at `now` unless one at or after `notBefore` is already recorded: the condition in
 * the statement keeps it to one write per interval even when several processes race.
 */
export async function touchApiKeyLastUsed(db: Executor, id: number, now: string, notBefore: string): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', notBefore)]))
    .execute();
}
