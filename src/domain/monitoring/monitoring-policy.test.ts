import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { POLICY_SUBJECTS, actorFor, fromRole, type PolicySubject } from '../../../test/support/policy-table.ts';
import { can, type MonitoringAction } from './monitoring-policy.ts';

/** Each action and who may do it; everyone else is refused. */
const ALLOWED: Record<MonitoringAction, readonly PolicySubject[]> = {
  'list-sources': fromRole('editor'),
  'manage-sources': fromRole('editor'),
  'list-findings': fromRole('editor'),
  'update-finding': fromRole('editor'),
  poll: ['system'],
};

describe('monitoring policy', () => {
  for (const [action, allowed] of Object.entries(ALLOWED) as Array<[MonitoringAction, PolicySubject[]]>) {
    it(`lets ${allowed.join(', ')} ${action}, and nobody else`, () => {
      for (const subject of POLICY_SUBJECTS) assert.equal(can(actorFor(subject), action), allowed.includes(subject), subject);
    });
  }
});
