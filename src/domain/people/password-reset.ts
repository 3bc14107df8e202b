import type { AppContext } from '#src/app-context.ts';
import { recordAudit } from '#src/domain/audit/audit-log.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Invalid } from '#src/lib/errors.ts';
import { sendMail } from '#src/lib/mailer.ts';
import { hashPassword } from './password-hashing.ts';
import { hashToken, newSecretToken } from './secret-tokens.ts';
import { assertAcceptablePassword } from './sign-in-service.ts';
import { findUserByEmail, setUserPassword } from './user-repository.ts';

/** How long a reset link works, in milliseconds. */
export const RESET_LIFETIME_MS = 60 * 60 * 1000;
// Unused links allowed per account at once: stops the form being used to flood someone's inbox.
const MAX_OPEN_RESETS = 3;

/** The message shown for a reset link that is unknown, used or expired. */
export const RESET_LINK_INVALID = 'This password-reset link is invalid, has already been used, or has expired. Request a new one.';

/** The reset page URL for a token. */
export function resetLink(baseUrl: string, token: string): string {
  return `${baseUrl}/newsroom/password-reset/${token}`;
}

/**
 * Sends a one-time reset link (valid one hour) to an enabled account with this email. Does the
 * same visible nothing for an unknown email: callers answer alike either way.
 */
export async function requestPasswordReset(context: AppContext, email: string): Promise<void> {
  const db = context.database.db;
  const user = await findUserByEmail(db, email);
  if (!user || user.disabledAt) return;
  const nowMs = Date.now();
  const now = new Date(nowMs).toISOString();
  const open = await db
    .selectFrom('password_resets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', user.id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  if (Number(open.n) >= MAX_OPEN_RESETS) return;
  const token = newSecretToken();
  await db
    .insertInto('password_resets')
    .values({
      token_hash: hashToken(token),
      user_id: user.id,
      expires_at: new Date(nowMs + RESET_LIFETIME_MS).toISOString(),
      used_at: null,
      created_at: now,
    })
    .execute();
  await recordAudit(db, { userId: user.id, action: 'user.password_reset_requested', subjectType: 'user', subjectId: user.id });
  // Not awaited: a slow or failing mail server must neither delay nor change the answer, which
  // would tell an outsider that the address has an account.
  void sendMail(context, {
    to: user.email,
    subject: 'Reset your Qalam newsroom password',
    text: [
      `Hello ${user.name},`,
      '',
      'Someone (hopefully you) asked to reset the password of your newsroom account. To choose a new one, open:',
      '',
      resetLink(context.config.baseUrl, token),
      '',
      'The link works once, within one hour. If you did not ask for it, ignore this message.',
    ].join('\n'),
  }).catch((error: unknown) => context.logger.error({ err: error, userId: user.id }, 'The password-reset mail could not be sent'));
}

/** Whether a reset token is currently usable (for showing the form). */
export async function isResetTokenUsable(context: AppContext, token: string): Promise<boolean> {
  const row = await context.database.db
    .selectFrom('password_resets')
    .innerJoin('users', 'users.id', 'password_resets.user_id')
    .select('password_resets.user_id')
    .where('password_resets.token_hash', '=', hashToken(token))
    .where('password_resets.used_at', 'is', null)
    .where('password_resets.expires_at', '>', nowIso())
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Sets a new password with a reset token. The token is spent atomically (a second use fails even
 * when racing); every session of the account ends. Throws Invalid('token') or Invalid('password').
 */
export async function resetPassword(context: AppContext, token: string, newPassword: string): Promise<void> {
  assertAcceptablePassword(newPassword, 'password');
  const passwordHash = await hashPassword(newPassword);
  const tokenHash = hashToken(token);
  await context.database.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const row = await trx
      .selectFrom('password_resets')
      .innerJoin('users', 'users.id', 'password_resets.user_id')
      .select('password_resets.user_id as user_id')
      .where('password_resets.token_hash', '=', tokenHash)
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst();
    const spent = await trx
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (!row || Number(spent.numUpdatedRows) !== 1) throw new Invalid('token', RESET_LINK_INVALID);
    await setUserPassword(trx, row.user_id, passwordHash, false);
    await recordAudit(trx, { userId: row.user_id, action: 'user.password_reset', subjectType: 'user', subjectId: row.user_id });
    // Other links of this account die with this one.
    await trx.updateTable('password_resets').set({ used_at: now }).where('user_id', '=', row.user_id).where('used_at', 'is', null).execute();
    // Whoever knew the old password is signed out everywhere.
    await trx.deleteFrom('sessions').where('user_id', '=', row.user_id).execute();
  });
}
