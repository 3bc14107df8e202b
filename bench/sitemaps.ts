import { latencyLine, requestLatency } from './latency.ts';
import { installEnv, randomPort, runQalam, serveQalam } from './qalam-process.ts';

/**
 * Sitemaps built on request (page cache off), as a crawler's first visit after a publication
 * finds them: the newest month's article sitemap and the one before it (a full month), the news sitemap (the last 48 hours) and the
 * sitemap index, each asked BENCH_SITEMAP_REQUESTS (default 100) times in a row; prints p50 and
 * p95. Issue 9's goal: a month's sitemap and the news sitemap under 50 ms uncached at 100,000
 * articles. It measures the install that BENCH_DATA_DIR names (with BENCH_DATABASE_URL, that
 * PostgreSQL database, its schema in `options=-c search_path=…`), migrated first (`qalam
 * migrate`), so point it at a copy. The cached rate of a sitemap beside the article page's is a
 * row of `npm run bench` (bench/pages.ts).
 */
const REQUESTS = Number(process.env.BENCH_SITEMAP_REQUESTS ?? 100);
const DATA_DIR = process.env.BENCH_DATA_DIR;
const POSTGRES_URL = process.env.BENCH_DATABASE_URL;

if (!DATA_DIR) throw new Error('BENCH_DATA_DIR names the install to measure (a copy)');
const env = { ...installEnv(DATA_DIR, randomPort(), POSTGRES_URL), PAGE_CACHE_MB: '0' };
await runQalam(['migrate'], env);
const server = await serveQalam(env);
try {
  const index = await (await fetch(`${server.url}/sitemap.xml`)).text();
  const files = [...index.matchAll(/\/sitemaps\/([a-z0-9-]+\.xml)/g)].map((match) => match[1]!);
  // The newest month may have just begun: the one before it is the newest full month.
  const [fullMonth, newestMonth] = files.filter((file) => /^articles-\d{4}-\d{2}\.xml$/.test(file)).sort().slice(-2);
  console.log(`sitemap bench on ${POSTGRES_URL ? 'PostgreSQL' : 'SQLite'}, page cache off: ${DATA_DIR}`);
  const rows = [
    ...(newestMonth ? [{ name: `newest month (${newestMonth.slice(9, 16)})`, path: `/sitemaps/${newestMonth}` }] : []),
    ...(fullMonth ? [{ name: `full month (${fullMonth.slice(9, 16)})`, path: `/sitemaps/${fullMonth}` }] : []),
    ...(files.includes('news.xml') ? [{ name: 'news (last 48 hours)', path: '/sitemaps/news.xml' }] : []),
    { name: 'sitemap index', path: '/sitemap.xml' },
  ];
  for (const row of rows) {
    const latency = await requestLatency(`${server.url}${row.path}`, REQUESTS, server.process.pid!);
    console.log(latencyLine(row.name, latency, `${(latency.body.match(/<loc>/g) ?? []).length} <loc>, ${(latency.body.length / 1024).toFixed(0)} KiB`));
  }
  if (!files.includes('news.xml')) console.log('news sitemap: none (no article in the last 48 hours)');
} finally {
  await server.stop();
}
