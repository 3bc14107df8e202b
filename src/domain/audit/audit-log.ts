import type { Executor } from '#src/db/database.ts';
import type { AuditAction } from '#src/db/schema.ts';
import type { Actor } from '#src/domain/people/actor.ts';
import { nowIso } from '#src/lib/clock.ts';

/** One thing that happened, for the audit log. Never put a password or a token in `details`. */
export type AuditInput = {
  /** Who did it; null for the system or an unknown person (a failed sign-in for an unknown email). */
  userId: number | null;
  /** What was done (one of AUDIT_ACTIONS). */
  action: AuditAction;
  /** What it was done to, e.g. 'user', 'article', 'section', 'settings'. */
  subjectType: string;
  /** The subject's id (numbers are stored as text); '' when there is none. */
  subjectId: string | number | null;
  /** Extra facts as a JSON-serialisable object. */
  details?: Record<string, unknown>;
};

/** What an actor did, as a service records it inside its transaction. */
export type ActorAuditEntry = Omit<AuditInput, 'userId'>;

/** An audit entry with the acting user's name, as the audit page lists it. */
export type AuditEntry = {
  id: number;
  userId: number | null;
  userName: string | null;
  userEmail: string | null;
  action: AuditAction;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
  createdAt: string;
};

/** Appends an entry to the audit log (inside the caller's transaction when given one). */
export async function recordAudit(db: Executor, entry: AuditInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      user_id: entry.userId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId === null ? '' : String(entry.subjectId),
      details: JSON.stringify(entry.details ?? {}),
      created_at: nowIso(),
    })
    .execute();
}

/** The details an entry adds about how the actor acted: the system says `by: 'system'`, an API key names itself. */
function actorDetails(actor: Actor): Record<string, unknown> {
  if (actor.kind === 'system') return { by: 'system' };
  // A key acts for its owner (user_id); the entry must still say it was the key, not a session.
  if (actor.kind === 'user' && actor.apiKeyId !== undefined) return { apiKeyId: actor.apiKeyId };
  return {};
}

/** Records what `actor` did, in the caller's transaction; the system has no user id, so its entries say `by: 'system'`; a key's say `apiKeyId`. */
export async function recordActorAudit(tx: Executor, actor: Actor, entry: ActorAuditEntry): Promise<void> {
  const extra = actorDetails(actor);
  await recordAudit(tx, {
    ...entry,
    userId: actor.kind === 'user' ? actor.id : null,
    details: Object.keys(extra).length ? { ...entry.details, ...extra } : entry.details,
  });
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A page of the audit log, newest first, with the total number of entries. `page` counts from 1. */
export async function listAuditEntries(
  db: Executor,
  options: { page: number; pageSize: number; action?: AuditAction },
): Promise<{ items: AuditEntry[]; total: number }> {
  let base = db.selectFrom('audit_log');
  if (options.action) base = base.where('audit_log.action', '=', options.action);
  const countRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select([
      'audit_log.id as id',
      'audit_log.user_id as user_id',
      'users.name as user_name',
      'users.email as user_email',
      'audit_log.action as action',
      'audit_log.subject_type as subject_type',
      'audit_log.subject_id as subject_id',
      'audit_log.details as details',
      'audit_log.created_at as created_at',
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(options.pageSize)
    .offset((Math.max(1, options.page) - 1) * options.pageSize)
    .execute();
  return {
    total: Number(countRow.n),
    items: rows.map((row) => ({
      id: row.id,
      userId: row.user_id,
      userName: row.user_name,
      userEmail: row.user_email,
      action: row.action,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      details: parseDetails(row.details),
      createdAt: row.created_at,
    })),
  };
}

/** The distinct actions recorded so far, alphabetically (for the audit page's filter). */
export async function listAuditActions(db: Executor): Promise<AuditAction[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  return rows.map((row) => row.action);
}
