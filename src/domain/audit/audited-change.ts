import type { Transaction } from 'kysely';
import type { AppContext } from '#src/app-context.ts';
import type { Database } from '#src/db/schema.ts';
import type { Actor } from '#src/domain/people/actor.ts';
import type { DomainEvents } from '#src/lib/events.ts';
import { recordActorAudit, type ActorAuditEntry } from './audit-log.ts';

/** Events that carry no arguments (the ones a whole area announces: taxonomy, settings). */
type AreaEvent = { [K in keyof DomainEvents]: DomainEvents[K] extends [] ? K : never }[keyof DomainEvents];

/**
 * Runs `change` and the audit entry `audit` makes of its result in ONE transaction (a write is
 * never without its entry, nor an entry without its write), records `event` (or the one it names for the result) in it too (its CDN
 * purge commits with the change: the outbox, ADR 0052), then, after commit, announces it.
 * The caller has already asked its policy.
 */
export async function commitAudited<T>(
  context: Pick<AppContext, 'database' | 'events'>,
  actor: Actor,
  change: (tx: Transaction<Database>) => Promise<T>,
  audit: (result: T) => ActorAuditEntry | null,
  event?: AreaEvent | ((result: T) => AreaEvent | null),
): Promise<T> {
  const { value, events } = await context.database.db.transaction().execute(async (tx) => {
    const value = await change(tx);
    const entry = audit(value);
    if (entry) await recordActorAudit(tx, actor, entry);
    const name = typeof event === 'function' ? event(value) : event;
    return { value, events: name ? [await context.events.record(tx, name)] : [] };
  });
  context.events.announce(events);
  return value;
}
