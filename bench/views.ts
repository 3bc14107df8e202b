import path from 'node:path';
import { loadConfig } from '#src/config/config.ts';
import { openDatabase } from '#src/db/database.ts';
import { loadSettings, saveSettings } from '#src/domain/settings/settings-repository.ts';
import type { ViewCounting } from '#src/domain/settings/view-counting.ts';
import { readerPages } from './pages.ts';
import { ROOT, cpuMs, installEnv, randomPort, runQalam, serveQalam } from './qalam-process.ts';
import { runWrk } from './wrk.ts';

/**
 * What counting readers' views costs (issue 9: under 2% of cached article throughput; ADR 0073).
 * A cached article page is loaded with wrk, one worker, each way alternated over
 * BENCH_VIEWS_ROUNDS (default 3) rounds so the machine's load falls on each alike.
 * Counted on the server (the default):
 *   - pages, not counted: a crawler's User-Agent, which the count leaves out (the same request path
 *     up to the count itself);
 *   - pages, each counted: a browser's User-Agent; each page request is a view.
 * Counted by beacon (behind a CDN, which answers the pages; the origin sees the beacons):
 *   - pages and beacons: each page followed by its beacon (POST /views, as public/views.js sends it);
 *   - pages and uncounted beacons: the same POST with an id that is not a number, answered alike
 *     without counting: what a beacon costs as a request, without the count.
 * Prints article pages a second, the server's CPU per article page (its beacon included), steadier
 * than the rate on a shared machine, and pages per CPU-second against the first row. The goal is
 * read on the server rows: counting a view may cost under 2% of a cached page. Behind a CDN the
 * beacon replaces the page at the origin rather than adding to it. BENCH_DATA_DIR names the install
 * (with BENCH_DATABASE_URL, that PostgreSQL database); it is migrated, its view-counting setting is
 * switched and restored, and serving it writes view counts, so point it at a copy.
 */
const ROUNDS = Number(process.env.BENCH_VIEWS_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_VIEWS_SECONDS ?? 5);
const LOAD = { seconds: SECONDS, connections: 50, threads: 2, timeoutSeconds: 10 };
const BROWSER = 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const CRAWLER = 'User-Agent: Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const SCRIPT = path.join(ROOT, 'bench/alternate-beacon.lua');
const DATA_DIR = process.env.BENCH_DATA_DIR;
const POSTGRES_URL = process.env.BENCH_DATABASE_URL;

type Run = { pagesPerSecond: number; cpuPerPage: number };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

if (!DATA_DIR) throw new Error('BENCH_DATA_DIR names the install to measure (a copy)');
const env = { ...installEnv(DATA_DIR, randomPort(), POSTGRES_URL), WORKERS: '1' };
await runQalam(['migrate'], env);

/** Sets how the install counts views (read at start-up and on each render; the server is not running). */
async function countViewsBy(mode: ViewCounting): Promise<void> {
  const database = openDatabase(loadConfig(env));
  try {
    await saveSettings(database.db, { ...(await loadSettings(database.db)), viewCounting: mode });
  } finally {
    await database.close();
  }
}

/** Serves the install counting by `mode` and measures each of `ways` (a name and the wrk options and requests per page) alternated. */
async function measureWays(mode: ViewCounting, ways: (articleId: string) => Record<string, [Parameters<typeof runWrk>[1], number]>): Promise<Record<string, Run[]>> {
  await countViewsBy(mode);
  const server = await serveQalam(env);
  try {
    const article = (await readerPages(server.url))[0]!;
    const articleUrl = `${server.url}${article.path}`;
    // Every article page links its licence request form by the article's id.
    const articleId = /href="(?:\/[a-z-]+)?\/licence\/(\d+)"/.exec(await (await fetch(articleUrl)).text())?.[1];
    if (!articleId) throw new Error(`${article.path}: its article id is not on the page`);
    const measure = (options: Parameters<typeof runWrk>[1], requestsPerPage: number): Run => {
      const before = cpuMs(server.process.pid!);
      const result = runWrk(articleUrl, options);
      const pages = (result.requestsPerSecond * SECONDS) / requestsPerPage;
      return { pagesPerSecond: result.requestsPerSecond / requestsPerPage, cpuPerPage: (cpuMs(server.process.pid!) - before) / pages };
    };
    runWrk(articleUrl, { ...LOAD, seconds: 2, headers: ['Accept-Encoding: br, gzip', BROWSER] }); // warm-up: JIT and the page cache
    const planned = Object.entries(ways(articleId));
    const measured: Record<string, Run[]> = Object.fromEntries(planned.map(([name]) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, [options, requestsPerPage]] of planned) measured[name]!.push(measure(options, requestsPerPage));
    }
    return measured;
  } finally {
    await server.stop();
  }
}

const as = (agent: string) => ({ ...LOAD, headers: ['Accept-Encoding: br, gzip', agent] });
try {
  const byServer = await measureWays('server', () => ({
    'pages, not counted (crawler)': [as(CRAWLER), 1],
    'pages, each counted': [as(BROWSER), 1],
  }));
  const byBeacon = await measureWays('beacon', (id) => ({
    'pages and beacons': [{ ...as(BROWSER), script: [SCRIPT, id] }, 2],
    'pages and uncounted beacons': [{ ...as(BROWSER), script: [SCRIPT, 'none'] }, 2],
  }));
  const all = { ...byServer, ...byBeacon };
  const baseCpu = median(all['pages, not counted (crawler)']!.map((m) => m.cpuPerPage));
  console.log(`view counting on ${POSTGRES_URL ? 'PostgreSQL' : 'SQLite'}, a cached article, one worker, wrk -c${LOAD.connections} -d${SECONDS}s × ${ROUNDS} rounds alternated`);
  for (const [name, values] of Object.entries(all)) {
    const rate = median(values.map((m) => m.pagesPerSecond));
    const cpu = median(values.map((m) => m.cpuPerPage));
    // On a shared machine the CPU per page is the steadier figure; its ratio is the throughput a busy core would keep.
    console.log(`${name.padEnd(30)} ${rate.toFixed(0).padStart(6)} article pages/s  server CPU ${(cpu * 1000).toFixed(1).padStart(5)} µs/page  pages per CPU-second ×${(baseCpu / cpu).toFixed(3)}`);
  }
  const counted = median(byServer['pages, each counted']!.map((m) => m.cpuPerPage));
  const cost = (counted - baseCpu) / baseCpu;
  console.log(`counting on the server costs ${(cost * 100).toFixed(1)}% of a cached page's CPU  ${cost < 0.02 ? 'PASS' : 'MISS'} (goal < 2%)`);
} finally {
  await countViewsBy('server');
}
