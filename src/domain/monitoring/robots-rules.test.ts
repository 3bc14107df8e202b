import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRobotsCache, robotsRules, ROBOTS_TTL_MS } from './robots-rules.ts';

const UA = 'Qalam-Monitor/1.0 (+https://news.example)';

describe('robots rules', () => {
  it('follow the group naming our product token over the * group', () => {
    const rules = robotsRules('https://copies.example/robots.txt', {
      kind: 'file',
      text: 'User-agent: *\nDisallow: /\n\nUser-agent: qalam-monitor\nDisallow: /private/\nCrawl-delay: 7\n',
    });
    assert.equal(rules.isAllowed('https://copies.example/news/1', UA), true);
    assert.equal(rules.isAllowed('https://copies.example/private/1', UA), false);
    assert.equal(rules.isAllowed('https://copies.example/news/1', 'OtherBot/2'), false);
    assert.equal(rules.crawlDelay(UA), 7);
  });

  it('allow everything when the site has no robots.txt (4xx), and nothing when it cannot be read (5xx, no answer)', () => {
    assert.equal(robotsRules('https://a.example/robots.txt', { kind: 'absent' }).isAllowed('https://a.example/x', UA), true);
    assert.equal(robotsRules('https://a.example/robots.txt', { kind: 'unreachable' }).isAllowed('https://a.example/x', UA), false);
  });

  it('are read once per origin until they expire', async () => {
    let now = 0;
    const loads: string[] = [];
    const cache = createRobotsCache(async (url) => {
      loads.push(url);
      return { kind: 'file', text: 'User-agent: *\nDisallow: /no/\n' };
    }, () => now);
    await cache.rulesFor('https://a.example/1');
    await cache.rulesFor('https://a.example/2');
    await cache.rulesFor('http://a.example:8080/3');
    now += ROBOTS_TTL_MS + 1;
    assert.equal((await cache.rulesFor('https://a.example/no/4')).isAllowed('https://a.example/no/4', UA), false);
    assert.deepEqual(loads, ['https://a.example/robots.txt', 'http://a.example:8080/robots.txt', 'https://a.example/robots.txt']);
  });
});
