import { CompiledQuery, RawNode, SelectQueryNode, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type QueryResult, type SqliteDialectConfig } from 'kysely';

/**
 * SQLite's write lock, waited for without stopping the process (ADR 0047).
 *
 * better-sqlite3 runs SQLite on the event loop's thread, so SQLite's own busy handler (busy_timeout)
 * sleeps that thread: while another process (a cluster worker, a CLI command) writes, a worker
 * waiting for the lock answers nobody, not even readers of cached pages, for up to the whole
 * timeout. Here the connection has no busy timeout; a statement refused with SQLITE_BUSY is tried
 * again after a timer, so the loop serves others in between. Transactions begin IMMEDIATE (taking
 * the write lock first, waited for the same way): a deferred one that read first and then wanted
 * to write was refused at once when another process held the lock or had written since its
 * snapshot (SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT: SQLite cannot wait there), an editor's failed save.
 * `afterCommit` runs after every commit and every write outside a transaction, before it is
 * answered (sqlite-wal-sync.ts makes it durable there).
 */

/** The dialect's options: Kysely's, and what to await after each committed write. */
export type LockWaitingConfig = SqliteDialectConfig & { afterCommit?: () => Promise<void> };

/** How long a statement or transaction waits for the lock before its SQLITE_BUSY is thrown (busy_timeout's old value). */
export const LOCK_WAIT_MS = 5000;
/** The longest pause between two tries: short, since a write holds the lock for milliseconds. */
const MAX_PAUSE_MS = 8;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Runs `attempt` until it is not refused for a lock held elsewhere, pausing on a timer in between, up to LOCK_WAIT_MS. */
export async function retryWhileLocked<T>(attempt: () => T | Promise<T>): Promise<T> {
  const deadline = performance.now() + LOCK_WAIT_MS;
  for (let pause = 1; ; pause = Math.min(pause * 2, MAX_PAUSE_MS)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || performance.now() + pause > deadline) throw error;
    }
    // Jitter: two processes retrying in step would keep meeting the lock held by a third.
    await new Promise((resolve) => setTimeout(resolve, pause * (0.5 + Math.random())));
  }
}

/** Whether a statement only reads (nothing to make durable after it). */
function onlyReads(query: CompiledQuery): boolean {
  return SelectQueryNode.is(query.query) || (RawNode.is(query.query) && /^\s*select\b/i.test(query.sql));
}

/** The single connection, retrying statements outside a transaction (inside one, the transaction holds the lock already). */
class LockWaitingConnection implements DatabaseConnection {
  inTransaction = false;
  constructor(
    readonly inner: DatabaseConnection,
    readonly afterCommit: (() => Promise<void>) | undefined,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.inTransaction) return this.inner.executeQuery<R>(query);
    const result = await retryWhileLocked(() => this.inner.executeQuery<R>(query));
    if (this.afterCommit && !onlyReads(query)) await this.afterCommit();
    return result;
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class LockWaitingDriver extends SqliteDriver {
  constructor(private readonly config: LockWaitingConfig) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    return new LockWaitingConnection(await super.acquireConnection(), this.config.afterCommit);
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const waiting = connection as LockWaitingConnection;
    await retryWhileLocked(() => waiting.inner.executeQuery(CompiledQuery.raw('begin immediate')));
    waiting.inTransaction = true;
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const committing = connection as LockWaitingConnection;
    await committing.inner.executeQuery(CompiledQuery.raw('commit'));
    committing.inTransaction = false;
    await committing.afterCommit?.();
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as LockWaitingConnection).inTransaction = false;
    await (connection as LockWaitingConnection).inner.executeQuery(CompiledQuery.raw('rollback'));
  }
}

/** Kysely's SQLite dialect with lock waits that leave the event loop free; the connection must have busy_timeout = 0. */
export class LockWaitingSqliteDialect extends SqliteDialect {
  readonly #config: LockWaitingConfig;
  constructor(config: LockWaitingConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new LockWaitingDriver(this.#config);
  }
}
