import type { Transaction } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import { recordAudit } from '#src/domain/audit/audit-log.ts';
import type { Actor } from '#src/domain/people/actor.ts';

/** Records an article workflow step in the audit log, in the step's transaction (who, what, which). */
export async function recordArticleAudit(
  tx: Transaction<Database>,
  actor: Actor,
  action: string,
  articleId: number,
  details: Record<string, unknown> = {},
): Promise<void> {
  await recordAudit(tx, {
    userId: actor.kind === 'user' ? actor.id : null,
    action,
    subjectType: 'article',
    subjectId: articleId,
    // The system (scheduler, CLI) has no user id; say so rather than leave an anonymous entry.
    details: actor.kind === 'system' ? { ...details, by: 'system' } : details,
  });
}
