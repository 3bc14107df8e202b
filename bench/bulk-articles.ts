import { sql } from 'kysely';
import { loadConfig } from '#src/config/config.ts';
import { openDatabase } from '#src/db/database.ts';
import { runQalam } from './qalam-process.ts';

/**
 * Fills an install up to a newsroom's archive with `qalam seed --synthetic count`: the same made-up
 * but realistic articles (English, Russian, Kazakh; ten years of dates, sections, tags, bylines,
 * images) a user gets from the command, written the way it writes them.
 */
export async function addArchiveArticles(env: NodeJS.ProcessEnv, count: number): Promise<void> {
  await runQalam(['seed', '--synthetic', String(count)], env);
  const database = openDatabase(loadConfig(env));
  try {
    // A live PostgreSQL gets this from autovacuum within minutes of a bulk change: statistics for
    // the planner and a visibility map that allows index-only scans. Measure that steady state.
    if (database.kind === 'postgres') await sql`vacuum analyze`.execute(database.db);
  } finally {
    await database.close();
  }
}
