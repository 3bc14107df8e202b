import type pg from 'pg';

/**
 * SQL texts that PostgreSQL keeps parsed and planned per connection (named prepared statements),
 * by the name each has in this process. Kysely sends every query unnamed, so PostgreSQL parses
 * and plans it again on each run: on an uncached article page at 100,000 articles, planning its
 * two queries was ~1.1 ms of the server's CPU against ~0.15 ms running them (ADR 0064). A named
 * statement is planned with its values for its first five runs on a connection and then, where
 * that costs no more, once for all (PostgreSQL's generic plan).
 *
 * Only the queries a caller marks are prepared (see compiledOnce's `prepared`): hot reads whose
 * plan does not depend on their values (a lookup by key); a list whose best index depends on how
 * deep its page is would be better planned per run. The set is bounded: past MAX_PREPARED texts,
 * new ones run unnamed as before, so a caller that marked queries of ever new shapes cannot make
 * every connection hold ever more statements.
 */
const names = new Map<string, string>();
export const MAX_PREPARED = 200;

/** Marks `sql` to run as a named prepared statement on PostgreSQL (nothing on SQLite, which keeps its own, statement-cache.ts). */
export function prepareStatement(sql: string): void {
  if (!names.has(sql) && names.size < MAX_PREPARED) names.set(sql, `qalam_${names.size + 1}`);
}

/** The statement name `sql` runs under, if it was marked. */
export function preparedStatementName(sql: string): string | undefined {
  return names.get(sql);
}

/**
 * The pool's client class: a query with values (Kysely's `query(sql, values)`) whose text was
 * marked runs as the named statement, which the `pg` driver parses once per connection (it
 * remembers which names each connection has parsed) and then only binds and executes.
 */
export function preparingClient(driver: typeof pg): typeof pg.Client {
  return class PreparingClient extends driver.Client {
    // pg's query has many overloads; only (text, values[, callback]) is rewritten, every other form passes as is.
    override query(...args: unknown[]): never {
      const [text, values] = args;
      const name = typeof text === 'string' && Array.isArray(values) ? preparedStatementName(text) : undefined;
      const call = name ? [{ name, text, values }, ...args.slice(2)] : args;
      return (super.query as (...a: unknown[]) => never)(...call);
    }
  };
}
