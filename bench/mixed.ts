import { saveBackToBack, type BenchEditor, type SavesResult } from './editors.ts';
import { settled, WARM_SECONDS, WRK_HEADERS, type Load, type Page } from './throughput.ts';
import { runWrk, runWrkInBackground, type WrkResult } from './wrk.ts';

/** One page of the mixed run: readers alone, then the same readers while the editors save. */
export type MixedRow = { page: Page; alone: WrkResult; withEditors: WrkResult; saves: SavesResult };

/**
 * Issue 13's newsroom burst: wrk reads a cached page for the load's seconds while every editor saves
 * their draft back to back through the Admin API for the same seconds, after the same readers
 * alone in the same minutes (the row's baseline). Readers must keep their p99 while writes go on.
 */
export async function mixedRun(serverUrl: string, pages: Page[], editors: BenchEditor[], load: Load): Promise<MixedRow[]> {
  const wrkLoad = { ...load, headers: WRK_HEADERS };
  const rows: MixedRow[] = [];
  for (const page of pages) {
    const url = `${serverUrl}${page.path}`;
    await settled(serverUrl);
    runWrk(url, { ...wrkLoad, seconds: WARM_SECONDS });
    await settled(serverUrl);
    const alone = await runWrkInBackground(url, wrkLoad);
    await settled(serverUrl);
    const [withEditors, saves] = await Promise.all([runWrkInBackground(url, wrkLoad), saveBackToBack(serverUrl, editors, load.seconds)]);
    rows.push({ page, alone, withEditors, saves });
  }
  return rows;
}
