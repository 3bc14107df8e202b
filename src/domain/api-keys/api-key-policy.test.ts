import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '#src/db/schema.ts';
import { POLICY_SUBJECTS, actorFor, fromRole } from '../../../test/support/policy-table.ts';
import { can, type ApiKeyAction } from './api-key-policy.ts';

/** Each action and the lowest role allowed it; everyone below, and the anonymous, is refused. */
const LOWEST_ROLE: Record<ApiKeyAction, Role> = { list: 'admin', create: 'admin', revoke: 'admin' };

describe('API key policy', () => {
  for (const [action, lowest] of Object.entries(LOWEST_ROLE) as Array<[ApiKeyAction, Role]>) {
    it(`lets ${lowest}s and above (and the system) ${action} API keys, and nobody else`, () => {
      const allowed = fromRole(lowest);
      for (const subject of POLICY_SUBJECTS) assert.equal(can(actorFor(subject), action), allowed.includes(subject), subject);
    });

    it(`refuses to ${action} API keys to a request made with an API key, even an admin's`, () => {
      const admin = actorFor('admin');
      assert.equal(can({ ...admin, apiKeyId: 7 } as typeof admin, action), false);
    });
  }
});
