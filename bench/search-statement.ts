import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DatabaseHandle } from '#src/db/database.ts';
import { parseSearchQuery } from '#src/domain/search/search-query.ts';
import * as current from '#src/domain/search/search-repository.ts';
import { percentile } from './latency.ts';

/**
 * Readers' search statement alone, in process (searchArticleIds: no HTTP, no snippets): each query
 * RUNS times (default 30) after a warm-up, min / p50 / p95 in ms, the CPU ms of this process per
 * run, and the load average when the figure was taken (the machine may be shared).
 *
 * BENCH_DATA_DIR=/path (required): an install's data directory (SQLite), or with BENCH_DATABASE_URL
 * that PostgreSQL database. It is opened as the server opens it (planner statistics may be
 * written) and never migrated: migrate it first, and point it at a copy.
 *
 * Before and after: BENCH_BASELINE_DATA_DIR=/other/copy and BENCH_BASELINE_SOURCE=/other/checkout
 * measure that checkout's search repository on that copy too (as its own schema needs), in
 * alternating blocks (baseline, current, current, baseline, …) so load swings fall on both, and
 * say where the two answers differ. On PostgreSQL BENCH_BASELINE_DATABASE_URL names the baseline's
 * database instead of BENCH_BASELINE_DATA_DIR (BENCH_DATA_DIR is then not needed either).
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const BLOCK = 5;
const DATA_DIR = process.env.BENCH_DATA_DIR;
const BASELINE_DATA_DIR = process.env.BENCH_BASELINE_DATA_DIR;
const BASELINE_SOURCE = process.env.BENCH_BASELINE_SOURCE;
const POSTGRES_URL = process.env.BENCH_DATABASE_URL;
/** BENCH_ONLY=regex: only the queries whose `edition kind "q"` line matches (e.g. `rare|none`). */
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'u') : null;
const BASELINE_POSTGRES_URL = process.env.BENCH_BASELINE_DATABASE_URL;

/**
 * Words of `qalam seed --synthetic`'s phrase book (src/demo/synthetic/synthetic-phrases.ts): a
 * place most articles of the language name, one of its rarest words (at 100,000 articles the
 * phrase book has none in fewer than about 1,500 of a language's), and a word of other languages
 * that this one never has (the case that walked every match when the language was filtered
 * outside the full-text query, ADR 0050). kk-latn searches the Kazakh articles in Latin.
 */
const QUERIES: Array<{ edition: string; language: string; kind: string; q: string }> = [
  { edition: 'en', language: 'en', kind: 'common', q: 'almaty' },
  { edition: 'en', language: 'en', kind: 'two words', q: 'almaty council' },
  { edition: 'en', language: 'en', kind: 'rare', q: 'museum' },
  { edition: 'en', language: 'en', kind: 'other languages', q: 'астана' },
  { edition: 'en', language: 'en', kind: 'none', q: 'xylophonic' },
  { edition: 'ru', language: 'ru', kind: 'common', q: 'алматы' },
  { edition: 'ru', language: 'ru', kind: 'rare', q: 'музея' },
  { edition: 'ru', language: 'ru', kind: 'other languages', q: 'astana' },
  { edition: 'kk', language: 'kk', kind: 'common', q: 'астана' },
  { edition: 'kk', language: 'kk', kind: 'rare', q: 'терминалы' },
  { edition: 'kk', language: 'kk', kind: 'rarer', q: 'шахмат' },
  { edition: 'kk', language: 'kk', kind: 'other languages', q: 'музея' },
  { edition: 'kk-latn', language: 'kk', kind: 'common', q: 'astana' },
  { edition: 'kk-latn', language: 'kk', kind: 'rare', q: 'terminaly' },
  { edition: 'kk-latn', language: 'kk', kind: 'rarer', q: 'sahmat' },
  { edition: 'kk-latn', language: 'kk', kind: 'other languages', q: 'museum' },
];

type SearchArticleIds = typeof current.searchArticleIds;
type Side = { name: string; database: DatabaseHandle; search: SearchArticleIds; times: number[]; cpu: number; answer: string };

