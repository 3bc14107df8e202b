import { hasRole, type Actor } from '#src/domain/people/actor.ts';

/** What an actor may try to do with webhook endpoints and their deliveries. */
export type WebhookAction = 'list' | 'read' | 'create' | 'update' | 'delete' | 'redeliver';

/**
 * Whether `actor` may do `action`: admins and the system manage webhooks (an endpoint's secret and
 * every article event it receives are the install's business). Deny by default.
 */
export function can(actor: Actor, action: WebhookAction): boolean {
  switch (action) {
    case 'list':
    case 'read':
    case 'create':
    case 'update':
    case 'delete':
    case 'redeliver':
      return hasRole(actor, 'admin');
  }
}
