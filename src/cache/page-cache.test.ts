import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { ENTRY_BYTES, etagFor, makePage, matchesIfNoneMatch, PageCache } from './page-cache.ts';
import { registerCacheInvalidation } from './cache-invalidation.ts';
import { EventBus } from '#src/lib/events.ts';

describe('PageCache', () => {
  it("keeps a page's text as the UTF-8 bytes Buffer.from writes, whatever its size and characters", () => {
    const texts = ['', 'ascii', '<p>Қазақстан — “Алматы”</p>', 'emoji 😀 and a lone \ud800 surrogate \udfff', 'Ж'.repeat(90_000), `${'a'.repeat(40_000)}—${'b'.repeat(40_000)}`];
    for (const text of texts) {
      const page = makePage(text, ['a']);
      assert.ok(page.bodies.identity!.equals(Buffer.from(text, 'utf8')));
      assert.equal(page.bodies.identity!.buffer.byteLength, page.bodies.identity!.length);
    }
  });

  it('makes each coding on first demand, once, decoding to the same HTML and counted against the budget', async () => {
    const cache = new PageCache();
    const html = '<p>Қазақстан</p>'.repeat(50);
    const page = makePage(html, ['a']);
    assert.deepEqual(Object.keys(page.bodies), ['identity']);
    cache.set('/a', page, cache.generation);
    const gz = await cache.bodyIn(page, 'gzip');
    const br = await cache.bodyIn(page, 'br');
    assert.equal(gunzipSync(gz).toString(), html);
    assert.equal(brotliDecompressSync(br).toString(), html);
    assert.equal(await cache.bodyIn(page, 'br'), br, 'kept, not made again');
    assert.equal(cache.stats().bytes, ENTRY_BYTES + gz.length + br.length);
    assert.equal(cache.stats().bytes, page.size);
    assert.notEqual(etagFor(page, 'br'), etagFor(page, 'gzip'));
    assert.ok(matchesIfNoneMatch(`W/${etagFor(page, 'gzip')}, "other"`, page));
    assert.ok(!matchesIfNoneMatch('"other"', page));
  });

  it('lets a held page’s UTF-8 bytes go once it keeps a compressed coding, and decodes them again for a client that asks', async () => {
    const cache = new PageCache();
    const html = '<p>Қазақстан</p>'.repeat(50);
    const page = makePage(html, ['a']);
    const hash = page.hash;
    cache.set('/a', page, cache.generation);
    const br = await cache.bodyIn(page, 'br');
    assert.deepEqual(Object.keys(page.bodies), ['br'], 'the compressed coding took the place of the UTF-8 bytes');
    assert.equal(cache.stats().bytes, ENTRY_BYTES + br.length);
    const identity = await cache.bodyIn(page, 'identity');
    assert.equal(identity.toString(), html);
    assert.equal(page.hash, hash, 'the same representation, the same validator');
    assert.equal(await cache.bodyIn(page, 'identity'), identity, 'asked for, so kept');
    const gz = await cache.bodyIn(page, 'gzip');
    assert.equal(gunzipSync(gz).toString(), html);
    assert.deepEqual(Object.keys(page.bodies).sort(), ['br', 'gzip', 'identity'], 'the UTF-8 bytes asked for stay beside a later coding');
    assert.equal(cache.stats().bytes, ENTRY_BYTES + br.length + identity.length + gz.length);

    // A page the cache does not hold (sent once) keeps its UTF-8 bytes beside its coding.
    const once = makePage(html, ['a']);
    await cache.bodyIn(once, 'br');
    assert.deepEqual(Object.keys(once.bodies).sort(), ['br', 'identity']);
    assert.equal(cache.stats().bytes, page.size, 'and is not counted');
  });

  it('keeps each body in a memory block of exactly its size, so the budget counts what stays allocated', async () => {
    const cache = new PageCache();
    const words = ['steppe', 'courier', 'Алматы', 'news', 'section', 'article', 'minister', 'weather', 'Қазақстан', 'market'];
    // Like an article page: 11 KB of HTML whose Brotli coding is a few KB, less than zlib's 16 KB output chunk.
    const article = makePage(Array.from({ length: 400 }, (_, i) => `<p>${words[(i * 7) % 10]} ${words[(i * i) % 10]}</p>`).join(''), ['a']);
    // A short page (a small feed, a 404) whose UTF-8 bytes Buffer.from would put in its shared 8 KB pool.
    const short = makePage('<p>Қазақстан</p>', ['b']);
    cache.set('/article', article, cache.generation);
    cache.set('/short', short, cache.generation);
    for (const page of [article, short]) {
      for (const coding of ['identity', 'br', 'gzip'] as const) {
        const body = await cache.bodyIn(page, coding);
        assert.equal(body.buffer.byteLength, body.length, `${coding} of page ${page.hash} holds its own bytes only`);
      }
    }
    assert.ok(article.bodies.br!.length < 16 * 1024, 'the case zlib answers with a slice of its output chunk');
    assert.equal(cache.stats().bytes, article.size + short.size);
  });

  it('compresses a page it does not hold (sent once) faster and looser than one it keeps', async () => {
    const cache = new PageCache();
    // Varied text, like a page: repeated words in changing order, where compression effort tells.
    const words = ['steppe', 'courier', 'Алматы', 'news', 'section', 'article', 'minister', 'weather', 'Қазақстан', 'market'];
    const html = Array.from({ length: 2000 }, (_, i) => `<a href="/n/${i}">${words[(i * 7) % 10]} ${words[(i * i) % 10]}</a>`).join('');
    const kept = makePage(html, ['a']);
    const once = makePage(html, ['a']);
    cache.set('/kept', kept, cache.generation);
    for (const coding of ['br', 'gzip'] as const) {
      const [keptBody, onceBody] = [await cache.bodyIn(kept, coding), await cache.bodyIn(once, coding)];
      const decode = coding === 'br' ? brotliDecompressSync : gunzipSync;
      assert.equal(decode(onceBody).toString(), html);
      assert.equal(decode(keptBody).toString(), html);
      // gzip's levels differ too little on made-up text to tell them apart by size; brotli's do not.
      if (coding === 'br') assert.ok(keptBody.length < onceBody.length, `kept ${keptBody.length} bytes, once ${onceBody.length}`);
    }
    assert.equal(cache.stats().pages, 1);
  });

  it('drops pages by tag and keeps the others', async () => {
    const cache = new PageCache();
    cache.set('/a', makePage('a', ['article:1', 'lists']), cache.generation);
    cache.set('/b', makePage('b', ['article:2']), cache.generation);
    cache.invalidateTags(['article:1']);
    assert.equal(cache.get('/a'), undefined);
    assert.ok(cache.get('/b'));
  });

  it('refuses to store a render that began before an invalidation of one of its tags', async () => {
    const cache = new PageCache();
    const generation = cache.generation;
    cache.invalidateTags(['article:1']);
    assert.equal(cache.set('/a', makePage('a', ['article:1', 'lists']), generation), false);
    assert.equal(cache.get('/a'), undefined);
  });

  it('stores a render that began before invalidations of other tags only (a live story republished every second)', async () => {
    const cache = new PageCache();
    const generation = cache.generation;
    for (let i = 0; i < 5; i++) cache.invalidateTags(['article:1', 'lists']);
    assert.equal(cache.set('/b', makePage('b', ['article:2', 'section:3']), generation), true);
    assert.ok(cache.get('/b'));
  });

  it('refuses every render that began before a clear', async () => {
    const cache = new PageCache();
    const generation = cache.generation;
    cache.clear();
    assert.equal(cache.set('/a', makePage('a', []), generation), false);
    assert.equal(cache.set('/a', makePage('a', []), cache.generation), true);
  });

  it('stays safe when it forgets old invalidations: a render older than a forgotten one is refused', async () => {
    const cache = new PageCache();
    const generation = cache.generation;
    for (let i = 0; i < 10_001; i++) cache.invalidateTags([`article:${i}`]);
    assert.equal(cache.set('/a', makePage('a', ['unrelated']), generation), false);
    assert.equal(cache.set('/a', makePage('a', ['unrelated']), cache.generation), true);
  });

  it('runs one render for concurrent callers of a key, and a new one for a caller after an invalidation', async () => {
    const cache = new PageCache();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const render = async () => {
      const run = ++runs;
      await gate;
      return run;
    };
    const first = [cache.singleFlight('/a', render), cache.singleFlight('/a', render), cache.singleFlight('/a', render)];
    const other = cache.singleFlight('/b', render);
    assert.equal(runs, 2, 'one run for /a, one for /b');
    cache.invalidateTags(['anything']);
    const late = cache.singleFlight('/a', render);
    assert.equal(runs, 3, 'a caller after the invalidation did not join the run under way');
    release();
    assert.deepEqual(await Promise.all(first), [1, 1, 1]);
    await Promise.all([other, late]);
    await cache.singleFlight('/a', render);
    assert.equal(runs, 4, 'a finished run is not reused');
  });

  it('hands a failed render to every waiting caller, and runs again for the next', async () => {
    const cache = new PageCache();
    let runs = 0;
    const failing = async () => {
      runs++;
      await new Promise((resolve) => setImmediate(resolve));
      throw new Error('no such page');
    };
    const results = await Promise.allSettled([cache.singleFlight('/x', failing), cache.singleFlight('/x', failing)]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
    assert.equal(runs, 1);
    await assert.rejects(cache.singleFlight('/x', failing));
    assert.equal(runs, 2);
  });

  it('evicts the least recently used page when over its byte budget', async () => {
    const first = makePage('x'.repeat(1000), []);
    const cache = new PageCache(first.size * 2 + 10);
    cache.set('/1', first, cache.generation);
    cache.set('/2', makePage('y'.repeat(1000), []), cache.generation);
    cache.get('/1');
    cache.set('/3', makePage('z'.repeat(1000), []), cache.generation);
    assert.ok(cache.get('/1'));
    assert.equal(cache.get('/2'), undefined);
    assert.ok(cache.get('/3'));
  });

  it('keeps the order of use through repeated reads of one page', async () => {
    const first = makePage('x'.repeat(1000), []);
    const cache = new PageCache(first.size * 2 + 10);
    cache.set('/1', first, cache.generation);
    cache.set('/2', makePage('y'.repeat(1000), []), cache.generation);
    for (const key of ['/2', '/2', '/1', '/1', '/2']) assert.ok(cache.get(key));
    cache.set('/3', makePage('z'.repeat(1000), []), cache.generation);
    assert.equal(cache.get('/1'), undefined, '/1 was used before the last read of /2');
    assert.ok(cache.get('/2'));
  });

  it('evicts when a coding made later takes a page over the budget', async () => {
    const text = (seed: string) => Array.from({ length: 400 }, (_, i) => `${seed}${i * 7919}`).join(' ');
    const first = makePage(text('a'), []);
    const second = makePage(text('b'), []);
    const cache = new PageCache(first.size + second.size + 10);
    cache.set('/1', first, cache.generation);
    cache.set('/2', second, cache.generation);
    await cache.bodyIn(second, 'gzip');
    assert.ok(cache.get('/1'), 'the gzip coding took less room than the UTF-8 bytes it replaced');
    cache.get('/2');
    await cache.bodyIn(second, 'identity');
    assert.equal(cache.get('/1'), undefined, 'the least recently used page left');
    assert.ok(cache.get('/2'));
    assert.equal(cache.stats().bytes, second.size);
  });

  it('forgets a page older than its maximum age', async () => {
    let clock = 1_000_000;
    const cache = new PageCache(1024 * 1024, 60_000, () => clock);
    cache.set('/a', makePage('a', []), cache.generation);
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
    cache.set('/article', makePage('a', ['article:7']), cache.generation);
    cache.set('/home', makePage('h', ['lists']), cache.generation);
    cache.set('/other', makePage('o', ['article:8', 'media:3']), cache.generation);
    events.emit('article.updated', { articleId: 7 });
    assert.deepEqual([cache.get('/article'), cache.get('/home')], [undefined, undefined]);
    assert.ok(cache.get('/other'));
    events.emit('media.updated', { mediaId: 3 });
    assert.equal(cache.get('/other'), undefined);
    cache.set('/x', makePage('x', []), cache.generation);
    events.emit('settings.updated');
    assert.equal(cache.stats().pages, 0);
    cache.set('/y', makePage('y', []), cache.generation);
    events.deliver({ name: 'events.missed', args: [] });
    assert.equal(cache.stats().pages, 0);
  });

  it('drops a page at its own expiry (a banner’s end) with no event, and keeps one without an expiry', () => {
    let now = 1_000_000;
    const cache = new PageCache(64 * 1024 * 1024, 5 * 60_000, () => now);
    const banner = makePage('with banner', ['main-page:en']);
    banner.expiresAt = now + 30_000;
    cache.set('/', banner, cache.generation);
    cache.set('/ru/', makePage('no banner', ['main-page:ru']), cache.generation);
    now += 29_999;
    assert.ok(cache.get('/'));
    now += 1;
    assert.equal(cache.get('/'), undefined);
    assert.ok(cache.get('/ru/'));
  });

  it('drops exactly the Main Page of a layout’s language and the section pages it names when the layout goes live', () => {
    const events = new EventBus();
    const cache = new PageCache();
    registerCacheInvalidation(events, cache);
    const pages: Record<string, string[]> = {
      '/': ['lists', 'main-page:en'],
      '/ru/': ['lists', 'main-page:ru'],
      '/economy': ['lists', 'section:4', 'section-page:en:4'],
      '/economy?page=2': ['lists', 'section:4'],
      '/sport': ['lists', 'section:5', 'section-page:en:5'],
      '/ru/ekonomika': ['lists', 'section:4', 'section-page:ru:4'],
    };
    for (const [key, tags] of Object.entries(pages)) cache.set(key, makePage(key, tags), cache.generation);
    events.emit('main-page.published', { language: 'en', sectionIds: [4] });
    const kept = Object.keys(pages).filter((key) => cache.get(key));
    assert.deepEqual(kept, ['/ru/', '/economy?page=2', '/sport', '/ru/ekonomika']);
  });
});
