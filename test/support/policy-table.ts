import type { Role } from '#src/db/schema.ts';
import { ANONYMOUS, asSystem, type Actor } from '#src/domain/people/actor.ts';

/** Who a policy table names: the anonymous, each role, and the system. */
export type PolicySubject = 'anonymous' | Role | 'system';

/** Every subject, in rising order of power (the columns of a policy test's table). */
export const POLICY_SUBJECTS: readonly PolicySubject[] = ['anonymous', 'contributor', 'author', 'editor', 'admin', 'system'];

/** An actor standing for `subject` in a policy test. */
export function actorFor(subject: PolicySubject, id = 1): Actor {
  if (subject === 'anonymous') return ANONYMOUS;
  if (subject === 'system') return asSystem();
  return { kind: 'user', id, role: subject, name: subject, email: `${subject}@example.test`, authorId: null };
}

/** The subjects from `lowest` up (a rule "editors and above"), for the allowed column of a table. */
export function fromRole(lowest: Role): PolicySubject[] {
  return POLICY_SUBJECTS.slice(POLICY_SUBJECTS.indexOf(lowest));
}
