import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kazakhLatinHtml } from '#src/i18n/kazakh-latin-html.ts';

/**
 * CPU per whole-page Kazakh Latin conversion, over rendered pages saved as .html files in CORPUS_DIR
 * (curl a running install's /kk/ pages: the Cyrillic the /kk-latn/ pass converts). With BEFORE=path/to/
 * an older kazakh-latin-html.ts (or test/support/kazakh-latin-before.ts, the conversion before ADR 0056), the two run in alternating blocks on the same pages (the machine is
 * shared: alternating keeps the load alike for both), and the outputs are compared byte for byte.
 *
 *   CORPUS_DIR=/tmp/kk-corpus [BEFORE=/tmp/before/kazakh-latin-html.ts] [RUNS=30] tsx bench/kazakh-latin.ts
 */
type Convert = (html: string) => string;
const RUNS = Number(process.env.RUNS ?? 30);
const BLOCK = 20;
const dir = process.env.CORPUS_DIR ?? fail('CORPUS_DIR: a folder of rendered .html pages');
const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.html')).sort().map((f) => ({ name: f, html: fs.readFileSync(path.join(dir, f), 'utf8') }));
const variants: Array<[string, Convert]> = [['after', kazakhLatinHtml]];
if (process.env.BEFORE) {
  const module = (await import(path.resolve(process.env.BEFORE))) as Record<string, Convert>;
  // An older src/i18n/kazakh-latin-html.ts, or test/support/kazakh-latin-before.ts (the frozen reference).
  variants.unshift(['before', module.kazakhLatinHtml ?? module.kazakhLatinHtmlBefore ?? fail(`${process.env.BEFORE} exports no kazakhLatinHtml`)]);
}

function fail(message: string): never {
  throw new Error(message);
}

/** CPU microseconds of one conversion: the mean of a block of BLOCK. */
function block(convert: Convert, html: string): number {
  const start = process.cpuUsage();
  for (let i = 0; i < BLOCK; i++) convert(html);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / BLOCK;
}

const stat = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { min: sorted[0]!, p50: sorted[Math.floor(sorted.length / 2)]! };
};

console.log(`load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${RUNS} blocks of ${BLOCK} per page and variant`);
for (const page of pages) {
  if (variants.length === 2 && variants[0]![1](page.html) !== variants[1]![1](page.html)) fail(`${page.name}: before and after differ`);
  for (const [, convert] of variants) for (let i = 0; i < 5; i++) convert(page.html); // warm up
  const times = variants.map(() => [] as number[]);
  for (let run = 0; run < RUNS; run++) variants.forEach(([, convert], i) => times[i]!.push(block(convert, page.html)));
  const cells = variants.map(([name], i) => {
    const { min, p50 } = stat(times[i]!);
    return `${name} min ${(min / 1000).toFixed(3)} ms p50 ${(p50 / 1000).toFixed(3)} ms`;
  });
  console.log(`${page.name.padEnd(48)} ${(page.html.length / 1000).toFixed(1).padStart(5)} kB  ${cells.join('  |  ')}`);
}
