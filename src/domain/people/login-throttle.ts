import type { Db } from '#src/db/database.ts';
import { TooManyRequests } from '#src/lib/errors.ts';
import { normalizeEmail } from './user-repository.ts';

/** The window failed sign-ins are counted over, in milliseconds. */
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** Failed sign-ins allowed per account within the window. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Failed sign-ins allowed per IP address within the window (an office may share one address). */
export const MAX_FAILURES_PER_IP = 20;

const accountKey = (email: string) => `email:${normalizeEmail(email)}`;
const ipKey = (ip: string) => `ip:${ip}`;

function windowStart(): string {
  return new Date(Date.now() - LOGIN_FAILURE_WINDOW_MS).toISOString();
}

async function recentFailures(db: Db, key: string): Promise<number> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key)
    .where('created_at', '>', windowStart())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Throws TooManyRequests (429) when the account or the address has failed too often recently. */
export async function assertLoginAllowed(db: Db, email: string, ip: string): Promise<void> {
  const minutes = LOGIN_FAILURE_WINDOW_MS / 60000;
  if ((await recentFailures(db, accountKey(email))) >= MAX_FAILURES_PER_ACCOUNT) {
    throw new TooManyRequests(
      `Too many failed sign-in attempts for this account. Wait ${minutes} minutes and try again, or reset your password.`,
    );
  }
  if ((await recentFailures(db, ipKey(ip))) >= MAX_FAILURES_PER_IP) {
    throw new TooManyRequests(`Too many failed sign-in attempts from your network. Wait ${minutes} minutes and try again.`);
  }
}

/** Counts a failed sign-in against the account and the address, and forgets failures older than the window. */
export async function recordLoginFailure(db: Db, email: string, ip: string): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('login_failures')
    .values([
      { key: accountKey(email), created_at: now },
      { key: ipKey(ip), created_at: now },
    ])
    .execute();
  await db.deleteFrom('login_failures').where('created_at', '<=', windowStart()).execute();
}

/** Forgets an account's failures after it signs in (the address keeps its count). */
export async function clearAccountFailures(db: Db, email: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', accountKey(email)).execute();
}
