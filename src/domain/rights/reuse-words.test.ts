import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toKazakhLatin } from '#src/i18n/kazakh-latin.ts';
import { countReuseWords, foldWord, sentenceStarts, splitWords } from './reuse-words.ts';

describe('reuse words', () => {
  it('counts runs of letters and digits in any script, an apostrophe inside a word keeping it one word', () => {
    assert.equal(countReuseWords("Astana's 2024 budget — «Қазақстан» и Россия; don’t stop"), 8);
    assert.equal(countReuseWords('  ...  '), 0);
  });

  it('folds case, quote marks, ё and full-width letters into one key', () => {
    assert.equal(foldWord('Astana'), foldWord('ASTANA'));
    assert.equal(foldWord("don't"), foldWord('don’t'));
    assert.equal(foldWord('Ёлка'), foldWord('елка'));
    assert.equal(foldWord('Ａｓｔａｎａ'), foldWord('astana'));
  });

  it('gives a Kazakh word one key in Cyrillic and in the Latin our /kk-latn/ pages use', () => {
    for (const word of ['Қазақстан', 'Ұлттық', 'шығыс', 'мүмкіндігі', 'Әкімдік', 'ІШІНДЕ', 'Өзен']) {
      assert.equal(foldWord(toKazakhLatin(word)), foldWord(word), word);
    }
  });

  it('sees through Latin look-alike letters slipped into a Cyrillic word', () => {
    assert.equal(foldWord('Aстана'), foldWord('Астана'));
    assert.equal(foldWord('прoект'), foldWord('проект'));
  });

  it('keeps each word’s place in the text and flags the words that start a sentence', () => {
    const text = 'One two. Three\n\nFour';
    const words = splitWords(text);
    assert.deepEqual(words.map((w) => text.slice(w.start, w.end)), ['One', 'two', 'Three', 'Four']);
    assert.deepEqual([...sentenceStarts(text, words)], [1, 0, 1, 1]);
  });
});
