import type { AppContext } from '#src/app-context.ts';
import type { Role } from '#src/db/schema.ts';
import { ROLES, type Actor } from '#src/domain/people/actor.ts';
import { secretsMatch } from '#src/domain/people/secret-tokens.ts';
import { Unauthenticated } from '#src/lib/errors.ts';
import { findApiKeyCredential, touchApiKeyLastUsed } from './api-key-repository.ts';
import { apiKeyStatus } from './api-key-status.ts';
import { apiKeyHash, apiKeyPrefixOf } from './api-key-token.ts';

// Recording every use would write on every API request; once a minute per key says "in use" well enough.
const LAST_USED_EVERY_MS = 60 * 1000;

/** A signed-in actor made from an API key. */
export type ApiKeyActor = Extract<Actor, { kind: 'user' }> & { apiKeyId: number };

/** The lower of two roles: a key never acts with more than its owner holds now. */
function lowerRole(a: Role, b: Role): Role {
  return ROLES[Math.min(ROLES.indexOf(a), ROLES.indexOf(b))]!;
}

/** An instant as people read it in a message: "2026-12-01 14:32 UTC". */
function minuteText(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The actor a presented API key stands for, or Unauthenticated (401) saying what is wrong with it:
 * malformed, unknown, revoked, expired, or its owner's account disabled. The row is read on every
 * call (no cache), so a revocation takes effect at the next request in every process. A key acts for
 * its owner with the key's role, capped at the owner's current role. Records the use at most once a
 * minute per key.
 */
export async function authenticateApiKey(context: Pick<AppContext, 'database'>, token: string, now = Date.now()): Promise<ApiKeyActor> {
  const db = context.database.db;
  const prefix = apiKeyPrefixOf(token);
  if (!prefix) throw new Unauthenticated('That is not an API key: keys look like qk_<prefix>_<secret>, as the newsroom showed it when it was made.');
  const key = await findApiKeyCredential(db, prefix);
  // The same answer for an unknown prefix and a wrong secret: a prefix alone (shown in lists) reveals nothing.
  if (!key || !secretsMatch(key.secretHash, apiKeyHash(token))) {
    throw new Unauthenticated('This API key is not known: check that it was copied whole.');
  }
  const status = apiKeyStatus({ ...key, owner: { isDisabled: key.owner.disabledAt !== null } }, now);
  if (status === 'revoked') throw new Unauthenticated(`This API key was revoked on ${minuteText(key.revokedAt!)}; ask an admin for a new one.`);
  if (status === 'expired') throw new Unauthenticated(`This API key expired on ${minuteText(key.expiresAt!)}; ask an admin for a new one.`);
  if (status === 'owner-disabled') throw new Unauthenticated('The account that made this API key is disabled, so the key no longer works; ask an admin for a new one.');
  if (key.lastUsedAt === null || now - Date.parse(key.lastUsedAt) >= LAST_USED_EVERY_MS) {
    await touchApiKeyLastUsed(db, key.id, new Date(now).toISOString(), new Date(now - LAST_USED_EVERY_MS).toISOString());
  }
  return {
    kind: 'user',
    id: key.owner.id,
    role: lowerRole(key.role, key.owner.role),
    name: `${key.name} (API key of ${key.owner.name})`,
    email: key.owner.email,
    authorId: key.owner.authorId,
    apiKeyId: key.id,
  };
}
