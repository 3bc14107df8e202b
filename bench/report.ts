import type { MixedRow } from './mixed.ts';
import type { Measured, PageRow } from './throughput.ts';
import type { WrkResult } from './wrk.ts';

/** A goal of issue 13 beside a figure: PASS or MISS and what it asks. */
export function goal(isMet: boolean, wanted: string): string {
  return `${isMet ? 'PASS' : 'MISS'} (${wanted})`;
}

function figures(r: WrkResult): string {
  const faults = r.non2xx || r.errors ? ` [non-2xx ${r.non2xx}, errors ${r.errors}]` : '';
  return `${r.requestsPerSecond.toFixed(0).padStart(7)} ${r.p50Ms.toFixed(2).padStart(7)} ${r.p99Ms.toFixed(2).padStart(7)}${faults}`;
}

/** A page row's side: wrk's figures and the server's CPU per request. */
function measuredFigures(r: Measured): string {
  return `${figures(r)} ${r.cpuUsPerRequest.toFixed(1).padStart(6)}`;
}

/** The heading of a block of page rows. */
export function pageHeading(title: string, baselineName: string): string {
  return [
    title,
    `  ${'page'.padEnd(32)} ${'bytes'.padStart(7)} | ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'µs CPU'.padStart(6)} | ${baselineName.padEnd(30)} | ratio (CPU/request)`,
  ].join('\n');
}

/**
 * One page row: Qalam's figures, the baseline's (each with its server CPU µs per request), the
 * requests/s ratio, the CPU per request ratio (steadier than requests/s on a loaded machine), and
 * the row's goal if it has one.
 */
export function pageLine(row: PageRow, goalText = ''): string {
  const ratio = row.qalam.requestsPerSecond / row.baseline.requestsPerSecond;
  const cpuRatio = row.qalam.cpuUsPerRequest / row.baseline.cpuUsPerRequest;
  return `  ${row.page.name.padEnd(32)} ${String(row.bytes).padStart(7)} | ${measuredFigures(row.qalam)} | ${measuredFigures(row.baseline)} | ×${ratio.toFixed(2)} (CPU ×${cpuRatio.toFixed(2)})  ${goalText}`;
}

/** The heading of the mixed run's rows. */
export function mixedHeading(title: string): string {
  return [
    title,
    `  ${'page'.padEnd(14)} | ${'readers alone: req/s p50 p99'.padEnd(23)} | ${'with editors: req/s p50 p99'.padEnd(23)} | ${'saves/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} failed`,
  ].join('\n');
}

/** One page of the mixed run: readers alone, readers beside the editors, the editors' saves, and the goal. */
export function mixedLine(row: MixedRow, goalText: string): string {
  const saves = row.saves;
  const savesFigures = `${saves.savesPerSecond.toFixed(0).padStart(7)} ${saves.p50Ms.toFixed(1).padStart(7)} ${saves.p99Ms.toFixed(1).padStart(7)} ${String(saves.failures).padStart(6)}`;
  return `  ${row.page.name.padEnd(14)} | ${figures(row.alone)} | ${figures(row.withEditors)} | ${savesFigures}  ${goalText}`;
}

/** Bytes as KiB with one decimal. */
export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
