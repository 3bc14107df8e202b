import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '#src/config/config.ts';
import { openDatabase, type Db } from '#src/db/database.ts';
import { loginAs } from '../test/support/auth.ts';
import { DIST_BIN, ROOT, SOURCE_BIN, cpuMs, formatResult, installEnv, randomPort, runQalam, serveQalam, systemCpuMs } from './qalam-process.ts';
import { busiestLists, writeArticlePaths } from './article-paths.ts';
import { runWrk } from './wrk.ts';
import { summarizeProfile } from './cpu-profile-summary.ts';

/**
 * The uncached pages of an EXISTING install, one page type at a time: what scale.ts measures, but
 * without seeding, so a change can be measured (and profiled) against a copy of a large install in
 * a minute. The page cache is off and one process serves, as in scale.ts.
 *
 *   DATA_DIR=/tmp/copy [DATABASE_URL=postgres://…] [PAGES=article,main,…] [SECONDS=5] \
 *   [PROFILE_DIR=/somewhere] [BIN=dist|source|path/to/qalam.js] tsx bench/profile-page.ts
 *
 * With PROFILE_DIR, each page type is served by its own process under `node --cpu-prof`, and
 * `<page>.cpuprofile` (open it in Chrome DevTools or speedscope) and `<page>.txt` (the top frames
 * by self and by inclusive time) are written there; the profiled figures are slower than the plain ones.
 * BIN says which server runs: the TypeScript sources through tsx (`source`, the default), the
 * compiled bundle `npm run build` writes (`dist`, what `npm run bench` measures: run the build
 * first), or any other bundle (a build of the code before a change, `node scripts/build-server.js
 * --out dist-before/qalam.js`, to alternate before and after on one loaded machine).
 * Signs in as bench-editor@example.test for the newsroom row, creating that user if needed (only when that row is wanted).
 */
const SECONDS = Number(process.env.SECONDS ?? 5);
const LOAD = { seconds: SECONDS, connections: 16, threads: 2, headers: ['Accept-Encoding: br, gzip'] };
const EDITOR = { email: 'bench-editor@example.test', password: 'bench-editor-password' };
const PROFILE_DIR = process.env.PROFILE_DIR;
const BIN = { source: SOURCE_BIN, dist: DIST_BIN }[process.env.BIN ?? 'source'] ?? path.resolve(process.env.BIN!);

type Target = { name: string; path: string; articles?: string; editor?: boolean };

/** The page of each type worth loading: the biggest section (first and last page), tag and author. */
async function targets(env: NodeJS.ProcessEnv, articlesFile: string): Promise<Target[]> {
  await writeArticlePaths(env, articlesFile);
  const database = openDatabase(loadConfig(env));
  try {
    const lists = await busiestLists(database.db);
    const month = await newestMonth(database.db);
    return [
      { name: 'article', path: '/', articles: articlesFile },
      { name: 'main', path: '/' },
      { name: 'section-1', path: `/${lists.section}` },
      // Scheduled articles count but are not listed yet: the last page that answers is found below.
      { name: 'section-last', path: `/${lists.section}?page=${lists.lastSectionPage}` },
      { name: 'tag', path: `/tag/${lists.tag}` },
      { name: 'author', path: `/author/${lists.author}` },
      { name: 'rss', path: '/feed.xml' },
      { name: 'atom', path: '/atom.xml' },
      { name: 'json-feed', path: '/feed.json' },
      // scale.ts's feeds of a subject: a section's Atom, a tag's JSON Feed.
      { name: 'section-atom', path: `/${lists.section}/atom.xml` },
      { name: 'tag-json-feed', path: `/tag/${lists.tag}/feed.json` },
      // The newest whole month's sitemap: it grows with the archive's monthly rate.
      { name: 'sitemap-month', path: `/sitemaps/articles-${month}.xml` },
      { name: 'newsroom', path: '/newsroom', editor: true },
      { name: 'newsroom-search', path: '/api/admin/articles?q=steppe', editor: true },
      { name: 'content-api', path: '/api/content/articles' },
      { name: 'search-en', path: '/search?q=almaty' },
      { name: 'search-kk-latn', path: '/kk-latn/search?q=astana' },
    ];
  } finally {
    await database.close();
  }
}

