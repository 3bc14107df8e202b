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

/** Logs one line for an expected, repeating failure. */
export type ThrottledLog = (logger: Pick<Logger, 'info' | 'warn'>, level: 'info' | 'warn', cause: string, message: string, details?: object) => void;

/**
 * Logs an expected failure (the database unreachable, a client gone) at most once per interval
 * for the same cause, without a stack, and says how many like it were left out since. A flood of
 * identical lines hides the one that matters and costs the disk that the outage may already strain.
 */
export function createLogThrottle(intervalMs = 10_000, now: () => number = Date.now): ThrottledLog {
  const seen = new Map<string, { loggedAt: number; leftOut: number }>();
  return (logger, level, cause, message, details = {}) => {
    const entry = seen.get(cause);
    const at = now();
    if (entry && at - entry.loggedAt < intervalMs) {
      entry.leftOut += 1;
      return;
    }
    const leftOut = entry?.leftOut ?? 0;
    seen.set(cause, { loggedAt: at, leftOut: 0 });
    logger[level]({ cause, ...details, ...(leftOut ? { sameCauseLeftOut: leftOut } : {}) }, message);
  };
}
