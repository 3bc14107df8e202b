import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { seedDemoContent } from '#src/demo/seed-demo.ts';
import { kazakhLatinHtml } from '#src/i18n/kazakh-latin-html.ts';
import { toKazakhLatin } from '#src/i18n/kazakh-latin.ts';
import { jsonForScript } from '#src/lib/script-json.ts';
import { kazakhLatinHtmlBefore, toKazakhLatinBefore } from '../../support/kazakh-latin-before.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/**
 * The faster Kazakh Latin conversion (ADR 0056) writes what the one before it wrote, byte for
 * byte: over the demo site's rendered pages and over made-up input built from what is easy to get
 * wrong (two-letter capitals beside surrogate pairs, ъ/ь, entities, attributes that are URLs,
 * scripts, styles, JSON-LD, lang).
 */

/** Pieces of text: every Cyrillic letter the table knows, a few it does not, Latin, astral and broken characters. */
const TEXT_PIECES = [
  ...'абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяәАБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯӘ',
  'ЁЛКА', 'Ёлка', 'ЧЕМПИОН', 'Чемпион', 'Ч', 'Щ.', 'ЮЯ', 'ъЪьЬ', 'ї', 'Ѣ', 'ӿ', 'Ԁ',
  'a', 'Z', 'i', 'I', 'İ', 'ı', '7', ' ', '\n', '—', '«', '»', '"', "'", '.',
  '𝐀', '𝐚', '😀', '\ud835', '\udc00', '\u0301', 'ß', 'Σ', 'ǅ',
];
const ENTITIES = ['&amp;', '&lt;', '&gt;', '&quot;', '&#1179;', '&#x49B;', '&nbsp;', '&amp', '&#1025;', '&bogus;'];
const text = fc.array(fc.constantFrom(...TEXT_PIECES), { maxLength: 12 }).map((pieces) => pieces.join(''));
const htmlText = fc.array(fc.oneof(text, fc.constantFrom(...ENTITIES)), { maxLength: 4 }).map((parts) => parts.join(''));
const quoted = (value: string) => `"${value.replaceAll('"', '&quot;')}"`;
const attribute = fc.oneof(
  fc.tuple(fc.constantFrom('title', 'alt', 'aria-label', 'placeholder', 'href', 'class', 'data-x', 'content', 'name', 'property'), htmlText).map(([name, value]) => ` ${name}=${quoted(value)}`),
  fc.constantFrom(' lang="ru"', ' lang="kk"', ' lang="kk-Cyrl"', ' lang="KK-latn"', ' lang="en"', ' name="description"', ' property="og:title"', ' name="twitter:title"', ' disabled', " title='Қ \"ч\"'"),
);
const tagName = fc.constantFrom('p', 'a', 'span', 'meta', 'img', 'title', 'nav', 'input', 'textarea', 'b');
const jsonLd = fc.dictionary(fc.constantFrom('@type', 'headline', 'url', 'name', 'description'), fc.oneof(text, fc.constantFrom('/kk-latn/қала', 'https://example.kz/Қ'))).map((data) => `<script type="application/ld+json">${jsonForScript(data)}</script>`);
const node: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    htmlText,
    fc.tuple(tagName, fc.array(attribute, { maxLength: 3 }), fc.array(tie('node'), { maxLength: 3 })).map(([name, attributes, children]) => `<${name}${attributes.join('')}>${children.join('')}</${name}>`),
    text.map((t) => `<script>var s = "${t}";</script>`),
    text.map((t) => `<style>.x::after{content:"${t}"}</style>`),
    jsonLd,
    text.map((t) => `<!-- ${t} -->`),
    fc.constant('<br>'),
  ),
})).node;

describe('the Kazakh Latin conversion against the one before ADR 0056', () => {
  it('converts any text as before, surrogate pairs and lone halves included', () => {
    fc.assert(fc.property(text, (input) => assert.equal(toKazakhLatin(input), toKazakhLatinBefore(input))), { numRuns: 2000 });
  });

  it('converts made-up HTML as before: attributes, entities, scripts, styles, JSON-LD and lang', () => {
    fc.assert(fc.property(fc.array(node, { maxLength: 6 }), (nodes) => {
      const html = `<html lang="kk-Latn"><head></head><body>${nodes.join('')}</body></html>`;
      assert.equal(kazakhLatinHtml(html), kazakhLatinHtmlBefore(html));
    }), { numRuns: 1000 });
  });

  describe('over the demo site', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer();
      await seedDemoContent(server.context, { onlyIfEmpty: true });
    });
    after(() => server.close());

    const page = async (path: string) => {
      const response = await fetch(new URL(path, server.url));
      assert.equal(response.status, 200, path);
      return response.text();
    };

    it('converts every page as before: main page, sections, articles, search, in every language', async () => {
      const main = await page('/kk/');
      // The Cyrillic pages are what the /kk-latn/ pass is given; the others are mixed-script input.
      const links = [...new Set([...main.matchAll(/href="(\/kk\/[^"#?]*)"/g)].map((match) => match[1]!))].filter((path) => !/\.(xml|json)$/.test(path));
      const paths = [...links, '/kk/search?q=астана', '/kk/search?q=astana', '/ru/', '/en/', '/ru/search?q=астана'];
      assert.ok(links.length >= 10, `the main page links sections and articles (${links.length})`);
      for (const path of paths) {
        const html = await page(path);
        assert.equal(kazakhLatinHtml(html), kazakhLatinHtmlBefore(html), path);
      }
    });
  });
});
