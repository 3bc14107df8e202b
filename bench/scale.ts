import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '#src/config/config.ts';
import { openDatabase } from '#src/db/database.ts';
import { loginAs } from '../test/support/auth.ts';
import { addArchiveArticles } from './bulk-articles.ts';
import { postgresSchema } from './installs.ts';
import { busiestLists, writeArticlePaths } from './article-paths.ts';
import { ROOT, formatResult, installEnv, randomPort, rssMiB, runQalam, serveQalam } from './qalam-process.ts';
import { runWrk, type WrkResult } from './wrk.ts';

/**
 * `npm run bench`, second part: how pages and the newsroom grow with the archive. One install is
 * measured with the demo's 20 articles, then again after BENCH_ARTICLES (default 100000) more, with
 * the page cache off so every request reaches the database and the renderer. The ratio of each
 * row (archive ÷ demo) is the figure to watch; absolute numbers vary with the machine.
 * BENCH_SCALE_SECONDS (default 5) sets each run's length. BENCH_DATABASE_URL=postgres://… runs it
 * on PostgreSQL instead of SQLite, in a schema of its own that is dropped at the end.
 */
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100_000);
const SECONDS = Number(process.env.BENCH_SCALE_SECONDS ?? 5);
// Readers' browsers all take brotli or gzip; the newsroom rows add the editor's cookie.
const LOAD = { seconds: SECONDS, connections: 16, threads: 2, headers: ['Accept-Encoding: br, gzip'] };
const EDITOR = { email: 'bench-editor@example.test', password: 'bench-editor-password' };
const RANDOM_PATH_SCRIPT = path.join(ROOT, 'bench/random-path.lua');
const POSTGRES_URL = process.env.BENCH_DATABASE_URL;

/** One row: wrk's figures and the answer's size as the client reads it (decoded), so a ratio can be read beside how much the document grew. */
type Measured = { name: string; result: WrkResult; bytes: number };

/** The paths worth loading on this install: every article, the biggest section, tag and author. */
async function targets(env: NodeJS.ProcessEnv, articlesFile: string) {
  const articleCount = await writeArticlePaths(env, articlesFile);
  const database = openDatabase(loadConfig(env));
  try {
    const db = database.db;
    const lists = await busiestLists(db);
    const newest = await db.selectFrom('articles').select(['id', 'published_at']).where('status', '=', 'published').orderBy('published_at', 'desc').executeTakeFirstOrThrow();
    // The month sitemap of the newest article's month: the fullest of a growing archive.
    const month = new Date(newest.published_at!).toISOString().slice(0, 7);
    return { articleCount, ...lists, articleId: newest.id, month };
  } finally {
    await database.close();
  }
}

/** Loads each page of a running install (page cache off) and reads its memory. */
async function measureInstall(env: NodeJS.ProcessEnv, workDir: string): Promise<{ rows: Measured[]; rssMiB: number; articleCount: number }> {
  const articlesFile = path.join(workDir, 'article-paths.txt');
  const t = await targets(env, articlesFile);
  // The Content API's rate limit would measure itself; its rows run unlimited.
  const server = await serveQalam({ ...env, PAGE_CACHE_MB: '0', CONTENT_API_RATE_LIMIT: '0' });
  try {
    const session = await loginAs(server, EDITOR);
    const editorHeaders = [...LOAD.headers, `Cookie: ${session.cookie}`];
    const plan: { name: string; path: string; script?: boolean; editor?: boolean }[] = [
      { name: 'article page, random article', path: '/', script: true },
      { name: 'main page', path: '/' },
      { name: `section page 1 (/${t.section})`, path: `/${t.section}` },
      { name: `section last page (${t.lastSectionPage})`, path: `/${t.section}?page=${t.lastSectionPage}` },
      { name: 'tag page 1', path: `/tag/${t.tag}` },
      { name: 'author page 1', path: `/author/${t.author}` },
      { name: 'RSS feed', path: '/feed.xml' },
      { name: `Atom feed of a section (/${t.section})`, path: `/${t.section}/atom.xml` },
      { name: 'JSON Feed of a tag', path: `/tag/${t.tag}/feed.json` },
      { name: `sitemap of a month (${t.month})`, path: `/sitemaps/articles-${t.month}.xml` },
      { name: 'sitemap index', path: '/sitemap.xml' },
      { name: 'Main Page in Russian', path: '/ru/' },
      { name: 'newsroom home (editor)', path: '/newsroom', editor: true },
      { name: 'newsroom title search (editor)', path: '/api/admin/articles?q=steppe', editor: true },
      { name: 'Content API articles, first page', path: '/api/content/articles' },
      { name: 'Content API articles of a tag', path: `/api/content/articles?tag=${t.tag}` },
      { name: 'Content API one article', path: `/api/content/articles/${t.articleId}` },
    ];
    const rows: Measured[] = [];
    for (const row of plan) {
      const url = `${server.url}${row.path}`;
      const response = await fetch(url, { headers: row.editor ? { cookie: session.cookie } : {} });
      if (response.status !== 200) throw new Error(`${row.path} answered ${response.status}`);
      // The random-article row's size is the front page's: not the row's, so it is left out.
      const bytes = row.script ? 0 : (await response.arrayBuffer()).byteLength;
      const options = { ...LOAD, headers: row.editor ? editorHeaders : LOAD.headers, ...(row.script ? { script: [RANDOM_PATH_SCRIPT, articlesFile] as [string, string] } : {}) };
      runWrk(url, { ...options, seconds: 1 }); // warm-up
      rows.push({ name: row.name, result: runWrk(url, options), bytes });
    }
    return { rows, rssMiB: rssMiB(server.process.pid), articleCount: t.articleCount };
  } finally {
    await server.stop();
  }
}

