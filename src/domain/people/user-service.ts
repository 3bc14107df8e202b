import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import type { Role } from '#src/db/schema.ts';
import { recordAudit } from '#src/domain/audit/audit-log.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Forbidden, Invalid, NotFound } from '#src/lib/errors.ts';
import { ROLES, hasRole, type Actor } from './actor.ts';
import { hashPassword } from './password-hashing.ts';
import { deleteUserSessions } from './session-store.ts';
import { assertAcceptablePassword } from './sign-in-service.ts';
import {
  countActiveAdmins,
  findUserByEmail,
  findUserById,
  insertUser,
  normalizeEmail,
  setUserAuthorId,
  setUserDisabledAt,
  setUserRole,
  type User,
} from './user-repository.ts';

/** Input of a new account; without a password one is generated (and must be changed at first sign-in). */
export const newUserSchema = z.object({
  /** Sign-in address; unique, compared without case. */
  email: z.string().trim().max(320, 'This email address is too long.').pipe(z.email('Enter a valid email address, such as name@example.kz.')),
  /** Display name; defaults to the part of the email before "@". */
  name: z.string().trim().max(120, 'Use at most 120 characters.').optional(),
  /** contributor, author, editor or admin. */
  role: z.enum(ROLES as [Role, ...Role[]], { message: `Choose one of: ${ROLES.join(', ')}.` }),
  /** Chosen password; omitted: a generated temporary one. */
  password: z.string().optional(),
});
export type NewUserInput = z.input<typeof newUserSchema>;

/** A random temporary password: 18 characters from a 64-letter alphabet (108 bits). */
export function generatePassword(): string {
  return randomBytes(14).toString('base64url').slice(0, 18);
}

function actorId(actor: Actor): number | null {
  return actor.kind === 'user' ? actor.id : null;
}

function assertAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw new Forbidden('Only an admin may manage users.');
}

/**
 * Creates an account (admins, the CLI and first start as the system). Returns the user and, when
 * the password was generated, that temporary password (shown once; the user must replace it).
 */
export async function createUser(context: AppContext, actor: Actor, input: NewUserInput): Promise<{ user: User; generatedPassword: string | null }> {
  assertAdmin(actor);
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Invalid(String(issue.path[0] ?? 'email'), issue.message);
  }
  const data = parsed.data;
  const email = normalizeEmail(data.email);
  const generatedPassword = data.password ? null : generatePassword();
  const password = data.password ?? generatedPassword!;
  if (data.password !== undefined) assertAcceptablePassword(data.password, 'password');
  const db = context.database.db;
  if (await findUserByEmail(db, email)) throw new Invalid('email', 'An account with this email already exists.');
  const id = await insertUser(db, {
    email,
    name: data.name || email.split('@')[0]!,
    role: data.role,
    passwordHash: await hashPassword(password),
    mustChangePassword: generatedPassword !== null,
  });
  await recordAudit(db, { userId: actorId(actor), action: 'user.created', subjectType: 'user', subjectId: id, details: { email, role: data.role } });
  return { user: (await findUserById(db, id))!, generatedPassword };
}

async function assertNotLastAdmin(context: AppContext, user: User, what: string): Promise<void> {
  if (user.role === 'admin' && !user.disabledAt && (await countActiveAdmins(context.database.db)) <= 1) {
    throw new Invalid('role', `${user.email} is the last admin: ${what} would leave nobody able to manage users. Make someone else admin first.`);
  }
}

/** Changes a user's role (admin only); the last enabled admin keeps theirs. */
export async function changeUserRole(context: AppContext, actor: Actor, userId: number, role: Role): Promise<User> {
  assertAdmin(actor);
  if (!ROLES.includes(role)) throw new Invalid('role', `Choose one of: ${ROLES.join(', ')}.`);
  const db = context.database.db;
  const user = await findUserById(db, userId);
  if (!user) throw new NotFound('The user');
  if (user.role === role) return user;
  if (role !== 'admin') await assertNotLastAdmin(context, user, 'removing the admin role');
  await setUserRole(db, userId, role);
  await recordAudit(db, { userId: actorId(actor), action: 'user.role_changed', subjectType: 'user', subjectId: userId, details: { email: user.email, from: user.role, to: role } });
  return (await findUserById(db, userId))!;
}

/** Disables (signing them out everywhere) or re-enables a user (admin only); nobody disables themselves or the last admin. */
export async function setUserDisabled(context: AppContext, actor: Actor, userId: number, disabled: boolean): Promise<User> {
  assertAdmin(actor);
  const db = context.database.db;
  const user = await findUserById(db, userId);
  if (!user) throw new NotFound('The user');
  if (disabled === (user.disabledAt !== null)) return user;
  if (disabled) {
    if (actorId(actor) === userId) throw new Invalid('disabled', 'You cannot disable your own account.');
    await assertNotLastAdmin(context, user, 'disabling this account');
    await setUserDisabledAt(db, userId, nowIso());
    await deleteUserSessions(db, userId);
  } else {
    await setUserDisabledAt(db, userId, null);
  }
  await recordAudit(db, { userId: actorId(actor), action: disabled ? 'user.disabled' : 'user.enabled', subjectType: 'user', subjectId: userId, details: { email: user.email } });
  return (await findUserById(db, userId))!;
}

/** Links a user to an author profile (their byline: articles naming it count as theirs), or unlinks (null). Admin only. */
export async function linkUserToAuthor(context: AppContext, actor: Actor, userId: number, authorId: number | null): Promise<User> {
  assertAdmin(actor);
  const db = context.database.db;
  const user = await findUserById(db, userId);
  if (!user) throw new NotFound('The user');
  if (authorId !== null) {
    const author = await db.selectFrom('authors').select('id').where('id', '=', authorId).executeTakeFirst();
    if (!author) throw new Invalid('authorId', 'That author profile does not exist.');
  }
  if (user.authorId === authorId) return user;
  await setUserAuthorId(db, userId, authorId);
  await recordAudit(db, { userId: actorId(actor), action: 'user.author_linked', subjectType: 'user', subjectId: userId, details: { email: user.email, from: user.authorId, to: authorId } });
  return (await findUserById(db, userId))!;
}
