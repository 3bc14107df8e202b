import { randomBytes } from 'node:crypto';
import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import type { Role } from '#src/db/schema.ts';
import { commitAudited } from '#src/domain/audit/audited-change.ts';
import { NEWSROOM_LANGUAGES } from '#src/i18n/newsroom-translator.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Invalid, NotFound } from '#src/lib/errors.ts';
import { ROLES, assertAllowed, type Actor } from './actor.ts';
import { findAuthorById, listAuthors, type Author } from './author-repository.ts';
import { hashPassword } from './password-hashing.ts';
import { deleteUserSessions } from './session-store.ts';
import { assertAcceptablePassword } from './sign-in-service.ts';
import { can, type UserAction } from './user-policy.ts';
import { newUserSchema, type NewUserInput } from './user-schema.ts';
import {
  countActiveAdmins,
  findUserByEmail,
  findUserById,
  insertUser,
  listUsers,
  normalizeEmail,
  setUserAuthorId,
  setUserDisabledAt,
  setUserInterfaceLanguage,
  setUserRole,
  type User,
} from './user-repository.ts';

/** A random temporary password: 18 characters from a 64-letter alphabet (108 bits). */
export function generatePassword(): string {
  return randomBytes(14).toString('base64url').slice(0, 18);
}

function assertCan(actor: Actor, action: UserAction, userId?: number): void {
  assertAllowed(actor, can(actor, action, userId), 'manage users');
}

async function loadUser(db: Executor, userId: number): Promise<User> {
  const user = await findUserById(db, userId);
  if (!user) throw new NotFound('The user');
  return user;
}

async function assertNotLastAdmin(db: Executor, user: User, what: string): Promise<void> {
  if (user.role === 'admin' && !user.disabledAt && (await countActiveAdmins(db)) <= 1) {
    throw new Invalid('role', `${user.email} is the last admin: ${what} would leave nobody able to manage users. Make someone else admin first.`);
  }
}

