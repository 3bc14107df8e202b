import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { runWrk, type WrkResult } from './wrk.ts';

/**
 * `npm run bench`: the article page of a demo install under wrk, beside a bare node:http server
 * answering the same bytes in the same run, so the ratio means something on any machine.
 * BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 32) tune the load.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ROOT = path.resolve(import.meta.dirname, '..');

async function readFirstLine(child: ChildProcess): Promise<string> {
  let buffer = '';
  for await (const chunk of child.stdout!) {
    buffer += String(chunk);
    if (buffer.includes('\n')) return buffer.split('\n')[0]!.trim();
  }
  throw new Error('the process ended before printing its port');
}

async function waitForHealth(url: string): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Qalam did not become healthy at ${url}`);
}

async function startQalam(dataDir: string, port: number): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', JOBS: 'off', NODE_ENV: 'production' };
  delete env.DATABASE_URL;
  const seed = spawn(process.execPath, [path.join(ROOT, 'bin/qalam.js'), 'seed'], { env, stdio: 'inherit' });
  const [code] = await once(seed, 'exit');
  if (code !== 0) throw new Error(`qalam seed failed (${code})`);
  return spawn(process.execPath, [path.join(ROOT, 'bin/qalam.js'), 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function firstArticlePath(baseUrl: string): Promise<string> {
  const home = await (await fetch(baseUrl)).text();
  const match = /<a[^>]+href="(\/[a-z0-9-]+\/[a-z0-9-]+)"/.exec(home);
  if (!match) throw new Error('no article link on the Main Page');
  return match[1]!;
}

function row(name: string, r: WrkResult, base: WrkResult): string {
  const ratio = (r.requestsPerSecond / base.requestsPerSecond).toFixed(2);
  const p99Ratio = (r.p99Ms / base.p99Ms).toFixed(2);
  return `${name.padEnd(34)} ${r.requestsPerSecond.toFixed(0).padStart(8)} req/s  p50 ${r.p50Ms.toFixed(2).padStart(7)} ms  p99 ${r.p99Ms
    .toFixed(2)
    .padStart(7)} ms   rps ×${ratio} of bare, p99 ×${p99Ratio}${r.non2xx || r.errors ? `  (non-2xx ${r.non2xx}, errors ${r.errors})` : ''}`;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-bench-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const qalam = await startQalam(dataDir, port);
  let bare: ChildProcess | undefined;
  try {
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForHealth(baseUrl);
    const articlePath = await firstArticlePath(baseUrl);
    const articleUrl = `${baseUrl}${articlePath}`;
    const response = await fetch(articleUrl, { headers: { 'accept-encoding': 'identity' } });
    const body = Buffer.from(await response.arrayBuffer());
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'cache-control', 'etag', 'content-security-policy', 'surrogate-key']) {
      const value = response.headers.get(name);
      if (value) headers[name] = value;
    }
    fs.writeFileSync(path.join(dataDir, 'body.html'), body);
    fs.writeFileSync(path.join(dataDir, 'headers.json'), JSON.stringify(headers));
    bare = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/bare-server.ts'), path.join(dataDir, 'body.html'), path.join(dataDir, 'headers.json')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const barePort = await readFirstLine(bare);

    const load = { seconds: SECONDS, connections: CONNECTIONS, threads: 2 };
    // Warm both (JIT, page cache) before measuring.
    runWrk(articleUrl, { ...load, seconds: 2 });
    runWrk(`http://127.0.0.1:${barePort}/`, { ...load, seconds: 2 });
    const baseline = runWrk(`http://127.0.0.1:${barePort}/`, load);
    const article = runWrk(articleUrl, load);
    const gzipArticle = runWrk(articleUrl, { ...load, headers: ['Accept-Encoding: gzip, br'] });
    const home = runWrk(`${baseUrl}/`, load);

    console.log(`\nQalam bench — ${os.cpus().length} cores, wrk -t2 -c${CONNECTIONS} -d${SECONDS}s, article ${articlePath} (${body.length} bytes)\n`);
    console.log(row('bare node:http, same bytes', baseline, baseline));
    console.log(row('article page (identity)', article, baseline));
    console.log(row('article page (br/gzip)', gzipArticle, baseline));
    console.log(row('main page', home, baseline));
    const rss = fs.readFileSync(`/proc/${qalam.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)?.[1];
    if (rss) console.log(`\nQalam process RSS after the runs: ${(Number(rss) / 1024).toFixed(0)} MiB`);
  } finally {
    bare?.kill();
    qalam.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
