/**
 * Exact alignment of a page's words against one original's, once the index has named the original
 * as a candidate. Fingerprints only say "these two texts share something"; the share and the
 * passages come from here:
 *
 * 1. Tiles: maximal runs of equal word keys at least SEED_WORDS long, each word of either text in
 *    one tile at most (Greedy String Tiling, Wise 1993, with a map of the original's SEED_WORDS-grams).
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

/** A long passage holds at least this many words in runs of SEED_WORDS or more. */
export const MIN_LONG_SEED_WORDS = 6;

/** Two passages of at least this many equal words each … */
export const MIN_PAIR_PASSAGE_WORDS = 5;

/** … and this many together also show a copy (a sentence and a half, each with a word changed). */
export const MIN_PAIR_TOTAL_WORDS = 12;

/** Words a passage's edge may skip (a changed word or two) to take in a short run beyond it. */
const EDGE_GAP = 2;

/** The fewest equal words beyond a passage's edge that extend it. */
const EDGE_RUN = 2;

/** A seed that occurs more often than this in the original is a repeated phrase: skipped as a start. */
const MAX_SEED_PLACES = 64;

/** A reproduced passage: word index ranges [start, end) in the original and in the page, and how many words matched exactly. */
export type AlignedPassage = {
  original: [number, number];
  page: [number, number];
  /** Equal words in the passage. */
  exactWords: number;
  /** Equal words in runs of SEED_WORDS or more (pairs of words and edge words not counted): the evidence a passage carries. */
  seedWords: number;
};

/** What one original and one page share. */
export type Alignment = {
  passages: AlignedPassage[];
  /** Original words inside counted passages. */
  originalWords: number;
  /** Page words inside counted passages. */
  pageWords: number;
};

type Run = { page: number; original: number; length: number };

function seedKey(keys: readonly number[], i: number, length: number): string {
  return length === 2 ? `${keys[i]},${keys[i + 1]}` : `${keys[i]},${keys[i + 1]},${keys[i + 2]}`;
}

/**
 * How well a run fits where it would be placed: a tile beside it on the page on the same diagonal
 * is the best evidence; else the words around it that also match along its diagonal (a copier's
 * changed word breaks the run, the words past it still agree). Higher is better.
 */
function contextScore(run: Run, tiles: Run[], original: readonly number[], page: readonly number[]): number {
  let best = -Infinity;
  for (const tile of tiles) {
    const gap = tile.page < run.page ? run.page - (tile.page + tile.length) : tile.page - (run.page + run.length);
    if (gap < 0 || gap > MAX_GAP) continue;
    best = Math.max(best, 1000 - Math.abs(run.original - run.page - (tile.original - tile.page)));
  }
  if (best > -Infinity) return best;
  let around = 0;
  for (let k = 1; k <= MAX_GAP + 1; k++) {
    const after = run.length - 1 + k;
    if (page[run.page + after] !== undefined && page[run.page + after] === original[run.original + after]) around++;
    if (run.page - k >= 0 && run.original - k >= 0 && page[run.page - k] === original[run.original - k]) around++;
  }
  return around;
}

/**
 * Greedy String Tiling (Wise 1993): the longest runs of equal words first, each word of either
 * text in at most one tile, then again among the words left, until no run of SEED_WORDS is left.
 * A sentence that occurs twice in the original (a headline repeated in the lead) is then matched
 * once per copy on the page, never twice to the same place.
 */
function tileRuns(original: readonly number[], page: readonly number[], minLength: number, usedPage: Uint8Array, usedOriginal: Uint8Array): Run[] {
  const places = new Map<string, number[]>();
  for (let j = 0; j + minLength <= original.length; j++) {
    const key = seedKey(original, j, minLength);
    const list = places.get(key);
    if (list) list.push(j);
    else places.set(key, [j]);
  }
  const free = (i: number, j: number) => i < page.length && j < original.length && !usedPage[i] && !usedOriginal[j] && page[i] === original[j];
  const tiles: Run[] = [];
  for (;;) {
    const runs: Run[] = [];
    for (let i = 0; i + minLength <= page.length; i++) {
      if (usedPage[i]) continue;
      const list = places.get(seedKey(page, i, minLength));
      if (!list || list.length > MAX_SEED_PLACES) continue;
      for (const j of list) {
        // Not the start of a maximal run: the run one word earlier covers it.
        if (i > 0 && j > 0 && free(i - 1, j - 1)) continue;
        let length = 0;
        while (free(i + length, j + length)) length++;
        if (length >= minLength) runs.push({ page: i, original: j, length });
      }
    }
    runs.sort((a, b) => b.length - a.length || a.page - b.page || a.original - b.original);
    const isClear = (run: Run) => {
      for (let k = 0; k < run.length; k++) if (usedPage[run.page + k] || usedOriginal[run.original + k]) return false;
      return true;
    };
    let added = 0;
    for (let g = 0; g < runs.length; ) {
      // Runs of one page place and length are the same words found at several places of the
      // original: the one that continues a tile beside it on the page wins (its context).
      let end = g + 1;
      while (end < runs.length && runs[end]!.page === runs[g]!.page && runs[end]!.length === runs[g]!.length) end++;
      const choices = runs.slice(g, end).filter(isClear);
      g = end;
      if (choices.length === 0) continue;
      const run = choices.length === 1 ? choices[0]! : choices.reduce((best, c) => (contextScore(c, tiles, original, page) > contextScore(best, tiles, original, page) ? c : best));
      for (let k = 0; k < run.length; k++) usedPage[run.page + k] = usedOriginal[run.original + k] = 1;
      tiles.push(run);
      added++;
    }
    if (added === 0) return tiles;
  }
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
      if (run.length >= SEED_WORDS) best.seedWords += run.length - overlap;
    } else {
      open.push({ original: [run.original, run.original + run.length], page: [run.page, run.page + run.length], exactWords: run.length, seedWords: run.length >= SEED_WORDS ? run.length : 0 });
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
function extend(passage: AlignedPassage, original: readonly number[], page: readonly number[], claimed: Uint8Array): void {
  // Words another passage holds stay its own: a sentence the original repeats is not taken twice.
  const same = (i: number, j: number) => i >= 0 && j >= 0 && i < page.length && j < original.length && !claimed[j] && page[i] === original[j];
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
          claimed.fill(1, passage.original[0], passage.original[1]);
          passage.exactWords += n;
          grown = true;
          break search;
        }
      }
    }
  }
}

