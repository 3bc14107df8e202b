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
export const MIN_PASSAGE_WORDS = 8;

/** Once a page has one passage of MIN_PASSAGE_WORDS, its other passages of at least this many equal words count too. */
export const MIN_FURTHER_PASSAGE_WORDS = 4;

/** Words a passage's edge may skip (a changed word or two) to take in a short run beyond it. */
const EDGE_GAP = 2;

/** The fewest equal words beyond a passage's edge that extend it. */
const EDGE_RUN = 2;

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

/**
 * Grows a passage at both ends over a copier's edit: past at most EDGE_GAP changed, dropped or
 * added words on each side, a run of at least EDGE_RUN equal words joins it (a sentence's tail after
 * a changed word is still the copied sentence). Repeats while it grows.
 */
function extend(passage: AlignedPassage, original: readonly number[], page: readonly number[]): void {
  const same = (i: number, j: number) => i >= 0 && j >= 0 && i < page.length && j < original.length && page[i] === original[j];
  /** Equal words from (i, j) going in `step` direction. */
  const runFrom = (i: number, j: number, step: 1 | -1) => {
    let n = 0;
    while (same(i + step * n, j + step * n)) n++;
    return n;
  };
  for (let grown = true; grown; ) {
    grown = false;
    for (const step of [1, -1] as const) {
      search: for (let gapO = 0; gapO <= EDGE_GAP; gapO++) {
        for (let gapP = 0; gapP <= EDGE_GAP; gapP++) {
          if (gapO === 0 && gapP === 0) continue;
          // The first word beyond the gap, on each side.
          const i = step === 1 ? passage.page[1] + gapP : passage.page[0] - 1 - gapP;
          const j = step === 1 ? passage.original[1] + gapO : passage.original[0] - 1 - gapO;
          const n = runFrom(i, j, step);
          if (n < EDGE_RUN) continue;
          if (step === 1) {
            passage.page[1] = i + n;
            passage.original[1] = j + n;
          } else {
            passage.page[0] = i - n + 1;
            passage.original[0] = j - n + 1;
          }
          passage.exactWords += n;
          grown = true;
          break search;
        }
      }
    }
  }
}

/**
 * A page's words come from one place of the original: where a sentence occurs twice in the
 * original (a title repeated in the first paragraph), the page's one copy is not two reuses.
 * The passages with the most equal words win; one mostly on page words already taken is dropped.
 */
function oneSourcePerPageWord(passages: AlignedPassage[]): AlignedPassage[] {
  const kept: AlignedPassage[] = [];
  const byStrength = [...passages].sort((a, b) => b.exactWords - a.exactWords || a.original[0] - b.original[0]);
  for (const passage of byStrength) {
    const length = passage.page[1] - passage.page[0];
    const taken = kept.reduce((n, k) => n + Math.max(0, Math.min(k.page[1], passage.page[1]) - Math.max(k.page[0], passage.page[0])), 0);
    if (taken * 2 < length) kept.push(passage);
  }
  return kept;
}

/** What the page reproduces of the original, word keys against word keys. */
export function alignWords(original: readonly number[], page: readonly number[]): Alignment {
  const chained = chainRuns(findRuns(original, page));
  const span = (p: AlignedPassage) => p.original[1] - p.original[0];
  // One long passage shows the page copies this original; then shorter ones (a short paragraph
  // with a word changed) count too, but a stock phrase alone never makes a match.
  const passages = chained.some((p) => span(p) >= MIN_PASSAGE_WORDS) ? chained.filter((p) => p.exactWords >= MIN_FURTHER_PASSAGE_WORDS || span(p) >= MIN_PASSAGE_WORDS) : [];
  for (const passage of passages) extend(passage, original, page);
  const kept = oneSourcePerPageWord(passages).sort((a, b) => a.page[0] - b.page[0]);
  return {
    passages: kept,
    originalWords: coveredWords(kept.map((p) => p.original)),
    pageWords: coveredWords(kept.map((p) => p.page)),
  };
}
