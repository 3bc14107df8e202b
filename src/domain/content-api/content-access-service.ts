import type { AppContext } from '#src/app-context.ts';
import { CONTENT_API_ACCESS, type ContentApiAccess } from '#src/db/schema.ts';
import type { Executor } from '#src/db/database.ts';
import { commitAudited } from '#src/domain/audit/audited-change.ts';
import { readMemoFor } from '#src/lib/read-memo.ts';
import { assertAllowed, type Actor } from '#src/domain/people/actor.ts';
import { Invalid } from '#src/lib/errors.ts';
import { loadContentApiAccess, saveContentApiAccess } from './content-access-repository.ts';
import { can } from './content-api-policy.ts';

/** Whether the Content API is open or needs a key: read by every Content API request, changed by admins. */
export function createContentAccessService(context: Pick<AppContext, 'database' | 'events'>) {
  const db = context.database.db;
  const memo = readMemoFor(context.events);
  return {
    /**
     * Who may read the Content API now: a public fact (the API says it to anyone it refuses), so no
     * policy check. Kept in the process's read memo (read-memo.ts), which `settings.updated` drops:
     * `set` emits it, and the event relay carries it to every other process (ADR 0063).
     */
    current(): Promise<ContentApiAccess> {
      return memo.read('content-api-access', () => loadContentApiAccess(db));
    },

    /** Opens the Content API to everyone, or requires an API key (any role); audited as a settings change. */
    async set(actor: Actor, access: ContentApiAccess): Promise<void> {
      assertAllowed(actor, can(actor, 'configure-access'), 'change who may read the Content API');
      if (!CONTENT_API_ACCESS.includes(access)) throw new Invalid('contentApiAccess', `Choose one of: ${CONTENT_API_ACCESS.join(', ')}.`);
      let from: ContentApiAccess | undefined;
      const change = async (tx: Executor) => {
        from = await loadContentApiAccess(tx);
        if (from !== access) await saveContentApiAccess(tx, access);
      };
      await commitAudited(
        context,
        actor,
        change,
        () => (from === access ? null : { action: 'settings.updated', subjectType: 'settings', subjectId: 1, details: { changed: ['contentApiAccess'], from, to: access } }),
        // Every process's memo of `current` is dropped by it, here and through the relay.
        () => (from === access ? null : 'settings.updated'),
      );
    },
  };
}
