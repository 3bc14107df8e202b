import { performance } from 'node:perf_hooks';
import { sql, type CompiledQuery } from 'kysely';
import { loadConfig } from '#src/config/config.ts';
import { openDatabase } from '#src/db/database.ts';
import { createContentReadModel, type ContentArticleQuery } from '#src/domain/content-api/content-read-model.ts';
import { busiestLists } from './article-paths.ts';
import { installEnv, randomPort } from './qalam-process.ts';

/**
 * The plans and times of the Content API list's page query for each filter, on an EXISTING install
 * (read-only: nothing is written): EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL, and
 * the median time of the read model's page read (the query and its rows, no HTTP) over a few runs.
 *
 *   DATA_DIR=/tmp/copy [DATABASE_URL=postgres://…] [RUNS=15] [PLANS=1] tsx bench/content-api-plans.ts
 */
const RUNS = Number(process.env.RUNS ?? 15);

async function main(): Promise<void> {
  if (!process.env.DATA_DIR) throw new Error('DATA_DIR names the install to read.');
  const env = installEnv(process.env.DATA_DIR, randomPort(), process.env.DATABASE_URL);
  const database = openDatabase(loadConfig(env));
  const db = database.db;
  const postgres = database.kind === 'postgres';
  try {
    const lists = await busiestLists(db);
    const tag = process.env.TAG ?? lists.tag;
    const author = process.env.AUTHOR ?? lists.author;
    const section = process.env.SECTION ?? lists.section;
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const queries: Array<[string, Partial<ContentArticleQuery>]> = [
      ['all', {}],
      ['language=en', { language: 'en' }],
      [`tag=${tag}`, { tag }],
      [`tag=${tag}&language=en`, { tag, language: 'en' }],
      [`tag=${tag}&sort=updated`, { tag, sort: 'updated' }],
      [`author=${author}`, { author }],
      [`author=${author}&language=en`, { author, language: 'en' }],
      [`section=${section}`, { section }],
      [`section=${section}&language=en`, { section, language: 'en' }],
      [`updatedSince=30d`, { updatedSince: since }],
      [`updatedSince=30d&sort=updated`, { updatedSince: since, sort: 'updated' }],
      [`tag=${tag}&section=${section}`, { tag, section }],
      [`tag=${tag}&author=${author}`, { tag, author }],
    ];
    // The page query is the read's last: its SQL is kept to explain it.
    let last: CompiledQuery | undefined;
    const original = db.executeQuery.bind(db);
    (db as { executeQuery: unknown }).executeQuery = (query: CompiledQuery) => ((last = query), original(query));
    const content = createContentReadModel({ database });
    for (const [name, asked] of queries) {
      const query: ContentArticleQuery = { sort: 'published', limit: 20, ...asked };
      const times: number[] = [];
      let page = await content.listArticleRows(query);
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        page = await content.listArticleRows(query);
        times.push(performance.now() - started);
      }
      // The page after a deep cursor: 50 pages in.
      let cursor = page.nextCursor;
      for (let step = 0; step < 50 && cursor; step++) cursor = (await content.listArticleRows({ ...query, cursor })).nextCursor;
      const deepStarted = performance.now();
      if (cursor) await content.listArticleRows({ ...query, cursor });
      const deepMs = performance.now() - deepStarted;
      times.sort((a, b) => a - b);
      console.log(`${name.padEnd(40)} ${times[times.length >> 1]!.toFixed(2)} ms median, page 51: ${deepMs.toFixed(2)} ms, ${page.items.length} items`);
      if (process.env.PLANS && last) {
        const explain = postgres ? 'explain (analyze, costs off, summary off)' : 'explain query plan';
        const rows = (await original({ ...last, sql: `${explain} ${last.sql}` } as CompiledQuery)).rows as Array<Record<string, string>>;
        const text = rows.map((row) => `    ${postgres ? row['QUERY PLAN'] : row.detail}`).join('\n');
        console.log(text);
      }
    }
  } finally {
    await database.close();
  }
}

await main();