/** The UTC month ('YYYY-MM') of the newest article published before this month: a whole month's sitemap file. */
async function newestMonth(db: Db): Promise<string> {
  const newest = await db
    .selectFrom('articles')
    .select('published_at')
    .where('status', '=', 'published')
    .where('published_at', '<', `${new Date().toISOString().slice(0, 7)}-01`)
    .orderBy('published_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return newest.published_at!.slice(0, 7);
}

/** The last page of a list that answers 200, searching down from `path`'s page. */
async function lastExistingPage(base: string, target: Target): Promise<Target> {
  const url = new URL(target.path, base);
  let page = Number(url.searchParams.get('page'));
  while (page > 1 && (await fetch(url)).status === 404) url.searchParams.set('page', String(--page));
  return { ...target, path: `${url.pathname}${url.search}` };
}

/** A serving process; `startedAt` (performance.now()) when it was spawned. */
type Served = { url: string; pid: number; startedAt: number; stop(): Promise<void> };

/** `qalam serve` under `node --cpu-prof` (which NODE_OPTIONS may not carry), resolved once healthy; the profile is written when it stops. */
async function serveProfiled(env: NodeJS.ProcessEnv, dir: string, name: string): Promise<Served> {
  // Every thread writes a profile (tsx's loader hooks run in one of their own): the main thread's, the largest, is kept.
  const threads = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-cpu-prof-'));
  const startedAt = performance.now();
  const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${threads}`, BIN, 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${env.PORT}`;
  for (let attempt = 0; ; attempt++) {
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    if (attempt > 240 || child.exitCode !== null) throw new Error(`Qalam did not become healthy at ${url}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    pid: child.pid!,
    startedAt,
    async stop() {
      child.kill();
      await once(child, 'exit');
      const [main] = fs
        .readdirSync(threads)
        .map((file) => path.join(threads, file))
        .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
      fs.copyFileSync(main!, path.join(dir, name));
      fs.rmSync(threads, { recursive: true, force: true });
    },
  };
}

/**
 * On PostgreSQL the served process's connections carry an application name of their own, so the
 * CPU of the server processes (backends) answering it can be told from other clients' and counted:
 * on one machine the database's CPU is part of a page's cost.
 */
const APPLICATION_NAME = `qalam-profile-${process.pid}`;
const servedDatabaseUrl = process.env.DATABASE_URL && withApplicationName(process.env.DATABASE_URL, APPLICATION_NAME);

function withApplicationName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('application_name', name);
  return parsed.toString();
}

/** The PostgreSQL backends serving the profiled process (its pool's connections, open after a warm-up), or none on SQLite. */
async function backendPids(env: NodeJS.ProcessEnv): Promise<number[]> {
  if (!env.DATABASE_URL) return [];
  const database = openDatabase(loadConfig(env));
  try {
    const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where application_name = ${APPLICATION_NAME}`.execute(database.db);
    return rows.map((r) => r.pid);
  } finally {
    await database.close();
  }
}

/** CPU used so far by processes that may have ended meanwhile (a backend whose connection the pool closed counts what it had). */
function totalCpuMs(pids: number[], last: Map<number, number>): number {
  let total = 0;
  for (const pid of pids) {
    try {
      last.set(pid, cpuMs(pid));
    } catch {
      // gone: its last reading stands
    }
    total += last.get(pid) ?? 0;
  }
  return total;
}

async function main(): Promise<void> {
  if (!process.env.DATA_DIR) throw new Error('DATA_DIR names the install to measure (a copy: serving writes view counts).');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-profile-'));
  // The Content API's rate limit would measure itself: its row runs unlimited.
  const env: NodeJS.ProcessEnv = { ...installEnv(process.env.DATA_DIR, randomPort(), servedDatabaseUrl), PAGE_CACHE_MB: '0', CONTENT_API_RATE_LIMIT: '0' };
  const wanted = process.env.PAGES?.split(',');
  try {
    const all = (await targets(env, path.join(workDir, 'article-paths.txt'))).filter((t) => !wanted || wanted.includes(t.name));
    // Only the newsroom row signs in: measuring the public pages of a read-only install writes no user to it.
    if (all.some((t) => t.editor)) {
      await runQalam(['user', 'create', '--email', EDITOR.email, '--role', 'editor', '--name', 'Bench Editor', '--password', EDITOR.password], env).catch(() => {});
    }
    if (PROFILE_DIR) fs.mkdirSync(PROFILE_DIR, { recursive: true });
    const plain = PROFILE_DIR ? undefined : await serveQalam(env, BIN);
    let server: Served | undefined = plain && { url: plain.url, pid: plain.process.pid!, startedAt: 0, stop: plain.stop };
    console.log(`${os.loadavg().map((l) => l.toFixed(2)).join(' ')} load; wrk -c${LOAD.connections} ${SECONDS}s, page cache off, ${env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}, ${path.relative(ROOT, BIN)}`);
    for (const raw of all) {
      // The profile's start-up and warm-up, left out of its summary.
      let skipMs = 0;
      const profileName = `${raw.name}.cpuprofile`;
      if (PROFILE_DIR) server = await serveProfiled(env, PROFILE_DIR, profileName);
      try {
        const target = raw.name === 'section-last' ? await lastExistingPage(server!.url, raw) : raw;
        const session = target.editor ? await loginAs(server!, EDITOR) : undefined;
        const headers = session ? [...LOAD.headers, `Cookie: ${session.cookie}`] : LOAD.headers;
        const url = `${server!.url}${target.path}`;
        const status = (await fetch(url, { headers: session ? { cookie: session.cookie } : {} })).status;
        if (status !== 200) throw new Error(`${target.path} answered ${status}`);
        const script = target.articles ? { script: [path.join(ROOT, 'bench/random-path.lua'), target.articles] as [string, string] } : {};
        runWrk(url, { ...LOAD, headers, ...script, seconds: 1 });
        const backends = await backendPids(env);
        const backendCpu = new Map<number, number>();
        const backendBefore = totalCpuMs(backends, backendCpu);
        const cpuBefore = cpuMs(server!.pid);
        const systemBefore = systemCpuMs(server!.pid);
        skipMs = performance.now() - server!.startedAt;
        const result = runWrk(url, { ...LOAD, headers, ...script });
        // CPU per page is what a busy shared machine disturbs least: it moves when the work does.
        const pages = result.requestsPerSecond * SECONDS;
        const perPage = (cpuMs(server!.pid) - cpuBefore) / pages;
        const systemPerPage = (systemCpuMs(server!.pid) - systemBefore) / pages;
        const database = backends.length > 0 ? `, PostgreSQL ${((totalCpuMs(backends, backendCpu) - backendBefore) / pages).toFixed(2)} ms in ${backends.length} backends` : '';
        console.log(`${target.name.padEnd(13)} ${formatResult(result)}  CPU ${perPage.toFixed(2)} ms/page (system ${systemPerPage.toFixed(2)}${database})  ${target.path}`);
      } finally {
        if (PROFILE_DIR) await server!.stop();
      }
      if (PROFILE_DIR) {
        const file = path.join(PROFILE_DIR, profileName);
        fs.writeFileSync(path.join(PROFILE_DIR, `${raw.name}.txt`), summarizeProfile(JSON.parse(fs.readFileSync(file, 'utf8')), { skipMs }));
      }
    }
    if (!PROFILE_DIR) await server!.stop();
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

await main();
