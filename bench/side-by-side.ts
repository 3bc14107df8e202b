import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '#src/config/config.ts';
import { openDatabase } from '#src/db/database.ts';
import { writeArticlePaths } from './article-paths.ts';
import { cpuMs, installEnv, randomPort, ROOT, serveQalam } from './qalam-process.ts';
import { runWrk, runWrkInBackground } from './wrk.ts';

/**
 * Two server bundles' uncached random article pages (or the one page PAGE names: `/`, `/feed.xml`) measured at the same time: both serve one
 * install (a copy: serving writes view counts) with the page cache off, and each round loads both
 * at once for SECONDS, so whatever else the machine runs weighs on both alike. Alternating runs
 * (profile-page.ts with BIN=…) could not separate a tenth of a page's CPU at load averages of 10
 * and more, where one bundle's figure moved twofold from run to run. Prints each round's req/s and
 * CPU ms per page of each (on PostgreSQL also of its backends, found by their application_name);
 * the two also share the machine with each other. URL_PATH loads one address instead (the Content
 * API list: `/api/content/articles`, unlimited as in profile-page.ts).
 *
 *   DATA_DIR=/tmp/copy [DATABASE_URL=postgres://…] BEFORE=dist-before/qalam.js AFTER=dist/qalam.js \
 *   [URL_PATH=/api/content/articles | /economy] [ROUNDS=6] [SECONDS=10] tsx bench/side-by-side.ts
 */
const ROUNDS = Number(process.env.ROUNDS ?? 6);
const SECONDS = Number(process.env.SECONDS ?? 10);
// PAGE is the older name (ADR 0070).
const URL_PATH = process.env.URL_PATH ?? process.env.PAGE;

/** `url` whose connections carry the application name `name`, or undefined on SQLite. */
function named(url: string | undefined, name: string): string | undefined {
  if (!url) return undefined;
  const parsed = new URL(url);
  parsed.searchParams.set('application_name', name);
  return parsed.toString();
}

async function main(): Promise<void> {
  const { DATA_DIR, BEFORE, AFTER, DATABASE_URL } = process.env;
  if (!DATA_DIR || !BEFORE || !AFTER) throw new Error('DATA_DIR, BEFORE and AFTER are required');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-side-by-side-'));
  const file = path.join(workDir, 'paths.txt');
  const env = (port: number, url = DATABASE_URL) => ({ ...installEnv(DATA_DIR, port, url), PAGE_CACHE_MB: '0', CONTENT_API_RATE_LIMIT: '0' });
  if (!URL_PATH) await writeArticlePaths(env(0), file);
  const servers = await Promise.all(
    ['before', 'after'].map(async (name, i) => {
      const application = `qalam-side-by-side-${process.pid}-${name}`;
      return { name, application, ...(await serveQalam(env(randomPort(), named(DATABASE_URL, application)), path.resolve([BEFORE, AFTER][i]!))) };
    }),
  );
  const load = {
    connections: 8,
    threads: 1,
    headers: ['Accept-Encoding: br, gzip'],
    ...(URL_PATH ? {} : { script: [path.join(ROOT, 'bench/random-path.lua'), file] as [string, string] }),
  };
  const target = (server: { url: string }) => `${server.url}${URL_PATH ?? '/'}`;
  const database = DATABASE_URL ? openDatabase(loadConfig(env(0))) : undefined;
  try {
    for (const server of servers) runWrk(target(server), { ...load, seconds: 2 });
    // Each server's backends (its pool's connections, open after the warm-up); none on SQLite.
    const backends = await Promise.all(
      servers.map(async (s) =>
        database ? (await sql<{ pid: number }>`select pid from pg_stat_activity where application_name = ${s.application}`.execute(database.db)).rows.map((r) => r.pid) : [],
      ),
    );
    // A backend whose connection the pool closed meanwhile counts nothing (the pool keeps its connections under load).
    const backendCpu = (pids: number[]) =>
      pids.reduce((total, pid) => {
        try {
          return total + cpuMs(pid);
        } catch {
          return total;
        }
      }, 0);
    for (let round = 0; round < ROUNDS; round++) {
      const cpuBefore = servers.map((s) => cpuMs(s.process.pid!));
      const backendsBefore = backends.map(backendCpu);
      const results = await Promise.all(servers.map((s) => runWrkInBackground(target(s), { ...load, seconds: SECONDS })));
      const figures = servers.map((s, i) => {
        const pages = results[i]!.requestsPerSecond * SECONDS;
        const db = database ? ` + PostgreSQL ${((backendCpu(backends[i]!) - backendsBefore[i]!) / pages).toFixed(3)} ms` : '';
        return `${s.name} ${results[i]!.requestsPerSecond.toFixed(0)} req/s ${((cpuMs(s.process.pid!) - cpuBefore[i]!) / pages).toFixed(3)} ms/page${db}`;
      });
      console.log(`load ${os.loadavg()[0]!.toFixed(2)}  ${figures.join('  |  ')}`);
    }
  } finally {
    await database?.close();
    await Promise.all(servers.map((s) => s.stop()));
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

await main();
