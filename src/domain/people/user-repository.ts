import type { Executor } from '#src/db/database.ts';
import type { Role } from '#src/db/schema.ts';
import { nowIso } from '#src/lib/clock.ts';

/** A newsroom account as the domain sees it (never carries the password hash). */
export type User = {
  id: number;
  email: string;
  name: string;
  role: Role;
  authorId: number | null;
  mustChangePassword: boolean;
  /** When the account was disabled (ISO UTC), or null while it may sign in. */
  disabledAt: string | null;
  createdAt: string;
  /** The language of the newsroom's interface this user chose (BCP 47), or null for the site's default. */
  interfaceLanguage: string | null;
};

const USER_COLUMNS = ['id', 'email', 'name', 'role', 'author_id', 'must_change_password', 'disabled_at', 'created_at', 'interface_language'] as const;

type UserColumns = {
  id: number;
  email: string;
  name: string;
  role: Role;
  author_id: number | null;
  must_change_password: number;
  disabled_at: string | null;
  created_at: string;
  interface_language: string | null;
};

function toUser(row: UserColumns): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    authorId: row.author_id,
    mustChangePassword: Number(row.must_change_password) === 1,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    interfaceLanguage: row.interface_language,
  };
}

/** Emails are compared case-insensitively: stored trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Inserts a user; `passwordHash` is an argon2id PHC string. Returns the new id. */
export async function insertUser(
  db: Executor,
  input: { email: string; name: string; role: Role; passwordHash: string; mustChangePassword?: boolean; authorId?: number | null },
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      email: normalizeEmail(input.email),
      name: input.name,
      role: input.role,
      password_hash: input.passwordHash,
      author_id: input.authorId ?? null,
      must_change_password: input.mustChangePassword ? 1 : 0,
      disabled_at: null,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The user with this id, or undefined. */
export async function findUserById(db: Executor, id: number): Promise<User | undefined> {
  const row = await db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** The user with this email (any case), or undefined. */
export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').select(USER_COLUMNS).where('email', '=', normalizeEmail(email)).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** The user and stored password hash for a sign-in attempt, or undefined. */
export async function findCredentialsByEmail(db: Executor, email: string): Promise<{ user: User; passwordHash: string } | undefined> {
  const row = await db
    .selectFrom('users')
    .select([...USER_COLUMNS, 'password_hash'])
    .where('email', '=', normalizeEmail(email))
    .executeTakeFirst();
  return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
}

/** The stored password hash of a user, or undefined. */
export async function findPasswordHash(db: Executor, userId: number): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  return row?.password_hash;
}

/** Every user, admins first then by name. */
export async function listUsers(db: Executor): Promise<User[]> {
  const rows = await db.selectFrom('users').select(USER_COLUMNS).orderBy('email').execute();
  return rows.map(toUser);
}

/** How many users exist at all. */
export async function countUsers(db: Executor): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many enabled admins exist (the last one may not be demoted or disabled). */
export async function countActiveAdmins(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Changes a user's role. */
export async function setUserRole(db: Executor, id: number, role: Role): Promise<void> {
  await db.updateTable('users').set({ role }).where('id', '=', id).execute();
}

/** Disables (a time) or re-enables (null) a user. */
export async function setUserDisabledAt(db: Executor, id: number, disabledAt: string | null): Promise<void> {
  await db.updateTable('users').set({ disabled_at: disabledAt }).where('id', '=', id).execute();
}

/** Stores a new password hash; `mustChange` marks a temporary password the user has to replace. */
export async function setUserPassword(db: Executor, id: number, passwordHash: string, mustChange: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}

/** Links a user to the byline (author) their articles carry, or unlinks them (null). */
export async function setUserAuthorId(db: Executor, id: number, authorId: number | null): Promise<void> {
  await db.updateTable('users').set({ author_id: authorId }).where('id', '=', id).execute();
}

/** Sets the language of a user's newsroom interface, or the site's default (null). */
export async function setUserInterfaceLanguage(db: Executor, id: number, language: string | null): Promise<void> {
  await db.updateTable('users').set({ interface_language: language }).where('id', '=', id).execute();
}
