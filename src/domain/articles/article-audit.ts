import type { Transaction } from 'kysely';
import type { AuditAction, Database } from '#src/db/schema.ts';
import { recordActorAudit } from '#src/domain/audit/audit-log.ts';
import type { Actor } from '#src/domain/people/actor.ts';

/** Records an article workflow step in the audit log, in the step's transaction (who, what, which). */
export async function recordArticleAudit(
  tx: Transaction<Database>,
  actor: Actor,
  action: AuditAction,
  articleId: number,
  details: Record<string, unknown> = {},
): Promise<void> {
  await recordActorAudit(tx, actor, { action, subjectType: 'article', subjectId: articleId, details });
}
