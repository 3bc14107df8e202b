import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '#src/db/schema.ts';
import { POLICY_SUBJECTS, actorFor, fromRole } from '../../../test/support/policy-table.ts';
import { can } from './user-policy.ts';

/** Each action and the lowest role allowed it; everyone below, and the anonymous, is refused. */
const LOWEST_ROLE: Record<Exclude<Parameters<typeof can>[1], 'set-interface-language'>, Role> = {
  list: 'admin',
  create: 'admin',
  'change-role': 'admin',
  disable: 'admin',
  enable: 'admin',
  'link-author': 'admin',
  invite: 'admin',
};

describe('user policy', () => {
  for (const [action, lowest] of Object.entries(LOWEST_ROLE) as Array<[keyof typeof LOWEST_ROLE, Role]>) {
    it(`lets ${lowest}s and above (and the system) ${action} accounts, and nobody else`, () => {
      const allowed = fromRole(lowest);
      for (const subject of POLICY_SUBJECTS) assert.equal(can(actorFor(subject), action), allowed.includes(subject), subject);
    });
  }

  it("lets every signed-in user choose their own newsroom language, and admins (and the system) anyone's", () => {
    for (const subject of POLICY_SUBJECTS) {
      const own = subject !== 'anonymous';
      assert.equal(can(actorFor(subject, 7), 'set-interface-language', 7), own, `${subject}, own account`);
      assert.equal(can(actorFor(subject, 7), 'set-interface-language', 8), fromRole('admin').includes(subject), `${subject}, another account`);
    }
  });
});
