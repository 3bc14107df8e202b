import type { AppContext } from '#src/app-context.ts';
import { loadConfig, type Config } from '#src/config/config.ts';
import { openDatabase } from '#src/db/database.ts';
import { migrateToLatest } from '#src/db/migrator.ts';
import { createChangeOutbox } from '#src/jobs/change-outbox.ts';
import { ensureSettings } from '#src/domain/settings/settings-repository.ts';
import { EventBus } from '#src/lib/events.ts';
import { createLogger } from '#src/lib/logger.ts';

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
