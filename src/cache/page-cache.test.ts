import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { encodePage, etagFor, matchesIfNoneMatch, PageCache } from './page-cache.ts';
import { registerCacheInvalidation } from './cache-invalidation.ts';
import { EventBus } from '#src/lib/events.ts';

describe('PageCache', () => {
  it('stores a page in three codings that decode to the same HTML', async () => {
    const page = await encodePage('<p>Қазақстан</p>'.repeat(50), ['a']);
    assert.equal(gunzipSync(page.bodies.gzip).toString(), page.bodies.identity.toString());
    assert.equal(brotliDecompressSync(page.bodies.br).toString(), page.bodies.identity.toString());
    assert.notEqual(etagFor(page, 'br'), etagFor(page, 'gzip'));
    assert.ok(matchesIfNoneMatch(`W/${etagFor(page, 'gzip')}, "other"`, page));
    assert.ok(!matchesIfNoneMatch('"other"', page));
  });

  it('drops pages by tag and keeps the others', async () => {
    const cache = new PageCache();
    cache.set('/a', await encodePage('a', ['article:1', 'lists']), cache.generation);
    cache.set('/b', await encodePage('b', ['article:2']), cache.generation);
    cache.invalidateTags(['article:1']);
    assert.equal(cache.get('/a'), undefined);
    assert.ok(cache.get('/b'));
  });

  it('refuses to store a render that began before an invalidation', async () => {
    const cache = new PageCache();
    const generation = cache.generation;
    cache.clear();
    assert.equal(cache.set('/a', await encodePage('a', []), generation), false);
    assert.equal(cache.get('/a'), undefined);
  });

  it('evicts the least recently used page when over its byte budget', async () => {
    const first = await encodePage('x'.repeat(1000), []);
    const cache = new PageCache(first.size * 2 + 10);
    cache.set('/1', first, cache.generation);
    cache.set('/2', await encodePage('y'.repeat(1000), []), cache.generation);
    cache.get('/1');
    cache.set('/3', await encodePage('z'.repeat(1000), []), cache.generation);
    assert.ok(cache.get('/1'));
    assert.equal(cache.get('/2'), undefined);
    assert.ok(cache.get('/3'));
  });

  it('forgets a page older than its maximum age', async () => {
    let clock = 1_000_000;
    const cache = new PageCache(1024 * 1024, 60_000, () => clock);
    cache.set('/a', await encodePage('a', []), cache.generation);
    clock += 59_000;
    assert.ok(cache.get('/a'));
    clock += 2_000;
    assert.equal(cache.get('/a'), undefined);
    assert.equal(cache.stats().pages, 0);
  });

  it('empties on the events the contracts name', async () => {
    const events = new EventBus();
    const cache = new PageCache();
    registerCacheInvalidation(events, cache);
    cache.set('/article', await encodePage('a', ['article:7']), cache.generation);
    cache.set('/home', await encodePage('h', ['lists']), cache.generation);
    cache.set('/other', await encodePage('o', ['article:8', 'media:3']), cache.generation);
    events.emit('article.updated', { articleId: 7 });
    assert.deepEqual([cache.get('/article'), cache.get('/home')], [undefined, undefined]);
    assert.ok(cache.get('/other'));
    events.emit('media.updated', { mediaId: 3 });
    assert.equal(cache.get('/other'), undefined);
    cache.set('/x', await encodePage('x', []), cache.generation);
    events.emit('settings.updated');
    assert.equal(cache.stats().pages, 0);
  });
});
