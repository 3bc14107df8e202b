import { hasRole, type Actor } from '#src/domain/people/actor.ts';

/** What an actor may try to do with the audit log (it is written only by services, never by hand). */
export type AuditLogAction = 'read';

/** Whether `actor` may do `action`: editors, admins and the system read the log. Deny by default. */
export function can(actor: Actor, action: AuditLogAction): boolean {
  switch (action) {
    case 'read':
      return hasRole(actor, 'editor');
  }
}
