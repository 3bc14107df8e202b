import fs from 'node:fs';
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { writeArticlePaths } from './article-paths.ts';
import { installEnv, randomPort, serveQalam } from './qalam-process.ts';

/**
 * Whether two server bundles answer the same article pages byte for byte: both serve one install
 * (a copy: serving writes view counts) with the page cache off, and COUNT random published articles
 * of the default language are asked of each, in every coding the site makes, or the comma-separated
 * PATHS instead (list pages, feeds, sitemaps). A change meant to make pages cheaper (not different)
 * is checked this way against a build of the code before it.
 *
 *   DATA_DIR=/tmp/copy [DATABASE_URL=postgres://…] [COUNT=300 | PATHS=/,/economy,/feed.xml] \
 *   BEFORE=dist-before/qalam.js AFTER=dist/qalam.js tsx bench/compare-bundles.ts
 */
const COUNT = Number(process.env.COUNT ?? 300);
const CODINGS = ['identity', 'br', 'gzip'];

/** A page's answer with its body as sent: node:http, since fetch decodes a compressed body (so a change of the compressed bytes went unseen). */
function answer(url: string, coding: string): Promise<{ status: number; etag: string | null; keys: string | null; encoding: string | null; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': coding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const header = (name: string) => (response.headers[name] as string | undefined) ?? null;
          resolve({ status: response.statusCode ?? 0, etag: header('etag'), keys: header('surrogate-key'), encoding: header('content-encoding'), body: Buffer.concat(chunks) });
        });
      })
      .on('error', reject);
  });
}

/** The body decoded from its content coding, to tell a change of coding from a change of the page. */
function decoded(body: Buffer, encoding: string | null): Buffer {
  return encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;
}

async function main(): Promise<void> {
  const { DATA_DIR, BEFORE, AFTER } = process.env;
  if (!DATA_DIR || !BEFORE || !AFTER) throw new Error('DATA_DIR, BEFORE and AFTER are required');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-compare-'));
  const file = path.join(workDir, 'paths.txt');
  // One base URL for both, so absolute links do not differ by port.
  const env = (port: number) => ({ ...installEnv(DATA_DIR, port, process.env.DATABASE_URL), PAGE_CACHE_MB: '0', BASE_URL: 'https://news.example' });
  let paths = process.env.PATHS?.split(',');
  if (!paths) {
    await writeArticlePaths(env(0), file);
    const all = fs.readFileSync(file, 'utf8').split('\n');
    paths = Array.from({ length: COUNT }, () => all[Math.floor(Math.random() * all.length)]!);
  }
  const [before, after] = [await serveQalam(env(randomPort()), path.resolve(BEFORE)), await serveQalam(env(randomPort()), path.resolve(AFTER))];
  let differing = 0;
  let recoded = 0;
  try {
    for (const page of paths) {
      for (const coding of CODINGS) {
        const [a, b] = [await answer(`${before.url}${page}`, coding), await answer(`${after.url}${page}`, coding)];
        const same = a.status === b.status && a.etag === b.etag && a.keys === b.keys && a.body.equals(b.body);
        if (!same) {
          differing++;
          if (differing === 1 && process.env.DUMP) {
            fs.writeFileSync(`${process.env.DUMP}.before`, a.body);
            fs.writeFileSync(`${process.env.DUMP}.after`, b.body);
          }
          const samePage = a.status === b.status && a.etag === b.etag && a.keys === b.keys && decoded(a.body, a.encoding).equals(decoded(b.body, b.encoding));
          if (samePage) recoded++;
          if (differing <= 5) console.log(`differs: ${page} (${coding}): ${a.status}/${b.status} ${a.etag}/${b.etag} ${a.keys}/${b.keys} ${a.body.length}/${b.body.length} bytes${samePage ? ', the same page once decoded' : ''}`);
        }
      }
    }
  } finally {
    await Promise.all([before.stop(), after.stop()]);
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  console.log(`${paths.length} ${process.env.PATHS ? 'paths' : 'random articles'}, ${CODINGS.length} codings each: ${differing} answers differ (${recoded} of them the same page once decoded)`);
  if (differing > 0) process.exitCode = 1;
}

await main();
