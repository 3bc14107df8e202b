import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { siteUrl } from './site-url.ts';

const BASES = ['https://news.example', 'http://127.0.0.1:3000', 'https://News.Example:443', 'http://localhost:80', 'https://example.com/news', 'https://example.com/news/', 'https://user:pw@example.com', 'https://xn--80ak6aa92e.com', 'https://пример.рф'];
const PATHS = [
  '/',
  '/culture/some-slug-124vb',
  '/ru/culture/статья',
  '/media/e3/e39e59caf585a8838d6b96d35d41edc7/w1600.jpg',
  '/author/olga-ivanova',
  '/a/./b',
  '/a/../b',
  '/.hidden',
  '/a/..',
  '//evil.example/x',
  '/a b',
  '/a%20b',
  '/search?q=x',
  '/a#b',
  '/trailing/',
  '/UPPER/Case_~x',
  '',
  'relative/path',
  '/a\\b',
];

describe('siteUrl', () => {
  it('answers what the URL parser answers for every base and path', () => {
    for (const base of BASES) {
      for (const path of PATHS) assert.equal(siteUrl(base, path), new URL(path, `${base}/`).href, `${base} + ${path}`);
    }
  });
});
