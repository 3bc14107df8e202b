import type { ApiKey } from './api-key-repository.ts';

/** Whether a key works now, or why not. */
export type ApiKeyStatus = 'active' | 'expired' | 'revoked' | 'owner-disabled';

/** The state of a key at `now` (ms since the epoch): revoked wins over expired, expired over a disabled owner. */
export function apiKeyStatus(key: Pick<ApiKey, 'expiresAt' | 'revokedAt'> & { owner: { isDisabled: boolean } }, now: number): ApiKeyStatus {
  if (key.revokedAt !== null) return 'revoked';
  if (key.expiresAt !== null && Date.parse(key.expiresAt) <= now) return 'expired';
  if (key.owner.isDisabled) return 'owner-disabled';
  return 'active';
}
