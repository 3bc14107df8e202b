/**
 * Exact alignment of a page's words against one original's, once the index has named the original
 * as a candidate. Fingerprints only say "these two texts share something"; the share and the
 * passages come from here:
 *
 * 1. Runs: every maximal run of equal word keys at least SEED_WORDS long (found through a map of
 *    the original's SEED_WORDS-grams, like the tiles of Greedy String Tiling, Wise 1993).
 * 2. Passages: runs that follow each other in both texts with at most MAX_GAP words between them
 *    are one passage; the gap is a word or two a copier changed, dropped or added, and the
 *    original's words in it count as reproduced (the sentence was copied, then edited).
 *    Reordered paragraphs become separate passages; a dropped sentence ends one.
 * 3. A passage counts when it spans at least MIN_PASSAGE_WORDS of the original: a shared stock
 *    phrase ("the ministry said on Tuesday", «сообщили в акимате города») is shorter than that.
 *
 * Shares are of words: the original's words inside counted passages over all its words, and the
 * page's words inside them over all the page's words.
 */

/** The shortest run of equal words that starts a passage. */
export const SEED_WORDS = 3;

/** The most words a copier's edit may put between two runs of one passage, on either side. */
export const MAX_GAP = 5;

/** The fewest original words a passage must span to count as reuse. */
export const MIN_PASSAGE_WORDS = 10;

/** A seed that occurs more often than this in the original is a repeated phrase: skipped as a start. */
const MAX_SEED_PLACES = 64;

/** A reproduced passage: word index ranges [start, end) in the original and in the page, and how many words matched exactly. */
export type AlignedPassage = { original: [number, number]; page: [number, number]; exactWords: number };

/** What one original and one page share. */
export type Alignment = {
  passages: AlignedPassage[];
  /** Original words inside counted passages. */
  originalWords: number;
  /** Page words inside counted passages. */
  pageWords: number;
};

type Run = { page: number; original: number; length: number };

function seedKey(keys: readonly number[], i: number): string {
  return `${keys[i]},${keys[i + 1]},${keys[i + 2]}`;
}

/** Every maximal run of equal keys of at least SEED_WORDS words. */
function findRuns(original: readonly number[], page: readonly number[]): Run[] {
  const places = new Map<string, number[]>();
  for (let j = 0; j + SEED_WORDS <= original.length; j++) {
    const key = seedKey(original, j);
    const list = places.get(key);
    if (list) list.push(j);
    else places.set(key, [j]);
  }
  const runs: Run[] = [];
  for (let i = 0; i + SEED_WORDS <= page.length; i++) {
    const list = places.get(seedKey(page, i));
    if (!list || list.length > MAX_SEED_PLACES) continue;
    for (const j of list) {
      // Not the start of a maximal run: the run one word earlier covers it.
      if (i > 0 && j > 0 && page[i - 1] === original[j - 1]) continue;
      let length = SEED_WORDS;
      while (i + length < page.length && j + length < original.length && page[i + length] === original[j + length]) length++;
      runs.push({ page: i, original: j, length });
    }
  }
  return runs;
}

/** Groups runs into passages: each run joins the passage it continues closely in both texts, the longest such one. */
function chainRuns(runs: Run[]): AlignedPassage[] {
  runs.sort((a, b) => a.page - b.page || b.length - a.length);
  const open: AlignedPassage[] = [];
  for (const run of runs) {
    let best: AlignedPassage | undefined;
    for (const passage of open) {
      const pageGap = run.page - passage.page[1];
      const originalGap = run.original - passage.original[1];
      if (pageGap < -SEED_WORDS || pageGap > MAX_GAP || originalGap < 0 || originalGap > MAX_GAP) continue;
      if (!best || passage.original[1] - passage.original[0] > best.original[1] - best.original[0]) best = passage;
    }
    if (best) {
      // A run overlapping the passage's end on the page (pageGap < 0) adds only its new words.
      const overlap = Math.max(0, best.page[1] - run.page);
      best.page[1] = Math.max(best.page[1], run.page + run.length);
      best.original[1] = run.original + run.length;
      best.exactWords += run.length - overlap;
    } else {
      open.push({ original: [run.original, run.original + run.length], page: [run.page, run.page + run.length], exactWords: run.length });
    }
  }
  return open;
}

/** Words inside the union of ranges. */
function coveredWords(ranges: Array<[number, number]>): number {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -1;
  for (const [start, stop] of sorted) {
    if (stop <= end) continue;
    total += stop - Math.max(start, end);
    end = stop;
  }
  return total;
}

/** What the page reproduces of the original, word keys against word keys. */
export function alignWords(original: readonly number[], page: readonly number[]): Alignment {
  const passages = chainRuns(findRuns(original, page))
    .filter((passage) => passage.original[1] - passage.original[0] >= MIN_PASSAGE_WORDS)
    .sort((a, b) => a.page[0] - b.page[0]);
  return {
    passages,
    originalWords: coveredWords(passages.map((p) => p.original)),
    pageWords: coveredWords(passages.map((p) => p.page)),
  };
}
