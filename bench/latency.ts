import { cpuMs } from './qalam-process.ts';

/** The value below which `p` percent of `sorted` (ascending) lie; NaN for no values (every attempt failed). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** What requestLatency measured: p50 and p95 in ms, the server's CPU ms per request, and the last body (to check the answer). */
export type Latency = { p50: number; p95: number; cpuMs: number; body: string };

/**
 * Asks `url` `requests` times in a row, one at a time (a reader's wait, not throughput), after
 * `warmUp` unmeasured requests; every answer must be a 200. The server's CPU time per request
 * (`serverPid`, one process) is the figure a busy shared machine disturbs least: on an idle core
 * a request waits about that long.
 */
export async function requestLatency(url: string, requests: number, serverPid: number, warmUp = 20): Promise<Latency> {
  let body = '';
  for (let i = 0; i < warmUp; i++) body = await (await fetch(url)).text();
  const times: number[] = [];
  const cpuBefore = cpuMs(serverPid);
  for (let i = 0; i < requests; i++) {
    const start = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    times.push(performance.now() - start);
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  }
  const cpuPerRequest = (cpuMs(serverPid) - cpuBefore) / requests;
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), cpuMs: cpuPerRequest, body };
}

/** A printed row: name, p50, p95 and server CPU per request. */
export function latencyLine(name: string, latency: Latency, note = ''): string {
  const times = `p50 ${latency.p50.toFixed(2).padStart(7)} ms  p95 ${latency.p95.toFixed(2).padStart(7)} ms  server CPU ${latency.cpuMs.toFixed(1).padStart(5)} ms/request`;
  return `${name.padEnd(28)} ${times}${note ? `  (${note})` : ''}`;
}
