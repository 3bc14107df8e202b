import { hasRole, type Actor } from '#src/domain/people/actor.ts';

/** What an actor may try to do with partners, licence requests and licences. */
export type LicenceAction =
  | 'request'
  | 'listRequests'
  | 'decide'
  | 'listLicences'
  | 'revoke'
  | 'listPartners'
  | 'createPartner'
  | 'updatePartner'
  | 'linkApiKey'
  | 'syndicate';

/**
 * Whether `actor` may do `action`. Deny by default.
 * - Anyone may ask for a licence (the public form is for people without an account).
 * - Editors and above (and the system) run the rights desk: the queue, decisions, licences, partners.
 * - Linking a partner to an API key is for admins, who alone manage keys.
 * - The syndication feed is read with an API key (a partner's, which the service checks); a
 *   session, the anonymous and the system have no partner to read it for.
 */
export function can(actor: Actor, action: LicenceAction): boolean {
  switch (action) {
    case 'request':
      return true;
    case 'listRequests':
    case 'decide':
    case 'listLicences':
    case 'revoke':
    case 'listPartners':
    case 'createPartner':
    case 'updatePartner':
      return hasRole(actor, 'editor');
    case 'linkApiKey':
      return hasRole(actor, 'admin');
    case 'syndicate':
      return actor.kind === 'user' && actor.apiKeyId !== undefined;
  }
}
