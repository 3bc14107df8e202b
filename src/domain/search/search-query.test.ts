import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, parseSearchQuery } from './search-query.ts';

describe('parseSearchQuery', () => {
  it('folds the words and marks those of three letters and more as prefixes', () => {
    assert.deepEqual(parseSearchQuery('  Қазақстан ЕС ёлка '), {
      text: 'Қазақстан ЕС ёлка',
      terms: [
        { text: 'казакстан', isPrefix: true },
        { text: 'ес', isPrefix: false },
        { text: 'елка', isPrefix: true },
      ],
    });
  });

  it('reads operators and quotes as punctuation or plain words, never as syntax', () => {
    const words = (q: string) => parseSearchQuery(q).terms.map((t) => t.text);
    assert.deepEqual(words('"railway" AND (steppe OR NEAR(x y)) NOT ^title:col* -a +b <-> c:* & | !'), ['railway', 'and', 'steppe', 'or', 'near', 'not', 'title', 'col']);
    assert.deepEqual(words("'); drop table articles; --"), ['drop', 'table', 'articles']);
    assert.deepEqual(words('\u0000\u0001'), []);
  });

  it('drops single letters and repeats, and keeps at most MAX_QUERY_TERMS words', () => {
    assert.deepEqual(parseSearchQuery('a я 1 ok ok').terms.map((t) => t.text), ['ok']);
    assert.equal(parseSearchQuery(Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ')).terms.length, MAX_QUERY_TERMS);
  });

  it('cuts a long query to MAX_QUERY_LENGTH characters and each word to forty', () => {
    const parsed = parseSearchQuery('x'.repeat(1000));
    assert.equal(parsed.text.length, MAX_QUERY_LENGTH);
    assert.equal(parsed.terms[0]!.text.length, 40);
  });
});