/** Memory of the default configuration after reading random articles across the whole archive. */
async function cachedMemory(env: NodeJS.ProcessEnv, workDir: string): Promise<{ result: WrkResult; rssMiB: number }> {
  const server = await serveQalam(env);
  try {
    const result = runWrk(`${server.url}/`, { ...LOAD, seconds: SECONDS * 2, script: [RANDOM_PATH_SCRIPT, path.join(workDir, 'article-paths.txt')] });
    return { result, rssMiB: rssMiB(server.process.pid) };
  } finally {
    await server.stop();
  }
}

function table(demo: Awaited<ReturnType<typeof measureInstall>>, archive: typeof demo): string {
  const lines = demo.rows.map((row, index) => {
    const large = archive.rows[index]!.result;
    const largeBytes = archive.rows[index]!.bytes;
    const ratio = large.requestsPerSecond / row.result.requestsPerSecond;
    // A list or feed holds more items once the archive fills it: the size says how much of a ratio is that.
    const size = (bytes: number) => (bytes ? `  ${(bytes / 1024).toFixed(1).padStart(6)} KiB` : '');
    const sizeRatio = row.bytes && largeBytes ? `, size ×${(largeBytes / row.bytes).toFixed(2)}` : '';
    return [
      archive.rows[index]!.name,
      `  ${String(demo.articleCount).padStart(6)} articles: ${formatResult(row.result)}${size(row.bytes)}`,
      `  ${String(archive.articleCount).padStart(6)} articles: ${formatResult(large)}${size(largeBytes)}   rps ×${ratio.toFixed(2)}, p99 ×${(large.p99Ms / row.result.p99Ms).toFixed(2)}${sizeRatio}`,
    ].join('\n');
  });
  return lines.join('\n');
}

async function main(): Promise<void> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-scale-'));
  const postgres = POSTGRES_URL ? await postgresSchema(POSTGRES_URL) : undefined;
  const env = installEnv(path.join(workDir, 'data'), randomPort(), postgres?.url);
  try {
    await runQalam(['seed'], env);
    await runQalam(['user', 'create', '--email', EDITOR.email, '--role', 'editor', '--name', 'Bench Editor', '--password', EDITOR.password], env);
    const demo = await measureInstall(env, workDir);

    const started = performance.now();
    await addArchiveArticles(env, ARTICLES);
    const seconds = (performance.now() - started) / 1000;
    const archive = await measureInstall(env, workDir);
    const cached = await cachedMemory(env, workDir);

    const database = postgres ? 'PostgreSQL' : `SQLite, database file ${(fs.statSync(path.join(env.DATA_DIR!, 'qalam.db')).size / 2 ** 20).toFixed(0)} MiB`;
    console.log(`\nQalam scale bench — ${os.cpus().length} cores, wrk -t${LOAD.threads} -c${LOAD.connections} -d${SECONDS}s, page cache off, ${database}`);
    console.log(`Added ${ARTICLES} articles in ${seconds.toFixed(0)} s\n`);
    console.log(table(demo, archive));
    console.log(`\nRSS after the runs, cache off: ${demo.rssMiB.toFixed(0)} MiB with ${demo.articleCount} articles, ${archive.rssMiB.toFixed(0)} MiB with ${archive.articleCount} (×${(archive.rssMiB / demo.rssMiB).toFixed(2)})`);
    console.log(`Default cache (PAGE_CACHE_MB=${loadConfig({}).pageCacheBytes / 2 ** 20}), random articles of ${archive.articleCount}: ${formatResult(cached.result)}; RSS ${cached.rssMiB.toFixed(0)} MiB`);
  } finally {
    await postgres?.drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

await main();
