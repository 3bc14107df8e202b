import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '#src/db/schema.ts';
import { POLICY_SUBJECTS, actorFor, fromRole } from '../../../test/support/policy-table.ts';
import { can, type CurationAction } from './curation-policy.ts';

/** Each action and the lowest role allowed it; everyone below, and the anonymous, is refused. */
const LOWEST_ROLE: Record<CurationAction, Role> = { read: 'editor', save: 'editor', publish: 'editor' };

describe('Main Page curation policy', () => {
  for (const [action, lowest] of Object.entries(LOWEST_ROLE) as Array<[CurationAction, Role]>) {
    it(`lets ${lowest}s and above (and the system) ${action} layouts, and nobody else`, () => {
      const allowed = fromRole(lowest);
      for (const subject of POLICY_SUBJECTS) assert.equal(can(actorFor(subject), action), allowed.includes(subject), subject);
    });
  }
});
