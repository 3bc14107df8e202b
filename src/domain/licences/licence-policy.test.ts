import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { POLICY_SUBJECTS, actorFor, fromRole, type PolicySubject } from '../../../test/support/policy-table.ts';
import { can, type LicenceAction } from './licence-policy.ts';

/** Each action and who may do it: the lowest role (and everyone above it, and the system), or everyone. */
const ALLOWED: Record<Exclude<LicenceAction, 'syndicate'>, readonly PolicySubject[]> = {
  request: POLICY_SUBJECTS,
  listRequests: fromRole('editor'),
  decide: fromRole('editor'),
  listLicences: fromRole('editor'),
  revoke: fromRole('editor'),
  listPartners: fromRole('editor'),
  createPartner: fromRole('editor'),
  updatePartner: fromRole('editor'),
  linkApiKey: fromRole('admin'),
};

describe('licence policy', () => {
  for (const [action, allowed] of Object.entries(ALLOWED) as Array<[LicenceAction, readonly PolicySubject[]]>) {
    it(`lets ${allowed.join(', ')} ${action}, and nobody else`, () => {
      for (const subject of POLICY_SUBJECTS) assert.equal(can(actorFor(subject), action), allowed.includes(subject), subject);
    });
  }

  it('lets only a request made with an API key (of any role) read a syndication feed', () => {
    for (const subject of POLICY_SUBJECTS) assert.equal(can(actorFor(subject), 'syndicate'), false, subject);
    for (const subject of fromRole('contributor')) {
      const actor = actorFor(subject);
      if (actor.kind === 'user') assert.equal(can({ ...actor, apiKeyId: 3 }, 'syndicate'), true, `${subject} key`);
    }
  });
});
