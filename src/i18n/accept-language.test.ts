import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { preferredLanguage } from './accept-language.ts';

const OURS = ['kk', 'kk-Latn', 'ru', 'en'] as const;

describe('preferredLanguage', () => {
  const cases: Array<[string, string | undefined, string | null]> = [
    ['takes the first of equal ranges', 'ru, en', 'ru'],
    ['follows q-values over order', 'en;q=0.5, kk;q=0.9', 'kk'],
    ['matches a regional range to our language', 'ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7', 'ru'],
    ['matches a regional English to en', 'en-US', 'en'],
    ['prefers the exact tag over a broader match', 'kk-Latn', 'kk-Latn'],
    ['reads a plain "kk" as Cyrillic Kazakh', 'kk', 'kk'],
    ['honours a refusal of one script', 'kk-Latn;q=0, kk;q=0.5', 'kk'],
    ['takes the wildcard for any language', '*', 'kk'],
    ['lets q=0 refuse a language the wildcard would allow', 'en;q=0, *;q=0.1', 'kk'],
    ['refuses when everything acceptable is refused', 'ru;q=0, en;q=0, kk;q=0', null],
    ['finds nothing for languages we do not have', 'de, fr;q=0.8', null],
    ['is case-insensitive', 'RU-ru', 'ru'],
    ['ignores a malformed item and reads the rest', 'ru;q=abc, en;q=0.3', 'en'],
    ['answers null for garbage', '@@@;;;,,', null],
    ['answers null for an empty header', '', null],
    ['answers null without a header', undefined, null],
  ];
  for (const [what, header, expected] of cases) {
    it(`${what}: ${JSON.stringify(header)} → ${expected}`, () => {
      assert.equal(preferredLanguage(header, OURS), expected);
    });
  }
});
