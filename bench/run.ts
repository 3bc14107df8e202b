import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runWrk, type WrkResult } from './wrk.ts';
import { ROOT, formatResult, installEnv, randomPort, rssMiB, runQalam, serveQalam } from './qalam-process.ts';

/**
 * `npm run bench`, first part: the cached article page of a demo install under wrk, beside a bare
 * node:http server answering the same bytes in the same run, so the ratio means something on any
 * machine. BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 32) tune the load.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

async function readFirstLine(child: ChildProcess): Promise<string> {
  let buffer = '';
  for await (const chunk of child.stdout!) {
    buffer += String(chunk);
    if (buffer.includes('\n')) return buffer.split('\n')[0]!.trim();
  }
  throw new Error('the process ended before printing its port');
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
  return `${name.padEnd(34)} ${formatResult(r)}   rps ×${ratio} of bare, p99 ×${p99Ratio}`;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-bench-'));
  const env = installEnv(dataDir, randomPort());
  await runQalam(['seed'], env);
  const qalam = await serveQalam(env);
  let bare: ChildProcess | undefined;
  try {
    const articlePath = await firstArticlePath(qalam.url);
    const articleUrl = `${qalam.url}${articlePath}`;
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
    const home = runWrk(`${qalam.url}/`, load);

    console.log(`\nQalam bench — ${os.cpus().length} cores, wrk -t2 -c${CONNECTIONS} -d${SECONDS}s, article ${articlePath} (${body.length} bytes)\n`);
    console.log(row('bare node:http, same bytes', baseline, baseline));
    console.log(row('article page (identity)', article, baseline));
    console.log(row('article page (br/gzip)', gzipArticle, baseline));
    console.log(row('main page', home, baseline));
    console.log(`\nQalam process RSS after the runs: ${rssMiB(qalam.process.pid).toFixed(0)} MiB`);
  } finally {
    bare?.kill();
    await qalam.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
