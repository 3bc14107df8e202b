// Compiles the server (src/cli/main.ts and everything it imports) into one ES module, dist/qalam.js,
// so `npm start` runs plain JavaScript instead of compiling TypeScript at every start (ADR 0025).
// Packages are bundled too, except those in EXTERNAL: Node 20's module loader spends about a second
// resolving, reading and translating the few thousand files of node_modules one by one, more than
// half of a start (ADR 0040). Skips the work when dist/qalam.js is newer than every
// source file; `--force` builds anyway, `--out FILE` elsewhere (tests). Development and tests keep
// running the sources through tsx.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outOption = process.argv.indexOf('--out');
const OUT_FILE = outOption > 0 ? path.resolve(process.argv[outOption + 1]) : path.join(ROOT, 'dist/qalam.js');
const OUT_DIR = path.dirname(OUT_FILE);
const INPUTS = ['src', 'package.json', 'tsconfig.json', 'scripts/build-server.js'].map((p) => path.join(ROOT, p));

/** The newest modification time (ms) of a file, or of any file under a folder. */
function newestMtime(file) {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(file).reduce((newest, name) => Math.max(newest, newestMtime(path.join(file, name))), stat.mtimeMs);
}

/**
 * A module that finds files next to itself (`new URL('./x', import.meta.url)`) must still find them
 * from the bundle: its `import.meta.url` (and dirname, filename) become its source file's, computed
 * from the bundle's own URL, so the build stays correct wherever the project is moved.
 */
const importMetaOfSource = {
  name: 'import-meta-of-source',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      if (!text.includes('import.meta.')) return undefined;
      const relative = JSON.stringify(path.relative(OUT_DIR, args.path).split(path.sep).join('/'));
      const sourceUrl = `new URL(${relative}, import.meta.url)`;
      const contents = text
        .replaceAll('import.meta.url', `${sourceUrl}.href`)
        .replaceAll('import.meta.filename', `__qalamFileURLToPath(${sourceUrl})`)
        .replaceAll('import.meta.dirname', `__qalamDirname(__qalamFileURLToPath(${sourceUrl}))`);
      return { contents, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts' };
    });
  },
};

/**
 * Packages left as imports of node_modules: native addons (their .node binaries are found next to
 * their JavaScript), pino (it starts transports in worker threads from files of its own), and
 * build-time tools the server never loads.
 */
const CHUNK_FILE = /^chunk-[A-Z0-9]+\.js(\.map)?$/;
const EXTERNAL = ['better-sqlite3', 'sharp', '@node-rs/argon2', 'pg-native', 'pino', 'pino-pretty', 'thread-stream', 'esbuild', 'vite', 'tsx', 'playwright-core'];

const force = process.argv.includes('--force');
if (!force && outOption < 0 && fs.existsSync(OUT_FILE) && fs.statSync(OUT_FILE).mtimeMs > Math.max(...INPUTS.map(newestMtime))) {
  console.log('dist/qalam.js is up to date.');
} else {
  const started = performance.now();
  // Chunks of an earlier build: their names change with their contents.
  for (const name of fs.existsSync(OUT_DIR) ? fs.readdirSync(OUT_DIR) : []) if (CHUNK_FILE.test(name)) fs.rmSync(path.join(OUT_DIR, name));
  await esbuild.build({
    entryPoints: { [path.basename(OUT_FILE, '.js')]: path.join(ROOT, 'src/cli/main.ts') },
    outdir: OUT_DIR,
    // What a command or a rarely used path loads with import() (the S3 client, the PostgreSQL
    // driver, the demo content, other commands) goes into chunks of its own, read only when needed:
    // V8 compiles the whole of a module's file before running it, so every byte of the start file
    // costs start-up time. Chunks sit beside the start file, so import.meta-relative paths hold.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    // A smaller file to parse at each start and to hold in memory (V8 keeps a script's source);
    // names stay, so stack traces (with --enable-source-maps) read as before.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    // For stack traces: node --enable-source-maps dist/qalam.js …
    sourcemap: 'linked',
    // Bundled CommonJS packages call require() for Node's own modules; an ES module has none.
    banner: { js: "import { createRequire as __qalamCreateRequire } from 'node:module';\nconst require = __qalamCreateRequire(import.meta.url);\nimport { fileURLToPath as __qalamFileURLToPath } from 'node:url';\nimport { dirname as __qalamDirname } from 'node:path';" },
    plugins: [importMetaOfSource],
    logLevel: 'warning',
  });
  console.log(`Built ${path.relative(ROOT, OUT_FILE)} in ${Math.round(performance.now() - started)} ms.`);
}
