import type { AppContext } from '#src/app-context.ts';
import type { Role } from '#src/db/schema.ts';
import type { ApiKey } from '#src/domain/api-keys/api-key-repository.ts';
import { createApiKeyService } from '#src/domain/api-keys/api-key-service.ts';
import { actorOf, createUserFixture, type UserFixture } from './auth.ts';

/** An API key made for a test: the key as its owner received it, and the admin who owns it. */
export type ApiKeyFixture = { key: ApiKey; token: string; owner: UserFixture };

/** The admin actor of a fixture user (as a session would make it). */
export function adminActorOf(owner: UserFixture) {
  return actorOf(owner);
}

/** Makes a key of `role` through the service, owned by a fresh admin (or by `owner`). */
export async function createApiKeyFixture(
  context: AppContext,
  options: { role: Role; name?: string; expiresAt?: string | null; owner?: UserFixture },
): Promise<ApiKeyFixture> {
  const owner = options.owner ?? (await createUserFixture(context, { role: 'admin' }));
  const { key, token } = await createApiKeyService(context).create(adminActorOf(owner), {
    name: options.name ?? `Test ${options.role} key`,
    role: options.role,
    expiresAt: options.expiresAt ?? null,
  });
  return { key, token, owner };
}

/** Headers that authenticate a JSON request with an API key alone (no cookie, no CSRF token). */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
