import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Invalid } from '#src/lib/errors.ts';
import { MAX_PAGE_BYTES, assertNotBinaryText, decodePageBytes } from './page-input.ts';

const refusal = (work: () => unknown, pattern: RegExp) =>
  assert.throws(work, (error: unknown) => error instanceof Invalid && error.field === 'html' && pattern.test(error.message));

describe('page input', () => {
  it('reads UTF-8, a byte order mark, and the charset a page declares (windows-1251 here)', () => {
    assert.equal(decodePageBytes('html', Buffer.from('<p>Қазақ</p>')), '<p>Қазақ</p>');
    assert.equal(decodePageBytes('html', Buffer.from([0xef, 0xbb, 0xbf, 0x41])), 'A');
    const cp1251 = Buffer.concat([Buffer.from('<meta charset="windows-1251"><p>'), Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2])]);
    assert.match(decodePageBytes('html', cp1251), /Привет/);
    assert.match(decodePageBytes('html', Buffer.from([0xcf, 0xf0, 0xe8]), 'text/html; charset=cp1251'), /При/);
  });

  it('refuses a page in an encoding it does not know, or not UTF-8 without saying which', () => {
    refusal(() => decodePageBytes('html', Buffer.from('<meta charset="x-klingon"><p>hi')), /encoding "x-klingon"/);
    refusal(() => decodePageBytes('html', Buffer.from([0x3c, 0x70, 0x3e, 0xcf, 0xf0, 0xe8, 0xe2])), /not valid UTF-8/);
  });

  it('refuses binary data and pages over the size cap', () => {
    refusal(() => decodePageBytes('html', Buffer.from('%PDF-1.7 ...')), /PDF/);
    refusal(() => decodePageBytes('html', Buffer.from([0x41, 0x00, 0x42, 0x43])), /binary/);
    refusal(() => decodePageBytes('html', Buffer.alloc(MAX_PAGE_BYTES + 1, 0x41)), /at most 5 MB/);
    refusal(() => assertNotBinaryText('html', 'text\u0000\u0001\u0002 more'), /binary/);
  });
});
