import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import { commitAudited } from '#src/domain/audit/audited-change.ts';
import { assertAllowed, type Actor } from '#src/domain/people/actor.ts';
import { Invalid, NotFound } from '#src/lib/errors.ts';
import { can, type ApiKeyAction } from './api-key-policy.ts';
import { findApiKeyById, insertApiKey, listApiKeys, revokeApiKey, type ApiKey } from './api-key-repository.ts';
import { newApiKeySchema, type NewApiKeyInput } from './api-key-schema.ts';
import { newApiKeyToken } from './api-key-token.ts';

function assertCan(actor: Actor, action: ApiKeyAction): void {
  assertAllowed(actor, can(actor, action), 'manage API keys');
}

async function loadKey(db: Executor, id: number): Promise<ApiKey> {
  const key = await findApiKeyById(db, id);
  if (!key) throw new NotFound('The API key');
  return key;
}

/** API keys: every method takes the actor first and decides by api-key-policy.ts; each change is audited in its transaction. */
export function createApiKeyService(context: Pick<AppContext, 'database' | 'events'>) {
  const db = context.database.db;

  return {
    /** Every key, newest first, with its owner. */
    async list(actor: Actor): Promise<ApiKey[]> {
      assertCan(actor, 'list');
      return listApiKeys(db);
    },

    /**
     * Makes a key owned by the actor. Answers the key and, once only, its secret (`token`): only its
     * hash is stored, so it can never be shown again.
     */
    async create(actor: Actor, input: NewApiKeyInput, now = Date.now()): Promise<{ key: ApiKey; token: string }> {
      assertCan(actor, 'create');
      const parsed = newApiKeySchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new Invalid(String(issue.path[0] ?? 'name'), issue.message);
      }
      const data = parsed.data;
      // A key acts for a person and dies with their account; the system is nobody's account.
      if (actor.kind !== 'user') throw new Invalid('owner', 'An API key belongs to a signed-in admin; the system cannot own one.');
      const expiresAt = data.expiresAt === null ? null : new Date(data.expiresAt).toISOString();
      if (expiresAt !== null && Date.parse(expiresAt) <= now) throw new Invalid('expiresAt', 'The expiry must be in the future.');
      const { token, prefix, secretHash } = newApiKeyToken();
      const change = async (tx: Executor) => {
        const id = await insertApiKey(tx, { name: data.name, role: data.role, prefix, secretHash, createdBy: actor.id, createdAt: new Date(now).toISOString(), expiresAt });
        return loadKey(tx, id);
      };
      // The audit entry names the key by its public prefix; the secret never reaches the log.
      const key = await commitAudited(context, actor, change, (created) => ({
        action: 'api_key.created',
        subjectType: 'api_key',
        subjectId: created.id,
        details: { name: created.name, role: created.role, prefix: created.prefix, expiresAt: created.expiresAt },
      }));
      return { key, token };
    },

    /** Revokes a key: from the next request on, in every process, it answers 401. Revoking a revoked key changes nothing. */
    async revoke(actor: Actor, id: number, now = Date.now()): Promise<ApiKey> {
      assertCan(actor, 'revoke');
      let changed = false;
      const change = async (tx: Executor) => {
        await loadKey(tx, id);
        changed = await revokeApiKey(tx, id, new Date(now).toISOString());
        return loadKey(tx, id);
      };
      return commitAudited(context, actor, change, (key) =>
        changed ? { action: 'api_key.revoked', subjectType: 'api_key', subjectId: id, details: { name: key.name, prefix: key.prefix } } : null,
      );
    },
  };
}
