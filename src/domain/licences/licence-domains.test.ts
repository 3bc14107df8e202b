import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { domainsCovering, hostOfPage, normalizeDomain } from './licence-domains.ts';

describe('partner domains', () => {
  it('keeps host names in one form: lower case, without scheme, path, port, trailing dot or www', () => {
    const cases: Array<[string, string]> = [
      ['partner.kz', 'partner.kz'],
      ['  Partner.KZ ', 'partner.kz'],
      ['https://www.partner.kz/news/item?id=1', 'partner.kz'],
      ['http://news.partner.kz:8080/', 'news.partner.kz'],
      ['partner.kz/path', 'partner.kz'],
      ['partner.kz.', 'partner.kz'],
      ['sub-domain.example.co.uk', 'sub-domain.example.co.uk'],
    ];
    for (const [typed, stored] of cases) assert.deepEqual(normalizeDomain(typed), { domain: stored }, typed);
  });

  it('stores an internationalised name in its punycode form, as URLs carry it', () => {
    const result = normalizeDomain('Ақпарат.қаз');
    assert.ok('domain' in result);
    assert.match(result.domain, /^xn--[a-z0-9-]+\.xn--[a-z0-9-]+$/);
    assert.equal(hostOfPage('https://ақпарат.қаз/news'), result.domain);
  });

  it('refuses addresses and localhost: a partner publishes under a name', () => {
    for (const typed of ['127.0.0.1', 'http://10.0.0.1/', '[::1]', 'http://[2001:db8::1]/', 'localhost', 'app.localhost', '10.0.0']) {
      assert.deepEqual(normalizeDomain(typed), { problem: 'address' }, typed);
    }
  });

  it('refuses what is not a host name of two or more labels', () => {
    for (const typed of ['partner', 'www.kz', '-bad.kz', 'bad-.kz', 'under_score.kz', 'two..dots.kz', `${'a'.repeat(64)}.kz`, 'ftp://']) {
      assert.deepEqual(normalizeDomain(typed), { problem: 'format' }, typed);
    }
    assert.deepEqual(normalizeDomain('   '), { problem: 'empty' });
  });

  it('reads the host of an http(s) page only', () => {
    assert.equal(hostOfPage('https://News.Partner.KZ./a/b?c#d'), 'news.partner.kz');
    assert.equal(hostOfPage('ftp://partner.kz/file'), null);
    assert.equal(hostOfPage('not a url'), null);
  });

  it('covers a host by itself and its parent domains, never by a top-level domain alone', () => {
    assert.deepEqual(domainsCovering('a.news.partner.kz'), ['a.news.partner.kz', 'news.partner.kz', 'partner.kz']);
    assert.deepEqual(domainsCovering('partner.kz'), ['partner.kz']);
  });
});
