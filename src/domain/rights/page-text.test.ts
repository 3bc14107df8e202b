import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractPageText } from './page-text.ts';

const PAGE = `<!doctype html><html><head><base href="https://copier.example/news/"><link rel="canonical" href="/news/bridge">
<meta name="robots" content="index, nofollow"></head><body>
<header class="site-header"><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav></header>
<h1>Astana opens a bridge</h1>
<main><article><p>The city opened a new bridge on Monday, the akimat said. It is five hundred metres long and carries four lanes of traffic across the river.</p>
<p>Source: <a href="https://qalam.example/city/bridge?utm_source=x" rel="nofollow ugc">Qalam</a></p>
<ul class="links"><li><a href="a">Another story</a></li><li><a href="b">A third story</a></li></ul>
<p>Engineers said the bridge would be inspected every spring &amp; autumn.</p></article>
<section id="comments"><p>Great news, thanks!</p></section></main>
<aside class="sidebar"><a href="/popular">Most popular</a></aside>
<footer>© Copier 2024 <a href="/about">About</a></footer><script>var x = "not text";</script></body></html>`;

describe('page text', () => {
  const page = extractPageText(PAGE, 'https://copier.example/news/bridge?ref=1');

  it('keeps the article’s text and headline and leaves the chrome out', () => {
    assert.match(page.text, /^Astana opens a bridge\n\nThe city opened a new bridge/);
    assert.match(page.text, /Engineers said the bridge would be inspected every spring & autumn\.$/);
    for (const chrome of ['Home', 'Great news', 'Most popular', 'Copier 2024', 'Another story', 'not text']) assert.ok(!page.text.includes(chrome), chrome);
  });

  it('lists every link, absolute, with its rel words and its place in the main text', () => {
    const source = page.links.find((link) => link.text === 'Qalam')!;
    assert.equal(source.href, 'https://qalam.example/city/bridge?utm_source=x');
    assert.deepEqual(source.rel, ['nofollow', 'ugc']);
    assert.equal(page.text.slice(source.offset!, source.offset! + 5), 'Qalam');
    assert.equal(page.links.find((link) => link.text === 'Home')!.offset, null);
    assert.equal(page.links.find((link) => link.text === 'Another story')!.href, 'https://copier.example/news/a');
  });

  it('reads the canonical address and the robots rules', () => {
    assert.equal(page.url, 'https://copier.example/news/bridge');
    assert.equal(page.robotsNofollow, true);
  });

  it('takes the body of a page without an article element, and survives broken markup', () => {
    const broken = extractPageText('<div><p>Unclosed <b>bold text <p>Second paragraph &nbsp; here</div><a href="x">link', null);
    assert.match(broken.text, /Unclosed bold text/);
    assert.match(broken.text, /Second paragraph/);
  });
});
