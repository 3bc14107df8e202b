import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * better-sqlite3 behind Kysely, keeping prepared statements by SQL text. Kysely prepares every
 * query anew and SQLite's prepare was 6% of an uncached page render; our queries come from a
 * fixed set of builders, so a bounded map holds nearly all of them. Reusing a statement is safe
 * because Kysely runs each one to completion synchronously (we never stream from SQLite).
 */
export function withStatementCache(connection: SQLite.Database, capacity = 500): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => connection.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        // Re-inserting marks it most recently used, so the oldest leaves first when over capacity.
        statements.delete(sql);
      } else {
        statement = connection.prepare(sql);
        if (statements.size >= capacity) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}
