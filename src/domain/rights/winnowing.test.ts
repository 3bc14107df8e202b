import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KGRAM_WORDS, WINDOW, fingerprintsOf, kgramHashes, lookupHashes, winnow } from './winnowing.ts';

describe('winnowing', () => {
  it('keeps one fingerprint per window at least, and about 2/(W+1) of the k-grams', () => {
    const hashes = Array.from({ length: 5000 }, (_, i) => Math.imul(i + 1, 0x9e3779b1) | 0);
    const chosen = winnow(hashes);
    for (let start = 0; start + WINDOW <= hashes.length; start++) {
      assert.ok(chosen.some((f) => f.position >= start && f.position < start + WINDOW), `window at ${start}`);
    }
    const density = chosen.length / hashes.length;
    assert.ok(density > 1.6 / (WINDOW + 1) && density < 2.4 / (WINDOW + 1), `density ${density}`);
  });

  it('guarantees a shared fingerprint for any shared run of W + K − 1 words (the paper’s bound)', () => {
    const word = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), fc.array(word, { minLength: WINDOW + KGRAM_WORDS - 1, maxLength: 40 }), fc.array(word, { maxLength: 60 }), fc.array(word, { maxLength: 60 }), (before, shared, after, other) => {
        const stored = new Set(fingerprintsOf([...before, ...shared, ...after]).map((f) => f.hash));
        return lookupHashes([...other, ...shared, ...other]).some((hash) => stored.has(hash));
      }),
    );
  });

  it('makes no k-gram of a text shorter than K words', () => {
    assert.deepEqual(kgramHashes([1, 2].slice(0, KGRAM_WORDS - 1)), []);
  });
});
