import fs from 'node:fs';
import { promisify } from 'node:util';

const fsync = promisify(fs.fsync);

/**
 * Makes committed writes durable off the event loop (ADR 0047). With `synchronous = FULL`, SQLite
 * fsyncs the write-ahead log inside COMMIT, on the thread better-sqlite3 runs on: the process's
 * event loop, stopped for each commit's fsync (2–90 ms on a shared disk), while readers of cached
 * pages wait. The connection runs `synchronous = NORMAL` instead (in WAL mode SQLite then syncs the
 * log only around checkpoints, never leaving it inconsistent) and after every commit this fsyncs the
 * log from libuv's thread pool, before the write is answered: a write acknowledged to an editor is
 * on disk, as with FULL, and commits that land while a sync runs share the next one.
 *
 * The descriptor stays open for the connection's life: SQLite keeps one log file (truncated, never
 * replaced) while any connection holds the database, and it takes no POSIX lock on the log, so a
 * descriptor of ours cannot drop one of its locks when it closes.
 */
export type WalSync = { afterCommit(): Promise<void>; close(): void };

export function walSync(databaseFile: string): WalSync {
  let descriptor: number | undefined;
  /** The sync running now, and whether a commit came after it began (it then needs one more). */
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;

  const syncOnce = async () => {
    // The log exists from the connection's first write on; opened then, kept until close.
    descriptor ??= fs.openSync(`${databaseFile}-wal`, 'r');
    await fsync(descriptor);
  };

  return {
    afterCommit() {
      if (!running) {
        running = syncOnce().finally(() => (running = undefined));
        return running;
      }
      // A sync is under way, begun before this commit: one more after it covers every commit waiting.
      next ??= running.then(
        () => {
          next = undefined;
          return this.afterCommit();
        },
        () => {
          next = undefined;
          return this.afterCommit();
        },
      );
      return next;
    },
    close() {
      if (descriptor !== undefined) fs.closeSync(descriptor);
      descriptor = undefined;
    },
  };
}
