import { parseArgs } from 'node:util';
import type { AppContext } from '#src/app-context.ts';
import type { Role } from '#src/db/schema.ts';
import { ROLES, asSystem } from '#src/domain/people/actor.ts';
import { createUserService } from '#src/domain/people/user-service.ts';
import { findUserByEmail, listUsers } from '#src/domain/people/user-repository.ts';
import { Invalid } from '#src/lib/errors.ts';
import { prepareDatabase } from './bootstrap.ts';

/** The `qalam user` sub-commands' help. */
export const USER_USAGE = `Usage:
  qalam user create --email EMAIL --role ROLE [--name NAME] [--password PASSWORD]
      creates an account; without --password a one-time password is printed (changed at first sign-in)
  qalam user list
  qalam user role --email EMAIL --role ROLE
  qalam user disable --email EMAIL
  qalam user enable --email EMAIL
Roles: ${ROLES.join(', ')}.`;

/** Thrown for a bad `qalam user` invocation; main prints it and exits with status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function option(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function required(values: Record<string, unknown>, name: string): string {
  const value = option(values, name);
  if (!value) throw new UsageError(`--${name} is required.\n\n${USER_USAGE}`);
  return value;
}

function roleOption(values: Record<string, unknown>): Role {
  const role = required(values, 'role');
  if (!ROLES.includes(role as Role)) throw new UsageError(`--role must be one of: ${ROLES.join(', ')} (got "${role}").`);
  return role as Role;
}

async function userByEmail(context: AppContext, email: string) {
  const user = await findUserByEmail(context.database.db, email);
  if (!user) throw new UsageError(`No account has the email ${email}.`);
  return user;
}

/** Runs `qalam user <sub-command> …` as the system (the person at the console holds the server). */
export async function runUserCommand(context: AppContext, args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
  });
  const [sub] = positionals;
  await prepareDatabase(context);
  const system = asSystem();
  try {
    switch (sub) {
      case 'create': {
        const { user, generatedPassword } = await createUserService(context).create(system, {
          email: required(values, 'email'),
          role: roleOption(values),
          name: option(values, 'name'),
          password: option(values, 'password'),
        });
        console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
        if (generatedPassword) console.log(`One-time password: ${generatedPassword}\n(it is shown only now; the user must choose a new one at first sign-in)`);
        return;
      }
      case 'list': {
        for (const user of await listUsers(context.database.db)) {
          console.log(`${String(user.id).padStart(4)}  ${user.role.padEnd(11)} ${user.email}${user.disabledAt ? '  (disabled)' : ''}`);
        }
        return;
      }
      case 'role': {
        const user = await userByEmail(context, required(values, 'email'));
        const updated = await createUserService(context).changeRole(system, user.id, roleOption(values));
        console.log(`${updated.email} is now ${updated.role}.`);
        return;
      }
      case 'disable':
      case 'enable': {
        const user = await userByEmail(context, required(values, 'email'));
        await createUserService(context).setDisabled(system, user.id, sub === 'disable');
        console.log(`${user.email} is ${sub === 'disable' ? 'disabled' : 'enabled'}.`);
        return;
      }
      default:
        throw new UsageError(sub ? `Unknown sub-command "user ${sub}".\n\n${USER_USAGE}` : USER_USAGE);
    }
  } catch (error) {
    if (error instanceof Invalid) throw new UsageError(`--${error.field}: ${error.message}`);
    throw error;
  }
}
