import type { AppContext } from '#src/app-context.ts';
import { loadConfig, type Config } from '#src/config/config.ts';
import { openDatabase } from '#src/db/database.ts';
import { MIGRATIONS, migrateToLatest, pendingMigrations } from '#src/db/migrator.ts';
import { createChangeOutbox } from '#src/jobs/change-outbox.ts';
import { ensureSettings } from '#src/domain/settings/settings-repository.ts';
import { EventBus } from '#src/lib/events.ts';
import { createLogger } from '#src/lib/logger.ts';
import { BadInput } from './bad-input.ts';

/** Opens the database and builds the context every command shares. */
export function createContext(config: Config = loadConfig()): AppContext {
  const context: AppContext = { config, database: openDatabase(config), events: new EventBus(), logger: createLogger(config) };
  // Every change made through this context queues its webhooks, pings and purges in its own
  // transaction (ADR 0052): a command or a job runner without the app's listeners loses none.
  context.events.useOutbox(createChangeOutbox(context));
  return context;
}

/** Brings the schema up to date and writes the rows every install needs. */
export async function prepareDatabase(context: AppContext): Promise<string[]> {
  const applied = await migrateToLatest(context.database);
  await ensureSettings(context.database.db);
  return applied;
}

/**
 * Stops `qalam serve` on a database whose schema is behind this build: it would serve 500s wherever
 * a missing migration's table or column is read. A database that cannot be read at all is let
 * through with a warning: the server answers 503 until it is back, as it does for a later outage.
 */
export async function refuseSchemaBehind(context: AppContext): Promise<void> {
  let pending: string[];
  try {
    pending = await pendingMigrations(context.database);
  } catch (error) {
    context.logger.warn({ err: error }, 'Could not check that the database schema is up to date');
    return;
  }
  if (pending.length === 0) return;
  const state =
    pending.length === Object.keys(MIGRATIONS).length
      ? 'The database has no Qalam schema yet.'
      : `The database schema is ${pending.length} migration${pending.length === 1 ? '' : 's'} behind this version of Qalam (next: ${pending[0]}).`;
  throw new BadInput(`${state} Run \`qalam migrate\` first (\`qalam start\` migrates by itself), then serve.`);
}