/** Words a copier may have changed between a passage's edge and its sentence's edge, on either side. */
const SNAP_WORDS = 2;

/**
 * Takes a passage to the edges of its sentence when both texts have at most SNAP_WORDS words
 * between the passage and the sentence's start (or end): the copier took the sentence and changed
 * its first (or last) word or two. `starts` flag the words that begin a sentence or paragraph.
 */
function snapToSentences(passage: AlignedPassage, starts: { original: Uint8Array; page: Uint8Array }, claimed: Uint8Array): void {
  const back = (flags: Uint8Array, from: number) => {
    for (let d = 0; d <= SNAP_WORDS && from - d >= 0; d++) if (flags[from - d]) return d;
    return -1;
  };
  const ahead = (flags: Uint8Array, end: number) => {
    for (let d = 0; d <= SNAP_WORDS; d++) if (end + d >= flags.length || flags[end + d]) return d;
    return -1;
  };
  const free = (from: number, to: number) => claimed.subarray(Math.max(0, from), Math.max(0, to)).every((c) => c === 0);
  const pageBack = back(starts.page, passage.page[0]);
  const originalBack = back(starts.original, passage.original[0]);
  if (pageBack >= 0 && originalBack >= 0 && free(passage.original[0] - originalBack, passage.original[0])) {
    passage.page[0] -= pageBack;
    passage.original[0] -= originalBack;
  }
  const pageAhead = ahead(starts.page, passage.page[1]);
  const originalAhead = ahead(starts.original, passage.original[1]);
  if (pageAhead >= 0 && originalAhead >= 0 && free(passage.original[1], passage.original[1] + originalAhead)) {
    passage.page[1] += pageAhead;
    passage.original[1] += originalAhead;
  }
  claimed.fill(1, passage.original[0], passage.original[1]);
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
export function alignWords(original: readonly number[], page: readonly number[], starts?: { original: Uint8Array; page: Uint8Array }): Alignment {
  const usedPage = new Uint8Array(page.length);
  const usedOriginal = new Uint8Array(original.length);
  const tiles = tileRuns(original, page, SEED_WORDS, usedPage, usedOriginal);
  if (tiles.length === 0) return { passages: [], originalWords: 0, pageWords: 0 };
  // Then pairs of equal words among the words left: the pieces of a sentence a copier changed two
  // words of; they count only inside passages (MIN_FURTHER_PASSAGE_WORDS equal words at least).
  tiles.push(...tileRuns(original, page, 2, usedPage, usedOriginal));
  const span = (p: AlignedPassage) => p.original[1] - p.original[0];
  const passages = chainRuns(tiles).filter((p) => p.exactWords >= MIN_FURTHER_PASSAGE_WORDS);
  for (const passage of passages) {
    const claimed = new Uint8Array(original.length);
    for (const other of passages) if (other !== passage) claimed.fill(1, other.original[0], other.original[1]);
    extend(passage, original, page, claimed);
    if (starts) snapToSentences(passage, starts, claimed);
  }
  // The page copies this original when one passage is long and mostly equal words, or when two
  // passages of some length are: a stock phrase, or two, never make a match.
  const isLong = (p: AlignedPassage) => span(p) >= MIN_PASSAGE_WORDS && p.exactWords * 5 >= span(p) * 3 && p.seedWords >= MIN_LONG_SEED_WORDS;
  const fair = passages.filter((p) => p.seedWords >= MIN_PAIR_PASSAGE_WORDS);
  const copied = passages.some(isLong) || (fair.length >= 2 && fair.reduce((n, p) => n + p.seedWords, 0) >= MIN_PAIR_TOTAL_WORDS);
  if (!copied) return { passages: [], originalWords: 0, pageWords: 0 };
  const kept = oneSourcePerPageWord(passages).sort((a, b) => a.page[0] - b.page[0]);
  return {
    passages: kept,
    originalWords: coveredWords(kept.map((p) => p.original)),
    pageWords: coveredWords(kept.map((p) => p.page)),
  };
}
