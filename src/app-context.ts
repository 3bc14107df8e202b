import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config/config.ts';
import type { DatabaseHandle } from './db/database.ts';
import type { Database } from './db/schema.ts';
import type { EventBus } from './lib/events.ts';

/** The event bus of the app: its changes run in Kysely transactions of this database. */
export type AppEvents = EventBus<Transaction<Database>>;

/** Everything a part of the app needs from the process: built once in cli/, passed down explicitly. */
export type AppContext = {
  config: Config;
  database: DatabaseHandle;
  /** Events of changes; `record` writes a change's durable consequences in its transaction (ADR 0052). */
  events: AppEvents;
  logger: Logger;
};
