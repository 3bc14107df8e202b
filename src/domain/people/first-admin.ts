import type { AppContext } from '#src/app-context.ts';
import { asSystem } from './actor.ts';
import { createUserService } from './user-service.ts';
import { countUsers } from './user-repository.ts';

/** The first admin's sign-in address: admin@ the site's domain, or admin@qalam.localhost on an IP or bare host name. */
export function firstAdminEmail(baseUrl: string): string {
  const host = new URL(baseUrl).hostname;
  return /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/i.test(host) ? `admin@${host}` : 'admin@qalam.localhost';
}

/**
 * On an install without users, creates an admin with a one-time password, prints it once on the
 * terminal (never in the log) and marks it to be replaced at first sign-in. Returns the credentials, or null when users exist.
 */
export async function ensureFirstAdmin(context: AppContext): Promise<{ email: string; password: string } | null> {
  if ((await countUsers(context.database.db)) > 0) return null;
  const email = firstAdminEmail(context.config.baseUrl);
  let created;
  try {
    created = await createUserService(context).create(asSystem(), { email, name: 'Administrator', role: 'admin' });
  } catch (error) {
    // Another process starting at the same moment created it first.
    if ((await countUsers(context.database.db)) > 0) return null;
    throw error;
  }
  const password = created.generatedPassword!;
  // Straight to the terminal, never into the structured log: logs are shipped, kept and read by many.
  process.stderr.write(
    `\nFirst start: created the admin account ${email} with the one-time password ${password} — sign in at ${context.config.baseUrl}/newsroom/login and choose a new password. This password is shown only once.\n\n`,
  );
  context.logger.warn({ email }, 'First start: created the admin account; its one-time password was printed on the terminal only');
  return { email, password };
}
