import { saveBackToBack, type BenchEditor, type SavesResult } from './editors.ts';
import { settled, WARM_SECONDS, WRK_HEADERS, type Load, type Page } from './throughput.ts';
import { runWrk, runWrkInBackground, type WrkResult } from './wrk.ts';

const EDITORS_WARM_SECONDS = 2 * WARM_SECONDS;

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
  // The save path's first seconds in fresh workers cost about twice its steady CPU (JIT, the
  // database's cold pages): measured, 8.3 then 4.4, 4.4, 3.6 ms of server CPU a save in 4 s rounds.
  // Without this the first row paid the editors' warm-up and the second did not; readers had theirs.
  await Promise.all([runWrkInBackground(`${serverUrl}${pages[0]!.path}`, { ...wrkLoad, seconds: EDITORS_WARM_SECONDS }), saveBackToBack(serverUrl, editors, EDITORS_WARM_SECONDS)]);
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
