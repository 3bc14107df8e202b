import fs from 'node:fs';
import path from 'node:path';
import type { Baseline } from './baselines.ts';
import { capture, writeManifest, type Captured } from './captured.ts';
import { cpuMs } from './qalam-process.ts';
import { runWrk, type WrkResult } from './wrk.ts';

/** A page a row loads: its label and its path (query included). */
/** A page the table loads; `uncached` for a read the page cache never keeps (search, the Content API): shown for scale, held to no cache goal. */
export type Page = { name: string; path: string; uncached?: boolean };

/** One side of a row: wrk's figures over its rounds and the server's CPU time per request answered. */
export type Measured = WrkResult & { cpuUsPerRequest: number };

/** One row of the table: Qalam and the baseline on the same bytes, in alternating rounds. */
export type PageRow = { page: Page; bytes: number; qalam: Measured; baseline: Measured };

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
 * Rounds of a row, taking turns: baseline, Qalam, Qalam, baseline (ABBA). On a shared machine the
 * load drifts within a row's seconds; one run of each, back to back, measured that drift as much
 * as the servers (the same pair swung from ×0.5 to ×1.7 between two runs), and ABBA cancels a drift
 * that is steady across the row.
 */
const TURNS = ['baseline', 'qalam', 'qalam', 'baseline'] as const;

/** CPU time (user and system) the processes have used so far, in ms. */
function cpuOf(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
}

/**
 * Loads a URL in turns of `seconds` and sums them: requests/s over all turns, the mean p50, the
 * worst turn's p99 (the goal's figure is not averaged away), and the servers' CPU per request.
 */
function combine(turns: Array<{ result: WrkResult; cpuMs: number }>, seconds: number): Measured {
  const requests = turns.reduce((sum, turn) => sum + turn.result.requestsPerSecond * seconds, 0);
  return {
    requestsPerSecond: requests / (seconds * turns.length),
    p50Ms: turns.reduce((sum, turn) => sum + turn.result.p50Ms, 0) / turns.length,
    p99Ms: Math.max(...turns.map((turn) => turn.result.p99Ms)),
    non2xx: turns.reduce((sum, turn) => sum + turn.result.non2xx, 0),
    errors: turns.reduce((sum, turn) => sum + turn.result.errors, 0),
    cpuUsPerRequest: (turns.reduce((sum, turn) => sum + turn.cpuMs, 0) * 1000) / Math.max(1, requests),
  };
}

/**
 * Loads each page of a running Qalam, and the same path of a baseline server that answers the
 * bytes and headers Qalam sent for it (captured after a warm-up: JIT, the page cache and its
 * background recompression settled), taking turns (TURNS) so both meet the same conditions; each
 * side's `load.seconds` are split over its turns. `startBaseline` gets the manifest of captured
 * answers (bench/captured.ts); `qalamPids` names the Qalam processes whose CPU time is counted.
 */
export async function comparePages(
  qalamUrl: string,
  qalamPids: () => number[],
  pages: Page[],
  load: Load,
  workDir: string,
  startBaseline: (manifestFile: string) => Promise<Baseline>,
): Promise<PageRow[]> {
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
    const sides = { baseline: { url: baseline.url, pids: () => baseline.pids() }, qalam: { url: qalamUrl, pids: qalamPids } };
    // wrk takes whole seconds only (-d2.5s is refused).
    const turnLoad = { ...wrkLoad, seconds: Math.max(1, Math.round(load.seconds / (TURNS.length / 2))) };
    for (const page of pages) {
      runWrk(`${baseline.url}${page.path}`, { ...wrkLoad, seconds: WARM_SECONDS });
      const turns = { baseline: [] as Array<{ result: WrkResult; cpuMs: number }>, qalam: [] as Array<{ result: WrkResult; cpuMs: number }> };
      for (const side of TURNS) {
        if (side === 'qalam') await settled(qalamUrl);
        const pids = sides[side].pids();
        const before = cpuOf(pids);
        const result = runWrk(`${sides[side].url}${page.path}`, turnLoad);
        turns[side].push({ result, cpuMs: cpuOf(pids) - before });
      }
      rows.push({ page, bytes: answers.get(page.path)!.body.length, qalam: combine(turns.qalam, turnLoad.seconds), baseline: combine(turns.baseline, turnLoad.seconds) });
    }
    return rows;
  } finally {
    await baseline.stop();
  }
}
