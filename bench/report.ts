import type { PageRow } from './throughput.ts';
import type { WrkResult } from './wrk.ts';

/** A goal of issue 13 beside a figure: PASS or MISS and what it asks. */
export function goal(isMet: boolean, wanted: string): string {
  return `${isMet ? 'PASS' : 'MISS'} (${wanted})`;
}

function figures(r: WrkResult): string {
  const faults = r.non2xx || r.errors ? ` [non-2xx ${r.non2xx}, errors ${r.errors}]` : '';
  return `${r.requestsPerSecond.toFixed(0).padStart(7)} ${r.p50Ms.toFixed(2).padStart(7)} ${r.p99Ms.toFixed(2).padStart(7)}${faults}`;
}

/** The heading of a block of page rows. */
export function pageHeading(title: string, baselineName: string): string {
  return [
    title,
    `  ${'page'.padEnd(32)} ${'bytes'.padStart(7)} | ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} | ${baselineName.padEnd(23)} | ratio`,
  ].join('\n');
}

/** One page row: Qalam's figures, the baseline's, the requests/s ratio, and the row's goal if it has one. */
export function pageLine(row: PageRow, goalText = ''): string {
  const ratio = row.qalam.requestsPerSecond / row.baseline.requestsPerSecond;
  return `  ${row.page.name.padEnd(32)} ${String(row.bytes).padStart(7)} | ${figures(row.qalam)} | ${figures(row.baseline)} | ×${ratio.toFixed(2)}  ${goalText}`;
}

/** Bytes as KiB with one decimal. */
export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