/** Newsroom accounts: every method takes the actor first and decides by user-policy.ts; each change is audited in its transaction. */
export function createUserService(context: Pick<AppContext, 'database' | 'events'>) {
  const db = context.database.db;

  return {
    /** Every account, and the author profiles an account may be linked to (the users page). */
    async overview(actor: Actor): Promise<{ users: User[]; authors: Author[] }> {
      assertCan(actor, 'list');
      const [users, authors] = await Promise.all([listUsers(db), listAuthors(db)]);
      return { users, authors };
    },

    /**
     * Creates an account (admins, the CLI and first start as the system). Returns the user and, when
     * the password was generated, that temporary password (shown once; the user must replace it).
     */
    async create(actor: Actor, input: NewUserInput): Promise<{ user: User; generatedPassword: string | null }> {
      assertCan(actor, 'create');
      const parsed = newUserSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new Invalid(String(issue.path[0] ?? 'email'), issue.message);
      }
      const data = parsed.data;
      const email = normalizeEmail(data.email);
      const generatedPassword = data.password ? null : generatePassword();
      if (data.password !== undefined) assertAcceptablePassword(data.password, 'password');
      if (await findUserByEmail(db, email)) throw new Invalid('email', 'An account with this email already exists.');
      // Hashing takes a moment by design: done before the transaction, so no lock is held meanwhile.
      const passwordHash = await hashPassword(data.password ?? generatedPassword!);
      const change = async (tx: Executor) => {
        const id = await insertUser(tx, { email, name: data.name || email.split('@')[0]!, role: data.role, passwordHash, mustChangePassword: generatedPassword !== null });
        return loadUser(tx, id);
      };
      const user = await commitAudited(context, actor, change, (created) => ({
        action: 'user.created',
        subjectType: 'user',
        subjectId: created.id,
        details: { email, role: data.role },
      }));
      return { user, generatedPassword };
    },

    /** Changes a user's role; the last enabled admin keeps theirs. */
    async changeRole(actor: Actor, userId: number, role: Role): Promise<User> {
      assertCan(actor, 'change-role');
      if (!ROLES.includes(role)) throw new Invalid('role', `Choose one of: ${ROLES.join(', ')}.`);
      let from: Role | undefined;
      const change = async (tx: Executor) => {
        const user = await loadUser(tx, userId);
        if (user.role === role) return user;
        if (role !== 'admin') await assertNotLastAdmin(tx, user, 'removing the admin role');
        from = user.role;
        await setUserRole(tx, userId, role);
        return loadUser(tx, userId);
      };
      return commitAudited(context, actor, change, (user) =>
        from === undefined ? null : { action: 'user.role_changed', subjectType: 'user', subjectId: userId, details: { email: user.email, from, to: role } },
      );
    },

    /** Disables (signing them out everywhere) or re-enables a user; nobody disables themselves or the last admin. */
    async setDisabled(actor: Actor, userId: number, disabled: boolean): Promise<User> {
      assertCan(actor, disabled ? 'disable' : 'enable');
      let changed = false;
      const change = async (tx: Executor) => {
        const user = await loadUser(tx, userId);
        if (disabled === (user.disabledAt !== null)) return user;
        if (disabled) {
          if (actor.kind === 'user' && actor.id === userId) throw new Invalid('disabled', 'You cannot disable your own account.');
          await assertNotLastAdmin(tx, user, 'disabling this account');
          await setUserDisabledAt(tx, userId, nowIso());
          await deleteUserSessions(tx, userId);
        } else {
          await setUserDisabledAt(tx, userId, null);
        }
        changed = true;
        return loadUser(tx, userId);
      };
      return commitAudited(context, actor, change, (user) =>
        changed ? { action: disabled ? 'user.disabled' : 'user.enabled', subjectType: 'user', subjectId: userId, details: { email: user.email } } : null,
      );
    },

    /** Links a user to an author profile (their byline: articles naming it count as theirs), or unlinks (null). */
    async linkAuthor(actor: Actor, userId: number, authorId: number | null): Promise<User> {
      assertCan(actor, 'link-author');
      let from: number | null | undefined;
      const change = async (tx: Executor) => {
        const user = await loadUser(tx, userId);
        if (authorId !== null && !(await findAuthorById(tx, authorId))) throw new Invalid('authorId', 'That author profile does not exist.');
        if (user.authorId === authorId) return user;
        from = user.authorId;
        await setUserAuthorId(tx, userId, authorId);
        return loadUser(tx, userId);
      };
      return commitAudited(context, actor, change, (user) =>
        from === undefined ? null : { action: 'user.author_linked', subjectType: 'user', subjectId: userId, details: { email: user.email, from, to: authorId } },
      );
    },

    /**
     * Sets the language of a user's newsroom interface: one the newsroom has a catalogue for, or null
     * for the site's default. Users choose their own; admins anyone's.
     */
    async setInterfaceLanguage(actor: Actor, userId: number, language: string | null): Promise<User> {
      assertCan(actor, 'set-interface-language', userId);
      if (language !== null && !NEWSROOM_LANGUAGES.some((code) => code === language)) {
        throw new Invalid('interfaceLanguage', `Choose one of: ${NEWSROOM_LANGUAGES.join(', ')}, or the site's default language.`);
      }
      let from: string | null | undefined;
      const change = async (tx: Executor) => {
        const user = await loadUser(tx, userId);
        if (user.interfaceLanguage === language) return user;
        from = user.interfaceLanguage;
        await setUserInterfaceLanguage(tx, userId, language);
        return loadUser(tx, userId);
      };
      return commitAudited(context, actor, change, (user) =>
        from === undefined ? null : { action: 'user.interface_language_changed', subjectType: 'user', subjectId: userId, details: { email: user.email, from, to: language } },
      );
    },
  };
}
