import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import type { Role } from '#src/db/schema.ts';
import { recordActorAudit, recordAudit } from '#src/domain/audit/audit-log.ts';
import { newsroomLanguage, newsroomTranslatorFor } from '#src/i18n/newsroom-translator.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Invalid, NotFound } from '#src/lib/errors.ts';
import { sendMail } from '#src/lib/mailer.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import { assertAllowed, type Actor } from './actor.ts';
import { hashPassword } from './password-hashing.ts';
import { createSession } from './session-store.ts';
import { hashToken, newSecretToken } from './secret-tokens.ts';
import { assertAcceptablePassword } from './sign-in-service.ts';
import { can } from './user-policy.ts';
import { newUserSchema } from './user-schema.ts';
import { findUserByEmail, insertUser, normalizeEmail } from './user-repository.ts';

/** How long an invitation link works. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** The message for a link that is unknown, used, expired or revoked (one message: the link says nothing more). */
export const INVITATION_INVALID = 'This invitation link is invalid, has already been used, has expired or was revoked. Ask an admin for a new one.';

/** An invitation not yet used, expired or revoked. */
export type PendingInvitation = { id: number; email: string; name: string; role: Role; expiresAt: string };

/** The invitation page's URL for a token. */
export function invitationLink(baseUrl: string, token: string): string {
  return `${baseUrl}/newsroom/invitations/${token}`;
}

/** The invitations whose links still work, newest first (the users page). */
export async function listPendingInvitations(context: Pick<AppContext, 'database'>, actor: Actor): Promise<PendingInvitation[]> {
  assertAllowed(actor, can(actor, 'invite'), 'manage users');
  const rows = await context.database.db
    .selectFrom('invitations')
    .select(['id', 'email', 'name', 'role', 'expires_at'])
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso())
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => ({ id: row.id, email: row.email, name: row.name, role: row.role, expiresAt: row.expires_at }));
}

/**
 * An admin invites a colleague: a single-use link, valid 7 days, mailed to them in the site's
 * newsroom language. A newer invitation to the same address replaces the older one. Needs SMTP
 * (without mail the one-time password remains); the mail is sent before answering so the admin
 * learns at once when the mail server refuses it, and the invitation is then withdrawn.
 */
export async function inviteUser(context: AppContext, actor: Actor, input: { email: string; name?: string; role: string }): Promise<PendingInvitation> {
  assertAllowed(actor, can(actor, 'invite'), 'manage users');
  if (!context.config.smtpUrl) throw new Invalid('email', 'Invitations are sent by mail, and SMTP_URL is not set: add the user with a one-time password instead.');
  const parsed = newUserSchema.omit({ password: true }).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Invalid(String(issue.path[0] ?? 'email'), issue.message);
  }
  const email = normalizeEmail(parsed.data.email);
  const name = parsed.data.name || email.split('@')[0]!;
  const db = context.database.db;
  if (await findUserByEmail(db, email)) throw new Invalid('email', `An account with the email ${email} already exists.`);
  const token = newSecretToken();
  const now = nowIso();
  // From the same reading of the clock as created_at: a lifetime of exactly INVITATION_LIFETIME_MS.
  const expiresAt = new Date(Date.parse(now) + INVITATION_LIFETIME_MS).toISOString();
  const id = await db.transaction().execute(async (tx) => {
    await tx.updateTable('invitations').set({ revoked_at: now }).where('email', '=', email).where('accepted_at', 'is', null).where('revoked_at', 'is', null).execute();
    const row = await tx
      .insertInto('invitations')
      .values({ email, name, role: parsed.data.role, token_hash: hashToken(token), invited_by: actor.kind === 'user' ? actor.id : null, created_at: now, expires_at: expiresAt, accepted_at: null, revoked_at: null, user_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordActorAudit(tx, actor, { action: 'user.invited', subjectType: 'invitation', subjectId: row.id, details: { email, role: parsed.data.role } });
    return row.id;
  });
  try {
    await sendMail(context, await invitationMail(db, context.config.baseUrl, actor, { email, role: parsed.data.role }, token));
  } catch (error) {
    await db.updateTable('invitations').set({ revoked_at: nowIso() }).where('id', '=', id).execute();
    context.logger.error({ err: error, email }, 'The invitation mail could not be sent');
    throw new Invalid('email', `The mail server did not accept the invitation to ${email}; nothing was sent. Try again later.`);
  }
  return { id, email, name, role: parsed.data.role, expiresAt };
}

async function invitationMail(db: Executor, baseUrl: string, actor: Actor, invited: { email: string; role: Role }, token: string) {
  const settings = await loadSettings(db);
  const { t } = newsroomTranslatorFor(newsroomLanguage(null, settings.defaultLanguage));
  const inviter = actor.kind === 'user' ? actor.name : 'Qalam';
  return {
    to: invited.email,
    subject: t('invite.mail.subject'),
    text: [t('invite.mail.body', { inviter, role: t(`role.${invited.role}`) }), '', invitationLink(baseUrl, token)].join('\n'),
  };
}

/** An admin withdraws an invitation whose link has not been used. */
export async function revokeInvitation(context: Pick<AppContext, 'database'>, actor: Actor, id: number): Promise<PendingInvitation> {
  assertAllowed(actor, can(actor, 'invite'), 'manage users');
  return context.database.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound('The invitation');
    if (row.accepted_at || row.revoked_at) throw new Invalid('invitation', `The invitation to ${row.email} was already ${row.accepted_at ? 'used' : 'revoked'}.`);
    await tx.updateTable('invitations').set({ revoked_at: nowIso() }).where('id', '=', id).execute();
    await recordActorAudit(tx, actor, { action: 'user.invitation_revoked', subjectType: 'invitation', subjectId: id, details: { email: row.email } });
    return { id, email: row.email, name: row.name, role: row.role, expiresAt: row.expires_at };
  });
}

