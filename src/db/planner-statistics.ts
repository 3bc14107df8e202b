import type SQLite from 'better-sqlite3';

/** Whether ANALYZE left value samples (sqlite_stat4) that this connection would plan by. */
function hasPlannerSamples(connection: SQLite.Database): boolean {
  const table = connection.prepare("select 1 from sqlite_schema where type = 'table' and name = 'sqlite_stat4'").get();
  return table !== undefined && connection.prepare('select 1 from sqlite_stat4 limit 1').get() !== undefined;
}

/**
 * Brings SQLite's planner statistics up to date with `PRAGMA optimize` (`mask` as that pragma
 * takes it; ADR 0041) and keeps only the per-index row counts (sqlite_stat1), never the value
 * samples (sqlite_stat4; ADR 0043).
 *
 * better-sqlite3 builds SQLite with STAT4, and with samples loaded SQLite marks a prepared
 * statement expired whenever a value is bound to a parameter compared with an indexed column,
 * then parses and plans it again on its next step, as if the schema had changed: every query of
 * every page, however many times its statement was reused (statement-cache.ts), and even when the
 * value is the same. Our queries are fixed shapes whose plans the tests pin with stat1 alone,
 * so the samples bought nothing and cost a quarter of an uncached article page.
 *
 * One transaction: another connection never loads the samples between the analysis and their
 * removal. `ANALYZE sqlite_schema` has this connection reload the statistics without them (a
 * connection reads them when it opens, which is when each other process does this too).
 */
export function updatePlannerStatistics(connection: SQLite.Database, mask?: number): void {
  connection.transaction(() => {
    connection.pragma(mask === undefined ? 'optimize' : `optimize = 0x${mask.toString(16)}`);
    if (!hasPlannerSamples(connection)) return;
    connection.exec('delete from sqlite_stat4');
    connection.exec('analyze sqlite_schema');
  })();
}
