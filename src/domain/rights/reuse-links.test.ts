import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PageLink } from './page-text.ts';
import { findLink, linksInText, type OriginalAddress } from './reuse-links.ts';
import type { ReusePolicy } from './reuse-policy-repository.ts';

const POLICY: ReusePolicy = {
  maxOriginalSharePercent: 30,
  maxTextSharePercent: null,
  link: { required: true, toArticle: true, indexable: true, placement: 'anywhere' },
  fullRepublicationNeedsLicence: true,
};
const ADDRESS: OriginalAddress = {
  baseUrl: 'https://qalam.example',
  paths: ['/kk/jangalyqtar/mektep', '/kk-latn/jangalyqtar/mektep'],
  redirectOf: async (path) => (path === '/kk/news/old-slug' ? '/kk/jangalyqtar/mektep' : undefined),
};
const link = (href: string, rel: string[] = [], offset: number | null = 500): PageLink => ({ href, rel, offset, end: offset === null ? null : offset + 6, text: 'source' });
const check = (links: PageLink[], policy: ReusePolicy = POLICY, options: { robotsNofollow?: boolean; isText?: boolean; passages?: Array<[number, number]> } = {}) =>
  findLink({ links, robotsNofollow: options.robotsNofollow ?? false, isText: options.isText ?? false }, ADDRESS, policy, options.passages ?? [[0, 400]]);
const withLink = (changes: Partial<ReusePolicy['link']>): ReusePolicy => ({ ...POLICY, link: { ...POLICY.link, ...changes } });

describe('the link to the original', () => {
  it('accepts the canonical address with or without query string and fragment, www., http, a trailing slash or the Latin reading', async () => {
    for (const href of [
      'https://qalam.example/kk/jangalyqtar/mektep',
      'https://qalam.example/kk/jangalyqtar/mektep?utm_source=telegram&utm_medium=social#story',
      'http://www.qalam.example/kk/jangalyqtar/mektep/',
      'https://qalam.example/kk-latn/jangalyqtar/mektep',
    ]) {
      const found = await check([link(href)]);
      assert.equal(found.present, true, href);
      assert.equal(found.compliant, true, href);
    }
  });

  it('accepts an old address of ours that redirects to the article', async () => {
    assert.equal((await check([link('https://qalam.example/kk/news/old-slug')])).compliant, true);
  });

  it('does not count a link to our home page or a section as a link to the original, unless the policy says so', async () => {
    const home = await check([link('https://qalam.example/'), link('https://qalam.example/kk/jangalyqtar')]);
    assert.equal(home.present, false);
    assert.match(home.reason, /home page or a section/);
    assert.equal((await check([link('https://qalam.example/')], withLink({ toArticle: false }))).compliant, true);
  });

  it('finds a link not compliant when rel says nofollow, ugc or sponsored, or the page’s robots meta says nofollow', async () => {
    for (const rel of ['nofollow', 'ugc', 'sponsored']) {
      const found = await check([link('https://qalam.example/kk/jangalyqtar/mektep', [rel, 'noopener'])]);
      assert.deepEqual([found.present, found.compliant], [true, false], rel);
      assert.match(found.reason, new RegExp(`rel="${rel}"`));
    }
    const robots = await check([link('https://qalam.example/kk/jangalyqtar/mektep')], POLICY, { robotsNofollow: true });
    assert.equal(robots.compliant, false);
    assert.match(robots.reason, /meta robots nofollow/);
    assert.equal((await check([link('https://qalam.example/kk/jangalyqtar/mektep', ['nofollow'])], withLink({ indexable: false }))).compliant, true);
  });

  it('finds a link through someone else’s redirector present but masked', async () => {
    const found = await check([link(`https://copier.example/away.php?to=${encodeURIComponent('https://qalam.example/kk/jangalyqtar/mektep')}`)]);
    assert.deepEqual([found.present, found.compliant], [true, false]);
    assert.match(found.reason, /redirect at copier\.example/);
  });

  it('prefers a compliant link when the page has several', async () => {
    const found = await check([link('https://qalam.example/kk/jangalyqtar/mektep', ['nofollow']), link('https://qalam.example/kk/jangalyqtar/mektep')]);
    assert.equal(found.compliant, true);
  });

  it('asks for the link near the reused text when the policy says so', async () => {
    const near = withLink({ placement: 'near-quote' });
    assert.equal((await check([link('https://qalam.example/kk/jangalyqtar/mektep', [], 450)], near)).compliant, true);
    const far = await check([link('https://qalam.example/kk/jangalyqtar/mektep', [], 5000)], near);
    assert.match(far.reason, /not near the reused text/);
    const chrome = await check([link('https://qalam.example/kk/jangalyqtar/mektep', [], null)], near);
    assert.match(chrome.reason, /outside the main text/);
  });

  it('says so when there is no link, and treats an address written in a plain text as present but not a link', async () => {
    assert.deepEqual(await check([]), { present: false, href: null, compliant: false, reason: 'No link to the original on the page.' });
    const text = 'Read more at https://qalam.example/kk/jangalyqtar/mektep.';
    const found = await check(linksInText(text), POLICY, { isText: true });
    assert.equal(found.href, 'https://qalam.example/kk/jangalyqtar/mektep');
    assert.deepEqual([found.present, found.compliant], [true, false]);
  });
});
