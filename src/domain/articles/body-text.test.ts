import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countWords } from './body-text.ts';

/** The definition countWords keeps: the matches of this pattern. */
const countByPattern = (text: string) => text.match(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu)?.length ?? 0;

describe('countWords', () => {
  it('counts runs of letters and digits, joined by an apostrophe or hyphen between two of them', () => {
    assert.equal(countWords(''), 0);
    assert.equal(countWords('  \n '), 0);
    assert.equal(countWords("Don't stop: Алма-Ата, 2024 жыл’ы."), 5);
    assert.equal(countWords('a--b a- -b -a- a-b-c'), 6);
    assert.equal(countWords('Қазақстан𝐀𝐁 x'), 2);
  });

  it('agrees with the pattern on texts of every kind of character', () => {
    // Letters of three scripts, digits, joiners, marks, punctuation, spaces, an astral letter and
    // lone surrogates, in random strings from a fixed seed.
    const alphabet = ['a', 'Z', 'ж', 'Қ', 'ә', '7', '٣', "'", '’', '-', '—', '\u0301', ' ', '\n', '.', ',', '𝐀', '😀', '\ud800', '\udc00', '_', '"'];
    let state = 12345;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = Math.floor(next() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      assert.equal(countWords(text), countByPattern(text), JSON.stringify(text));
    }
  });
});
