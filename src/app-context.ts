import type { Logger } from 'pino';
import type { Config } from './config/config.ts';
import type { DatabaseHandle } from './db/database.ts';
import type { EventBus } from './lib/events.ts';

/** Everything a part of the app needs from the process: built once in cli/, passed down explicitly. */
export type AppContext = {
  config: Config;
  database: DatabaseHandle;
  events: EventBus;
  logger: Logger;
};
