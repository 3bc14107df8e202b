import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { alignWords } from './reuse-alignment.ts';
import { sentenceStarts, splitWords } from './reuse-words.ts';

const ORIGINAL = [
  'Almaty will open forty kilometres of protected bike lanes on six central streets before the end of September, the city akimat said on Tuesday.',
  'Concrete kerbs will separate the lanes from cars, and cyclists will get their own signals at the busiest crossings.',
  'The first section, along Abai Avenue between Dostyk and Baitursynov, is due in June.',
  'Work on Zheltoksan, Tole Bi and three shorter streets will follow during the summer, when schools are closed and traffic is lighter.',
].join('\n\n');

function align(original: string, page: string) {
  const o = splitWords(original);
  const p = splitWords(page);
  const result = alignWords(
    o.map((w) => w.hash),
    p.map((w) => w.hash),
    { original: sentenceStarts(original, o), page: sentenceStarts(page, p) },
  );
  return { ...result, share: Math.round((1000 * result.originalWords) / o.length) / 10, originalWordCount: o.length };
}

describe('reuse alignment', () => {
  it('measures a verbatim excerpt exactly, whatever the case, punctuation and spacing', () => {
    const page = 'BIG NEWS!!! concrete   kerbs will separate the lanes from cars — and cyclists will get their own signals at the busiest crossings';
    const result = align(ORIGINAL, page);
    assert.equal(result.originalWords, 19);
    assert.equal(result.passages.length, 1);
  });

  it('counts a sentence copied with a word or two changed as copied', () => {
    const page = 'The first stretch, along Abai Avenue between Dostyk and Baitursynov, is expected in June. Work on Zheltoksan, Tole Bi and three smaller streets will follow during the summer, when schools are shut and traffic is lighter.';
    const result = align(ORIGINAL, page);
    assert.equal(result.originalWords, 36);
  });

  it('finds reordered paragraphs as separate passages and counts each once', () => {
    const [a, b, c] = ORIGINAL.split('\n\n');
    const result = align(ORIGINAL, `${c}\n\n${a}\n\nUnrelated words of the copier here.\n\n${b}`);
    assert.equal(result.passages.length, 3);
    assert.equal(result.originalWords, splitWords([a, b, c].join(' ')).length);
  });

  it('does not call a shared stock phrase a copy', () => {
    const page = 'Shymkent painted new lanes on two avenues, the city akimat said on Monday. The akimat said it would review the scheme.';
    assert.equal(align(ORIGINAL, page).passages.length, 0);
  });

  it('takes a sentence the original repeats once per copy on the page, not twice', () => {
    const original = 'Lake level falls to a five year low.\n\nThe lake level falls to a five year low, hydrologists said on Monday after the spring.';
    const page = 'Hydrologists report: the lake level falls to a five year low, hydrologists said on Monday after the spring.';
    const result = align(original, page);
    assert.equal(result.originalWords, 16);
  });
});