function open(dataDir: string, postgresUrl: string | undefined): DatabaseHandle {
  return openDatabase({ database: postgresUrl ? { kind: 'postgres', url: postgresUrl } : { kind: 'sqlite', file: path.join(dataDir, 'qalam.db') } });
}

async function timeBlock(side: Side, query: (typeof QUERIES)[number], now: string, runs: number): Promise<void> {
  const filter = { language: query.language, terms: parseSearchQuery(query.q).terms };
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const answer = await side.search(side.database.db, side.database.kind, filter, { limit: 10, offset: 0 }, now);
    side.times.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    side.cpu += (used.user + used.system) / 1000;
    side.answer = `${answer.total}: ${answer.ids.join(',')}`;
  }
}

function line(side: Side): string {
  const sorted = [...side.times].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1).padStart(6);
  return `${side.name.padEnd(8)} min ${f(sorted[0]!)}  p50 ${f(percentile(sorted, 50))}  p95 ${f(percentile(sorted, 95))}  CPU ${f(side.cpu / sorted.length)} ms/run`;
}

/** How the sides' answers differ ('' when they are the same): the count, or page 1's ids and their order. */
function difference(measured: readonly Side[]): string {
  const [first, second] = measured;
  if (!first || !second || first.answer === second.answer) return '';
  const [totalA, idsA] = first.answer.split(': ');
  const [totalB, idsB] = second.answer.split(': ');
  const pageA = idsA!.split(',');
  const pageB = new Set(idsB!.split(','));
  const shared = pageA.filter((id) => pageB.has(id)).length;
  const what = totalA !== totalB ? `counts ${totalA} and ${totalB}` : shared === pageA.length ? 'page 1 in another order' : `page 1 shares ${shared} of ${pageA.length}`;
  return `  DIFFERENT: ${what} (${measured.map((side) => `${side.name} ${side.answer}`).join(' | ')})`;
}

if (!DATA_DIR && !POSTGRES_URL) throw new Error('BENCH_DATA_DIR names the install to measure (a copy: it is opened for writing).');
const sides: Array<Omit<Side, 'times' | 'cpu' | 'answer'>> = [];
const hasBaseline = Boolean(BASELINE_SOURCE && (BASELINE_DATA_DIR || BASELINE_POSTGRES_URL));
if (hasBaseline) {
  const baseline = (await import(path.join(BASELINE_SOURCE!, 'src/domain/search/search-repository.ts'))) as typeof current;
  sides.push({ name: 'before', database: open(BASELINE_DATA_DIR ?? '', BASELINE_POSTGRES_URL), search: baseline.searchArticleIds });
}
sides.push({ name: hasBaseline ? 'after' : 'current', database: open(DATA_DIR ?? '', POSTGRES_URL), search: current.searchArticleIds });
const now = new Date().toISOString();
try {
  for (const query of QUERIES) {
    if (ONLY && !ONLY.test(`${query.edition} ${query.kind} "${query.q}"`)) continue;
    const measured: Side[] = sides.map((side) => ({ ...side, times: [], cpu: 0, answer: '' }));
    for (const side of measured) await timeBlock(side, query, now, 3); // warm-up: pages of the index in the cache
    for (const side of measured) side.times = [];
    for (const side of measured) side.cpu = 0;
    const load = [os.loadavg()[0]!];
    for (let block = 0; block * BLOCK < RUNS; block++) {
      const order = block % 2 === 0 ? measured : [...measured].reverse();
      for (const side of order) await timeBlock(side, query, now, Math.min(BLOCK, RUNS - block * BLOCK));
    }
    load.push(os.loadavg()[0]!);
    const total = measured[0]!.answer.split(':')[0];
    console.log(`${query.edition} ${query.kind} "${query.q}" (${total} matches, load ${load.map((l) => l.toFixed(1)).join('→')})${difference(measured)}`);
    for (const side of measured) console.log(`  ${line(side)}`);
  }
} finally {
  for (const side of sides) await side.database.close();
}
