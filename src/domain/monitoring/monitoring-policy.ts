import { hasRole, type Actor } from '#src/domain/people/actor.ts';

/** What an actor may try to do with the copy monitor. */
export type MonitoringAction = 'list-sources' | 'manage-sources' | 'list-findings' | 'update-finding' | 'poll';

/**
 * Whether `actor` may do `action`. The copy monitor is the rights desk's, which editors run (they
 * check pages and decide licences): editors and admins (and the system) manage the watch list,
 * review findings and move their status. The system polls. Deny by default.
 */
export function can(actor: Actor, action: MonitoringAction): boolean {
  switch (action) {
    case 'list-sources':
    case 'manage-sources':
    case 'list-findings':
    case 'update-finding':
      return hasRole(actor, 'editor');
    case 'poll':
      return actor.kind === 'system';
  }
}
