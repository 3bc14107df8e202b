import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DIST_BIN, SOURCE_BIN, installEnv, randomPort, serveQalam } from './qalam-process.ts';

const BIN = { source: SOURCE_BIN, dist: DIST_BIN }[process.env.BIN ?? 'dist'] ?? path.resolve(process.env.BIN!);

/**
 * The Content API list's answers for a set of filtered URLs, written to OUT_DIR (one file per URL:
 * status, ETag and body) to compare two builds byte for byte (`diff -r`), with each URL's time
 * (median of RUNS, the first answer's cursor walked PAGES pages deep as well). On an EXISTING
 * install served by BIN (as profile-page.ts), page cache off, no rate limit.
 *
 *   DATA_DIR=/tmp/copy [DATABASE_URL=…] BIN=dist OUT_DIR=/tmp/answers PORT=4567 (the same for both builds: URLs carry it) TAG=… AUTHOR=… SECTION=… tsx bench/content-api-answers.ts
 */
const RUNS = Number(process.env.RUNS ?? 7);
const PAGES = Number(process.env.PAGES ?? 3);

async function main(): Promise<void> {
  const { DATA_DIR, OUT_DIR, TAG = 'medicine', AUTHOR = 'aigerim-akhmetova', SECTION = 'sport' } = process.env;
  if (!DATA_DIR || !OUT_DIR) throw new Error('DATA_DIR names the install, OUT_DIR where the answers go.');
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const env = { ...installEnv(DATA_DIR, Number(process.env.PORT ?? 0) || randomPort(), process.env.DATABASE_URL), PAGE_CACHE_MB: '0', CONTENT_API_RATE_LIMIT: '0' };
  const server = await serveQalam(env, BIN);
  const since = encodeURIComponent('2026-01-01T00:00:00.000Z');
  const lists = [
    '',
    'limit=1',
    'limit=100',
    'language=ru',
    `tag=${TAG}`,
    `tag=${TAG}&limit=100`,
    `tag=${TAG}&language=en`,
    `tag=${process.env.TAG_RU ?? 'meditsina'}&language=ru&limit=7`,
    `tag=${process.env.TAG_KK ?? 'energetika'}&language=kk`,
    `tag=${TAG}&sort=updated`,
    `author=${AUTHOR}`,
    `author=${AUTHOR}&language=en`,
    `author=${AUTHOR}&sort=updated&limit=5`,
    `section=${SECTION}`,
    `section=${SECTION}&language=en`,
    `updatedSince=${since}`,
    `updatedSince=${since}&sort=updated`,
    `tag=${TAG}&author=${AUTHOR}`,
    `tag=${TAG}&section=${SECTION}`,
    `tag=${TAG}&updatedSince=${since}`,
    `author=${AUTHOR}&section=${SECTION}&language=en`,
  ];
  try {
    for (const [index, query] of lists.entries()) {
      let url = `${server.url}/api/content/articles?${query}`;
      for (let page = 0; page <= PAGES; page++) {
        const times: number[] = [];
        let answer: Response | undefined;
        let body = '';
        for (let run = 0; run < (page === 0 ? RUNS : 1); run++) {
          const started = performance.now();
          answer = await fetch(url);
          body = await answer.text();
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        const name = `${String(index).padStart(2, '0')}-p${page}`;
        fs.writeFileSync(path.join(OUT_DIR, name), `${url.slice(server.url.length)}\n${answer!.status} ${answer!.headers.get('etag')}\n${body}\n`);
        if (page === 0) console.log(`${query.padEnd(56)} ${times[times.length >> 1]!.toFixed(1).padStart(7)} ms  ${answer!.status}`);
        else console.log(`${`  page ${page + 1}`.padEnd(56)} ${times[0]!.toFixed(1).padStart(7)} ms  ${answer!.status}`);
        const next = answer!.status === 200 ? (JSON.parse(body) as { nextCursor: string | null }).nextCursor : null;
        if (!next) break;
        url = `${server.url}/api/content/articles?${query}${query ? '&' : ''}cursor=${next}`;
      }
    }
  } finally {
    await server.stop();
  }
}

await main();
