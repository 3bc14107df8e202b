import pino, { type Logger } from 'pino';
import type { Config } from '#src/config/config.ts';

/** The process logger: JSON lines in production, pretty on a terminal during development. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  const pretty = process.stdout.isTTY && process.env.NODE_ENV !== 'production';
  return pino({
    level: config.logLevel,
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } } : {}),
  });
}
