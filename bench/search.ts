import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { runAdminQuery } from '../test/support/test-server.ts';
import { addArchiveArticles } from './bulk-articles.ts';
import { latencyLine, requestLatency } from './latency.ts';
import { installEnv, randomPort, runQalam, serveQalam } from './qalam-process.ts';

/**
 * Readers' search at scale: one install with the demo and BENCH_ARTICLES (default 100000) archive
 * articles, then each query below asked REQUESTS times in a row over HTTP (the search page is never
 * cached, so every request reaches the index), after a warm-up. Prints p50 and p95 per query; the
 * target is p95 under 30 ms on both databases for a common word and a rare one.
 * BENCH_DATABASE_URL=postgres://… runs it on PostgreSQL, in a schema of its own dropped at the end.
 * BENCH_DATA_DIR=/path measures an install that exists already (seeding 100,000 articles takes
 * minutes): that data directory, and with BENCH_DATABASE_URL that database as the URL names it (its
 * schema in `options=-c search_path=…`); nothing is seeded, dropped or deleted, but it is migrated
 * first (`qalam migrate`), so point it at a copy, never at an install others share. BENCH_MIGRATE=0
 * leaves it as it is (a shared install already migrated, such as a read-only seed: `serve` refuses a
 * schema that is behind).
 */
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100_000);
const REQUESTS = Number(process.env.BENCH_SEARCH_REQUESTS ?? 200);
const POSTGRES_URL = process.env.BENCH_DATABASE_URL;
const EXISTING_DATA_DIR = process.env.BENCH_DATA_DIR;

/**
 * The archive is `qalam seed --synthetic`'s (src/demo/synthetic): "almaty" opens or names a place
 * in a large share of the English articles (a common word: many match), "museum" is in few, and
 * "xylophonic" in none; the Russian and Kazakh rows ask the same of their languages.
 */
const QUERIES: Array<{ name: string; path: string }> = [
  { name: 'en common ("almaty")', path: '/search?q=almaty' },
  { name: 'en common, page 5', path: '/search?q=almaty&page=5' },
  { name: 'en two words', path: '/search?q=almaty+council' },
  { name: 'en rarer ("museum")', path: '/search?q=museum' },
  { name: 'en no match', path: '/search?q=xylophonic' },
  { name: 'ru common ("алматы")', path: `/ru/search?q=${encodeURIComponent('алматы')}` },
  { name: 'ru rarer ("музея")', path: `/ru/search?q=${encodeURIComponent('музея')}` },
  { name: 'kk Latin ("astana")', path: '/kk-latn/search?q=astana' },
  { name: 'kk rarer ("шахмат")', path: `/kk/search?q=${encodeURIComponent('шахмат')}` },
  { name: 'ru no match', path: `/ru/search?q=${encodeURIComponent('ксилофон')}` },
  { name: 'kk common ("астана")', path: `/kk/search?q=${encodeURIComponent('астана')}` },
  { name: 'kk no match', path: `/kk/search?q=${encodeURIComponent('ксилофон')}` },
  { name: 'kk Latin rarer ("sahmat")', path: '/kk-latn/search?q=sahmat' },
  { name: 'kk Latin no match', path: '/kk-latn/search?q=ksilofon' },
];

/** Asks every query of QUERIES of a running install and prints its p50 and p95. */
async function measure(env: NodeJS.ProcessEnv): Promise<void> {
  const server = await serveQalam(env);
  try {
    for (const query of QUERIES) {
      const latency = await requestLatency(`${server.url}${query.path}`, REQUESTS, server.process.pid!);
      const results = /<p class="search-count"[^>]*>([^<]*)/.exec(latency.body)?.[1] ?? 'no results';
      console.log(latencyLine(query.name, latency, results.trim()));
    }
  } finally {
    await server.stop();
  }
}

/** A fresh install of its own: the demo and ARTICLES archive articles, removed at the end. */
async function measureFreshInstall(): Promise<void> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-bench-search-'));
  const schema = POSTGRES_URL ? `bench_${randomBytes(6).toString('hex')}` : null;
  let databaseUrl: string | undefined;
  if (POSTGRES_URL && schema) {
    await runAdminQuery(POSTGRES_URL, `create schema ${schema}`);
    const url = new URL(POSTGRES_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    databaseUrl = url.toString();
  }
  try {
    const env = installEnv(path.join(workDir, 'data'), randomPort(), databaseUrl);
    await runQalam(['seed'], env);
    const started = performance.now();
    await addArchiveArticles(env, ARTICLES);
    console.log(`search bench on ${POSTGRES_URL ? 'PostgreSQL' : 'SQLite'}: ${ARTICLES} archive articles written (with their search documents) in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    await measure(env);
  } finally {
    if (POSTGRES_URL && schema) await runAdminQuery(POSTGRES_URL, `drop schema ${schema} cascade`);
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

if (EXISTING_DATA_DIR) {
  console.log(`search bench on ${POSTGRES_URL ? 'PostgreSQL' : 'SQLite'}: the existing install in ${EXISTING_DATA_DIR}`);
  const env = installEnv(EXISTING_DATA_DIR, randomPort(), POSTGRES_URL);
  if (process.env.BENCH_MIGRATE !== '0') await runQalam(['migrate'], env);
  await measure(env);
} else {
  await measureFreshInstall();
}
