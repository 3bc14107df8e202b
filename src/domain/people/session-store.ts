import type { Db } from '#src/db/database.ts';
import type { Role } from '#src/db/schema.ts';
import { nowIso } from '#src/lib/clock.ts';
import { hashToken, newSecretToken } from './secret-tokens.ts';

/** How long a session lives without use, in milliseconds (sliding: each use extends it). */
export const SESSION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;
/** How long a session lives at most from sign-in, however often it is used: a stolen cookie does not live forever. */
const SESSION_ABSOLUTE_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
// Extending on every request would write on every request; once per 10 minutes is plenty.
const EXTEND_AFTER_MS = 10 * 60 * 1000;

/** A signed-in session found by its cookie token. */
export type ActiveSession = {
  /** SHA-256 of the cookie token (the row's key). */
  id: string;
  csrfToken: string;
  expiresAt: string;
  /** Whether expiry moved forward on this lookup (the cookie must be re-sent with the new Max-Age). */
  wasExtended: boolean;
  user: { id: number; email: string; name: string; role: Role; authorId: number | null; mustChangePassword: boolean; interfaceLanguage: string | null };
};

/** The idle expiry from `now`, never past the absolute end counted from sign-in. */
function expiryFrom(now: number, createdAt: number): string {
  return new Date(Math.min(now + SESSION_LIFETIME_MS, createdAt + SESSION_ABSOLUTE_LIFETIME_MS)).toISOString();
}

/** Opens a session for a user; returns the cookie token (stored only as its hash) and the CSRF token. */
export async function createSession(
  db: Db,
  userId: number,
  client: { ip: string; userAgent: string },
): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
  const token = newSecretToken();
  const csrfToken = newSecretToken();
  const now = Date.now();
  const expiresAt = expiryFrom(now, now);
  // Housekeeping on the way in: this user's dead sessions go (they are already ignored).
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', new Date(now).toISOString()).execute();
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      ip: client.ip.slice(0, 64),
      user_agent: client.userAgent.slice(0, 300),
      created_at: new Date(now).toISOString(),
      expires_at: expiresAt,
      last_seen_at: new Date(now).toISOString(),
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** The live session a cookie token names (not idle too long, not older than the absolute lifetime, user not disabled), extending its expiry when due. */
export async function findActiveSession(db: Db, token: string): Promise<ActiveSession | undefined> {
  const id = hashToken(token);
  const now = Date.now();
  const nowText = new Date(now).toISOString();
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as id',
      'sessions.csrf_token as csrf_token',
      'sessions.expires_at as expires_at',
      'sessions.last_seen_at as last_seen_at',
      'sessions.created_at as created_at',
      'users.id as user_id',
      'users.email as email',
      'users.name as name',
      'users.role as role',
      'users.author_id as author_id',
      'users.must_change_password as must_change_password',
      'users.interface_language as interface_language',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', nowText)
    .where('sessions.created_at', '>', new Date(now - SESSION_ABSOLUTE_LIFETIME_MS).toISOString())
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  let expiresAt = row.expires_at;
  const wasExtended = now - new Date(row.last_seen_at).getTime() > EXTEND_AFTER_MS;
  if (wasExtended) {
    expiresAt = expiryFrom(now, new Date(row.created_at).getTime());
    await db.updateTable('sessions').set({ last_seen_at: nowText, expires_at: expiresAt }).where('id', '=', id).execute();
  }
  return {
    id: row.id,
    csrfToken: row.csrf_token,
    expiresAt,
    wasExtended,
    user: {
      id: row.user_id,
      email: row.email,
      name: row.name,
      role: row.role,
      authorId: row.author_id,
      mustChangePassword: Number(row.must_change_password) === 1,
      interfaceLanguage: row.interface_language,
    },
  };
}

/** Ends one session (sign out). `sessionId` is the stored hash. */
export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a user (disabled, password reset), optionally keeping one. */
export async function deleteUserSessions(db: Db, userId: number, exceptSessionId?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
  await query.execute();
}

/** Removes expired sessions (housekeeping; expired ones are already ignored). */
export async function deleteExpiredSessions(db: Db): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', nowIso()).execute();
}
