import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './qalam-process.ts';

const CHECKER = path.resolve(ROOT, '../shared/tools/check-lighthouse.sh');

/**
 * Lighthouse 12.2.x category scores (0–1) of a page, through ../shared/tools/check-lighthouse.sh
 * (it installs the pinned version on first use and drives Debian's Chromium). The script exits
 * non-zero when a score is under its minimum; the scores are read from its output either way.
 */
export function lighthouseScores(url: string): Record<string, number> {
  const run = spawnSync(CHECKER, [url, '0'], { encoding: 'utf8', timeout: 300_000 });
  const line = run.stdout.split('\n').find((text) => text.startsWith('{'));
  if (!line) throw new Error(`Lighthouse gave no scores for ${url}: ${run.stdout}${run.stderr}`);
  return JSON.parse(line) as Record<string, number>;
}
