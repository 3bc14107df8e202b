import path from 'node:path';
import { readerPages } from './pages.ts';
import { ROOT, cpuMs, installEnv, randomPort, runQalam, serveQalam } from './qalam-process.ts';
import { runWrk } from './wrk.ts';

/**
 * What counting readers' views costs (issue 9: under 2% of cached article throughput). A cached
 * article page is loaded with wrk three ways, one worker, alternated over BENCH_VIEWS_ROUNDS
 * (default 3) rounds so the machine's load falls on each alike:
 *   - pages only: no view is counted (a reader without the beacon);
 *   - pages and beacons: each page followed by its beacon (POST /views, as public/views.js sends
 *     it; the counts flushed to the database every VIEWS_FLUSH_SECONDS as in production);
 *   - pages and uncounted beacons: the same POST with an id that is not a number, which Qalam
 *     answers alike without counting: what a beacon costs as a request, without the count.
 * Prints article pages a second of each (half the requests of an alternating run), the server's
 * CPU per article page (its beacon included), steadier than the rate on a shared machine, and the
 * ratio of pages per CPU-second to pages only (the goal: ≥ ×0.98). The beacon is a request of its
 * own, so a view counts even when a CDN serves the page; counting proper is the difference between
 * the last two rows. BENCH_DATA_DIR names the install (with BENCH_DATABASE_URL, that PostgreSQL
 * database); it is migrated, and serving it writes view counts, so point it at a copy.
 */
const ROUNDS = Number(process.env.BENCH_VIEWS_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_VIEWS_SECONDS ?? 5);
const LOAD = { seconds: SECONDS, connections: 50, threads: 2, timeoutSeconds: 10 };
const BROWSER = ['Accept-Encoding: br, gzip', 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'];
const SCRIPT = path.join(ROOT, 'bench/alternate-beacon.lua');
const DATA_DIR = process.env.BENCH_DATA_DIR;
const POSTGRES_URL = process.env.BENCH_DATABASE_URL;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

if (!DATA_DIR) throw new Error('BENCH_DATA_DIR names the install to measure (a copy)');
const env = { ...installEnv(DATA_DIR, randomPort(), POSTGRES_URL), WORKERS: '1' };
await runQalam(['migrate'], env);
const server = await serveQalam(env);
try {
  const article = (await readerPages(server.url))[0]!;
  const articleUrl = `${server.url}${article.path}`;
  const id = /\/views\/(\d+)\.gif/.exec(await (await fetch(articleUrl)).text())?.[1];
  if (!id) throw new Error(`${article.path} has no view beacon`);
  const pagesOnly = { ...LOAD, headers: BROWSER };
  const withBeacons = (id: string) => ({ ...LOAD, headers: BROWSER, script: [SCRIPT, id] as [string, string] });
  // Each run: article pages a second, and the server's CPU per article page (with its beacon, if any).
  const runs: Record<string, () => { pagesPerSecond: number; cpuPerPage: number }> = {
    'pages only': () => measure(pagesOnly, 1),
    'pages and beacons': () => measure(withBeacons(id), 2),
    'pages and uncounted beacons': () => measure(withBeacons('none'), 2),
  };
  function measure(options: Parameters<typeof runWrk>[1], requestsPerPage: number) {
    const before = cpuMs(server.process.pid!);
    const result = runWrk(articleUrl, options);
    const pages = (result.requestsPerSecond * SECONDS) / requestsPerPage;
    return { pagesPerSecond: result.requestsPerSecond / requestsPerPage, cpuPerPage: (cpuMs(server.process.pid!) - before) / pages };
  }
  runWrk(articleUrl, { ...LOAD, seconds: 2, headers: BROWSER }); // warm-up: JIT and the page cache
  const measured: Record<string, Array<{ pagesPerSecond: number; cpuPerPage: number }>> = Object.fromEntries(Object.keys(runs).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of Object.entries(runs)) measured[name]!.push(run());
  }
  const baseCpu = median(measured['pages only']!.map((m) => m.cpuPerPage));
  console.log(`view counting on ${POSTGRES_URL ? 'PostgreSQL' : 'SQLite'}, cached ${article.path}, one worker, wrk -c${LOAD.connections} -d${SECONDS}s × ${ROUNDS} rounds alternated`);
  for (const [name, values] of Object.entries(measured)) {
    const rate = median(values.map((m) => m.pagesPerSecond));
    const cpu = median(values.map((m) => m.cpuPerPage));
    // On a shared machine the CPU per page is the steadier figure; its ratio is the throughput a busy core would keep.
    console.log(`${name.padEnd(28)} ${rate.toFixed(0).padStart(6)} article pages/s  server CPU ${(cpu * 1000).toFixed(0).padStart(4)} µs/page  pages per CPU-second ×${(baseCpu / cpu).toFixed(3)}`);
  }
} finally {
  await server.stop();
}
