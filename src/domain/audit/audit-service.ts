import type { AppContext } from '#src/app-context.ts';
import { assertAllowed, type Actor } from '#src/domain/people/actor.ts';
import { can } from './audit-policy.ts';
import type { AuditAction } from '#src/db/schema.ts';
import { listAuditActions, listAuditEntries, type AuditEntry } from './audit-log.ts';

/** Entries per page of the audit log. */
const AUDIT_PAGE_SIZE = 50;

/** One page of the log as the audit page shows it. */
export type AuditLogPage = {
  items: AuditEntry[];
  total: number;
  page: number;
  pages: number;
  /** The action filtered by, when it is one that has been recorded. */
  action: AuditAction | undefined;
  /** Every action recorded so far, for the filter. */
  actions: AuditAction[];
};

/** Reading the audit log: every method takes the actor first and decides by audit-policy.ts. */
export function createAuditService(context: Pick<AppContext, 'database'>) {
  const db = context.database.db;
  return {
    /** A page of entries, newest first; an action never recorded filters nothing. */
    async list(actor: Actor, query: { page: number; action?: string }): Promise<AuditLogPage> {
      assertAllowed(actor, can(actor, 'read'), 'read the audit log');
      const actions = await listAuditActions(db);
      const action = actions.find((recorded) => recorded === query.action);
      const { items, total } = await listAuditEntries(db, { page: query.page, pageSize: AUDIT_PAGE_SIZE, action });
      return { items, total, page: query.page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)), action, actions };
    },
  };
}
