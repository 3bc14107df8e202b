import { hasRole, type Actor } from '#src/domain/people/actor.ts';

/** What an actor may try to do with the site settings. */
export type SettingsAction = 'read' | 'update';

/** Whether `actor` may do `action`: admins and the system read and change the settings. Deny by default. */
export function can(actor: Actor, action: SettingsAction): boolean {
  switch (action) {
    case 'read':
    case 'update':
      return hasRole(actor, 'admin');
  }
}
