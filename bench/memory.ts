import path from 'node:path';
import { ROOT, childPids, rssMiB } from './qalam-process.ts';
import { READER_HEADERS, type Load } from './throughput.ts';
import { runWrk, type WrkResult } from './wrk.ts';

const RANDOM_PATH_SCRIPT = path.join(ROOT, 'bench/random-path.lua');

/** wrk reading random articles of the whole archive (one path per request, from the file). */
export function readRandomArticles(serverUrl: string, articlePathsFile: string, load: Load): WrkResult {
  const headers = Object.entries(READER_HEADERS).map(([name, value]) => `${name}: ${value}`);
  return runWrk(`${serverUrl}/`, { ...load, headers, script: [RANDOM_PATH_SCRIPT, articlePathsFile] });
}

/**
 * Reads random articles of the whole archive from a running `qalam serve` (so every worker's page
 * cache fills to its bound), then answers the load's result and each worker's resident memory
 * (the serving process itself when it has no workers).
 */
export function rssPerWorkerAfterRandomReads(serverUrl: string, serverPid: number, articlePathsFile: string, load: Load): { result: WrkResult; workersMiB: number[] } {
  const result = readRandomArticles(serverUrl, articlePathsFile, load);
  const workers = childPids(serverPid);
  return { result, workersMiB: (workers.length ? workers : [serverPid]).map(rssMiB) };
}
