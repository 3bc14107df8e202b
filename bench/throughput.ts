import fs from 'node:fs';
import path from 'node:path';
import type { Baseline } from './baselines.ts';
import { capture, writeManifest, type Captured } from './captured.ts';
import { runWrk, type WrkResult } from './wrk.ts';

/** A page a row loads: its label and its path (query included). */
export type Page = { name: string; path: string };

/** One row of the table: Qalam and the baseline on the same bytes, back to back. */
export type PageRow = { page: Page; bytes: number; qalam: WrkResult; baseline: WrkResult };

/** wrk's load for every row; readers' browsers all take brotli or gzip. */
export type Load = { seconds: number; connections: number; threads: number; timeoutSeconds?: number };
export const READER_HEADERS: Record<string, string> = { 'accept-encoding': 'br, gzip' };
export const WRK_HEADERS = Object.entries(READER_HEADERS).map(([name, value]) => `${name}: ${value}`);
export const WARM_SECONDS = 2;
const SETTLED_MS = 50;

/**
 * Waits until the server answers /healthz within SETTLED_MS: requests wrk gave up on are still
 * rendered after it stops, and a slow page's backlog must not count against the next row.
 */
export async function settled(url: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const started = performance.now();
    await fetch(`${url}/healthz`).then((response) => response.arrayBuffer());
    if (performance.now() - started < SETTLED_MS) return;
  }
}

/**
 * Loads each page of a running Qalam, and the same path of a baseline server that answers the
 * bytes and headers Qalam sent for it (captured after a warm-up: JIT, the page cache and its
 * background recompression settled), one after the other in the same conditions.
 * `startBaseline` gets the manifest of captured answers (bench/captured.ts).
 */
export async function comparePages(qalamUrl: string, pages: Page[], load: Load, workDir: string, startBaseline: (manifestFile: string) => Promise<Baseline>): Promise<PageRow[]> {
  const answers = new Map<string, Captured>();
  const wrkLoad = { ...load, headers: WRK_HEADERS };
  for (const page of pages) {
    await settled(qalamUrl);
    runWrk(`${qalamUrl}${page.path}`, { ...wrkLoad, seconds: WARM_SECONDS });
    await settled(qalamUrl);
    const answer = await capture(`${qalamUrl}${page.path}`, READER_HEADERS);
    if (answer.status !== 200) throw new Error(`${page.path} answered ${answer.status}`);
    answers.set(page.path, answer);
  }
  const dir = fs.mkdtempSync(path.join(workDir, 'baseline-'));
  const baseline = await startBaseline(writeManifest(dir, answers));
  try {
    const rows: PageRow[] = [];
    for (const page of pages) {
      runWrk(`${baseline.url}${page.path}`, { ...wrkLoad, seconds: WARM_SECONDS });
      const baselineResult = runWrk(`${baseline.url}${page.path}`, wrkLoad);
      await settled(qalamUrl);
      const qalam = runWrk(`${qalamUrl}${page.path}`, wrkLoad);
      rows.push({ page, bytes: answers.get(page.path)!.body.length, qalam, baseline: baselineResult });
    }
    return rows;
  } finally {
    await baseline.stop();
  }
}
