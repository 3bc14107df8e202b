// Writes a Brotli (.br) and a gzip (.gz) copy beside each text file of the built assets
// (dist/client: the newsroom bundle and, copied there by Vite, public/), at the highest effort,
// once per build. @fastify/static sends them to browsers that take them (preCompressed, ADR 0077):
// no compression on the request path, and a reader on a slow phone gets the stylesheet in about a
// quarter of its bytes. A copy that would not be smaller is not written.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIR = path.resolve(process.argv[2] ?? path.join(ROOT, 'dist/client'));
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.svg', '.json', '.txt', '.ico', '.webmanifest', '.xml']);

function* textFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* textFiles(file);
    else if (COMPRESSIBLE.has(path.extname(entry.name))) yield file;
  }
}

let written = 0;
for (const file of textFiles(DIR)) {
  const raw = fs.readFileSync(file);
  const copies = {
    br: zlib.brotliCompressSync(raw, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT },
    }),
    gz: zlib.gzipSync(raw, { level: 9 }),
  };
  for (const [suffix, bytes] of Object.entries(copies)) {
    const target = `${file}.${suffix}`;
    if (bytes.length < raw.length) {
      fs.writeFileSync(target, bytes);
      written += 1;
    } else fs.rmSync(target, { force: true });
  }
}
console.log(`compress-assets: ${written} compressed copies in ${path.relative(ROOT, DIR) || '.'}`);
