import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeArticlePaths } from './article-paths.ts';
import { cpuMs, installEnv, randomPort, ROOT, serveQalam } from './qalam-process.ts';
import { runWrk, runWrkInBackground } from './wrk.ts';

/**
 * Two server bundles' uncached random article pages (or the one page PAGE names: `/`, `/feed.xml`) measured at the same time: both serve one
 * install (a copy: serving writes view counts) with the page cache off, and each round loads both
 * at once for SECONDS, so whatever else the machine runs weighs on both alike. Alternating runs
 * (profile-page.ts with BIN=…) could not separate a tenth of a page's CPU at load averages of 10
 * and more, where one bundle's figure moved twofold from run to run. Prints each round's req/s and
 * CPU ms per page of each; the two also share the machine with each other.
 *
 *   DATA_DIR=/tmp/copy [DATABASE_URL=postgres://…] BEFORE=dist-before/qalam.js AFTER=dist/qalam.js \
 *   [PAGE=/economy] [ROUNDS=6] [SECONDS=10] tsx bench/side-by-side.ts
 */
const ROUNDS = Number(process.env.ROUNDS ?? 6);
const SECONDS = Number(process.env.SECONDS ?? 10);

async function main(): Promise<void> {
  const { DATA_DIR, BEFORE, AFTER } = process.env;
  if (!DATA_DIR || !BEFORE || !AFTER) throw new Error('DATA_DIR, BEFORE and AFTER are required');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-side-by-side-'));
  const file = path.join(workDir, 'paths.txt');
  const env = (port: number) => ({ ...installEnv(DATA_DIR, port, process.env.DATABASE_URL), PAGE_CACHE_MB: '0' });
  await writeArticlePaths(env(0), file);
  const servers = [
    { name: 'before', ...(await serveQalam(env(randomPort()), path.resolve(BEFORE))) },
    { name: 'after', ...(await serveQalam(env(randomPort()), path.resolve(AFTER))) },
  ];
  const page = process.env.PAGE;
  const load = { connections: 8, threads: 1, headers: ['Accept-Encoding: br, gzip'], ...(page ? {} : { script: [path.join(ROOT, 'bench/random-path.lua'), file] as [string, string] }) };
  const target = page ?? '/';
  try {
    for (const server of servers) runWrk(`${server.url}${target}`, { ...load, seconds: 2 });
    for (let round = 0; round < ROUNDS; round++) {
      const cpuBefore = servers.map((s) => cpuMs(s.process.pid!));
      const results = await Promise.all(servers.map((s) => runWrkInBackground(`${s.url}${target}`, { ...load, seconds: SECONDS })));
      const figures = servers.map((s, i) => {
        const pages = results[i]!.requestsPerSecond * SECONDS;
        return `${s.name} ${results[i]!.requestsPerSecond.toFixed(0)} req/s ${((cpuMs(s.process.pid!) - cpuBefore[i]!) / pages).toFixed(3)} ms/page`;
      });
      console.log(`load ${os.loadavg()[0]!.toFixed(2)}  ${figures.join('  |  ')}`);
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

await main();
