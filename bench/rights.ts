import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '#src/config/config.ts';
import { createContext, prepareDatabase } from '#src/cli/bootstrap.ts';
import { measureAccuracy } from './rights-accuracy.ts';

/**
 * `npm run bench:rights`: the reuse checker's accuracy over the labelled corpus and its speed over
 * a large synthetic index (issue 10's goals: MAE of shareOfOriginal ≤ 2 points, precision and
 * recall of each verdict ≥ 0.98, p95 of a 1,500-word check against 100,000 articles < 50 ms).
 * A benchmark, not a test: it prints figures and fails nothing. BENCH_ARTICLES sets the index size
 * (default 100,000); BENCH_PART=accuracy or speed runs one part.
 */

const part = process.env.BENCH_PART ?? 'all';

async function freshContext(name: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `qalam-bench-${name}-`));
  const context = createContext(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', JOBS: 'off', BASE_URL: 'https://qalam.example', SQLITE_SYNCHRONOUS: 'normal' }));
  await prepareDatabase(context);
  return { context, dataDir, done: async () => { await context.database.close(); fs.rmSync(dataDir, { recursive: true, force: true }); } };
}

if (part === 'all' || part === 'accuracy') {
  const { context, done } = await freshContext('accuracy');
  const result = await measureAccuracy(context);
  console.log(`\nAccuracy over ${result.pages} labelled pages`);
  console.log(`  mean absolute error of shareOfOriginal: ${result.meanAbsoluteError.toFixed(2)} points (goal ≤ 2)`);
  console.log('  worst errors:');
  for (const e of result.worstErrors) console.log(`    ${e.name}: true ${e.trueShare}, measured ${e.measured}`);
  console.log('  verdict            precision  recall  pages   (goal ≥ 0.98)');
  for (const v of result.verdicts) console.log(`  ${v.verdict.padEnd(18)} ${v.precision.toFixed(3).padStart(9)}  ${v.recall.toFixed(3).padStart(6)}  ${String(v.support).padStart(5)}`);
  if (result.confusions.length > 0) {
    console.log(`  ${result.confusions.length} pages with the wrong verdict, by excerpt and edit:`);
    const groups = new Map<string, number>();
    for (const c of result.confusions) {
      const key = `${c.name.replace(/^\S+ /, '').replace(/ link:\S+$/, '')}: expected ${c.expected}, got ${c.got}`;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    for (const [key, n] of [...groups].sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(3)} × ${key}`);
  }
  await done();
}

if (part === 'all' || part === 'speed') {
  const { measureSpeed } = await import('./rights-speed.ts');
  const { context, done } = await freshContext('speed');
  const result = await measureSpeed(context, Number(process.env.BENCH_ARTICLES ?? 100_000));
  console.log(`\nSpeed over ${result.articles} indexed articles (${result.wordsPerArticle} words each on average)`);
  console.log(`  index: ${result.indexSeconds.toFixed(1)} s to index them (${result.fingerprints} fingerprints, ${result.hashes} distinct hashes), ${(result.indexBytes / 1024 / 1024).toFixed(1)} MB on disk`);
  console.log(`  check of a ${result.pageWords}-word page: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, max ${result.max.toFixed(1)} ms over ${result.checks} checks (goal p95 < 50 ms)`);
  console.log(`  copies found in ${result.found}/${result.copies} pages that copy an indexed article`);
  await done();
}
