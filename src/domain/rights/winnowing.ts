import { fmix32 } from './reuse-words.ts';

/**
 * Winnowing (Schleimer, Wilkerson and Aiken, "Winnowing: local algorithms for document
 * fingerprinting", SIGMOD 2003) over word k-grams. Every k consecutive words get one hash; in each
 * window of W consecutive k-gram hashes the smallest is chosen (the rightmost on a tie, their
 * "robust winnowing"), and a choice is recorded once. Two texts sharing a run of at least
 * W + K − 1 words then share at least one fingerprint, and the index holds about 2/(W+1) of the
 * k-grams. A check looks the page's own winnowed fingerprints up, so the same guarantee holds
 * between page and original at a fraction of the look-ups of every k-gram.
 */

/** Words per k-gram: short enough to survive a word changed per sentence, long enough to be rare. */
export const KGRAM_WORDS = 3;

/** k-grams per winnowing window: a run of WINDOW + KGRAM_WORDS − 1 = 6 shared words is always caught. */
export const WINDOW = 4;

/** One fingerprint: a k-gram's hash and the index of its first word. */
export type Fingerprint = { hash: number; position: number };

/** The hash of each k-gram of the word hashes (index i: words i … i+k−1); empty under k words. */
export function kgramHashes(wordHashes: readonly number[], k = KGRAM_WORDS): number[] {
  const out: number[] = [];
  for (let i = 0; i + k <= wordHashes.length; i++) {
    let h = 0x2545f491;
    for (let j = 0; j < k; j++) h = Math.imul(h ^ wordHashes[i + j]!, 0x9e3779b1) + j;
    out.push(fmix32(h));
  }
  return out;
}

/** The winnowed fingerprints of k-gram hashes (a text shorter than one window keeps its minimum). */
export function winnow(hashes: readonly number[], window = WINDOW): Fingerprint[] {
  const out: Fingerprint[] = [];
  if (hashes.length === 0) return out;
  const w = Math.min(window, hashes.length);
  let chosen = -1;
  for (let start = 0; start + w <= hashes.length; start++) {
    if (chosen < start) {
      // The previous choice left the window: scan the whole window for its minimum.
      chosen = start;
      for (let i = start + 1; i < start + w; i++) if (hashes[i]! <= hashes[chosen]!) chosen = i;
      out.push({ hash: hashes[chosen]!, position: chosen });
    } else {
      // Only the entering hash can displace the choice.
      const entering = start + w - 1;
      if (hashes[entering]! <= hashes[chosen]!) {
        chosen = entering;
        out.push({ hash: hashes[chosen]!, position: chosen });
      }
    }
  }
  return out;
}

/** The fingerprints an article is indexed by: winnowed, each hash once (its first place). */
export function fingerprintsOf(wordHashes: readonly number[]): Fingerprint[] {
  const seen = new Set<number>();
  const out: Fingerprint[] = [];
  for (const fingerprint of winnow(kgramHashes(wordHashes))) {
    if (seen.has(fingerprint.hash)) continue;
    seen.add(fingerprint.hash);
    out.push(fingerprint);
  }
  return out;
}

/** The distinct winnowed hashes of a page: what a check looks up in the index. */
export function lookupHashes(wordHashes: readonly number[]): number[] {
  return [...new Set(winnow(kgramHashes(wordHashes)).map((f) => f.hash))];
}
