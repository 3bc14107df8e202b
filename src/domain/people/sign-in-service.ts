import type { AppContext } from '#src/app-context.ts';
import { recordAudit } from '#src/domain/audit/audit-log.ts';
import { Invalid, Unauthenticated } from '#src/lib/errors.ts';
import { assertLoginAllowed, clearAccountFailures, recordLoginFailure } from './login-throttle.ts';
import { weakPasswordReason } from './password-policy.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, hashPassword, verifyAgainstNothing, verifyPassword } from './password-hashing.ts';
import { createSession, deleteSession, deleteUserSessions } from './session-store.ts';
import { findCredentialsByEmail, findPasswordHash, setUserPassword, type User } from './user-repository.ts';

/** The one message for a wrong email, a wrong password or a disabled account: it reveals nothing. */
export const SIGN_IN_FAILED = 'The email or password is incorrect.';

/** Where a sign-in attempt comes from (recorded on the session; the address is rate-limited). */
export type ClientInfo = { ip: string; userAgent: string };

/**
 * Checks an email and password and opens a session. Throws TooManyRequests when the account or the
 * address failed too often, Unauthenticated(SIGN_IN_FAILED) on any mismatch. Every attempt is audited.
 */
export async function signIn(
  context: AppContext,
  input: { email: string; password: string },
  client: ClientInfo,
): Promise<{ user: User; token: string; csrfToken: string }> {
  const db = context.database.db;
  await assertLoginAllowed(db, input.email, client.ip);
  const found = input.password.length <= MAX_PASSWORD_LENGTH ? await findCredentialsByEmail(db, input.email) : undefined;
  const matches =
    found && !found.user.disabledAt ? await verifyPassword(found.passwordHash, input.password) : await verifyAgainstNothing(input.password);
  if (!found || !matches) {
    await recordLoginFailure(db, input.email, client.ip);
    await recordAudit(db, {
      userId: found?.user.id ?? null,
      action: 'login.failed',
      subjectType: 'user',
      subjectId: found?.user.id ?? null,
      details: { email: input.email.trim().toLowerCase().slice(0, 200), ip: client.ip, reason: !found ? 'unknown email' : found.user.disabledAt ? 'account disabled' : 'wrong password' },
    });
    throw new Unauthenticated(SIGN_IN_FAILED);
  }
  await clearAccountFailures(db, input.email);
  const session = await createSession(db, found.user.id, client);
  await recordAudit(db, { userId: found.user.id, action: 'login', subjectType: 'user', subjectId: found.user.id, details: { ip: client.ip } });
  return { user: found.user, token: session.token, csrfToken: session.csrfToken };
}

/** Ends a session (sign out) and audits it. */
export async function signOut(context: AppContext, sessionId: string, userId: number): Promise<void> {
  await deleteSession(context.database.db, sessionId);
  await recordAudit(context.database.db, { userId, action: 'logout', subjectType: 'user', subjectId: userId });
}

/**
 * The one password rule, for every path that sets one (account creation, change, reset, CLI):
 * throws Invalid(field) unless the password is long enough, not absurdly long, and not easy to guess.
 */
export function assertAcceptablePassword(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new Invalid(field, `Use at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new Invalid(field, `Use at most ${MAX_PASSWORD_LENGTH} characters.`);
  const weakness = weakPasswordReason(password);
  if (weakness) throw new Invalid(field, weakness);
}

/**
 * Replaces a signed-in user's password after checking the current one; other sessions of the user
 * end (the one in use stays). Clears the temporary-password flag.
 */
export async function changeOwnPassword(
  context: AppContext,
  input: { userId: number; sessionId: string; currentPassword: string; newPassword: string },
): Promise<void> {
  const db = context.database.db;
  const stored = await findPasswordHash(db, input.userId);
  if (!stored || !(await verifyPassword(stored, input.currentPassword))) throw new Invalid('currentPassword', 'This is not your current password.');
  assertAcceptablePassword(input.newPassword, 'newPassword');
  if (input.newPassword === input.currentPassword) throw new Invalid('newPassword', 'Choose a password different from the current one.');
  await setUserPassword(db, input.userId, await hashPassword(input.newPassword), false);
  await deleteUserSessions(db, input.userId, input.sessionId);
  await recordAudit(db, { userId: input.userId, action: 'user.password_changed', subjectType: 'user', subjectId: input.userId });
}