/** The invitation a token opens, while its link works (for showing the form). */
export async function usableInvitation(context: Pick<AppContext, 'database'>, token: string): Promise<PendingInvitation | undefined> {
  if (token.length > 128) return undefined;
  const row = await context.database.db
    .selectFrom('invitations')
    .select(['id', 'email', 'name', 'role', 'expires_at'])
    .where('token_hash', '=', hashToken(token))
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso())
    .executeTakeFirst();
  return row ? { id: row.id, email: row.email, name: row.name, role: row.role, expiresAt: row.expires_at } : undefined;
}

/**
 * The invitee chooses their password (the project's rules): the account is created with the
 * invited email, name and role, and the link is spent atomically (a second use fails even when
 * racing); they are signed in. Answers the new session's token. Throws Invalid('token') or Invalid('password').
 */
export async function acceptInvitation(
  context: Pick<AppContext, 'database'>,
  token: string,
  password: string,
  client: { ip: string; userAgent: string },
): Promise<{ userId: number; sessionToken: string }> {
  if (!(await usableInvitation(context, token))) throw new Invalid('token', INVITATION_INVALID);
  assertAcceptablePassword(password, 'password');
  const passwordHash = await hashPassword(password);
  const userId = await context.database.db.transaction().execute(async (tx) => {
    const now = nowIso();
    const tokenHash = hashToken(token);
    const spent = await tx
      .updateTable('invitations')
      .set({ accepted_at: now })
      .where('token_hash', '=', tokenHash)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) throw new Invalid('token', INVITATION_INVALID);
    const invitation = await tx.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirstOrThrow();
    // Someone may have created the account by hand since the invitation was sent.
    if (await findUserByEmail(tx, invitation.email)) throw new Invalid('token', `An account with the email ${invitation.email} already exists: sign in, or reset its password.`);
    const userId = await insertUser(tx, { email: invitation.email, name: invitation.name, role: invitation.role, passwordHash });
    await tx.updateTable('invitations').set({ user_id: userId }).where('id', '=', invitation.id).execute();
    await recordAudit(tx, { userId, action: 'user.invitation_accepted', subjectType: 'user', subjectId: userId, details: { email: invitation.email, role: invitation.role, invitationId: invitation.id } });
    return userId;
  });
  const session = await createSession(context.database.db, userId, client);
  await recordAudit(context.database.db, { userId, action: 'login', subjectType: 'user', subjectId: userId, details: { ip: client.ip, invitation: true } });
  return { userId, sessionToken: session.token };
}
