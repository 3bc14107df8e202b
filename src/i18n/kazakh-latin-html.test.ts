import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jsonForScript } from '#src/lib/script-json.ts';
import { kazakhLatinHtml } from './kazakh-latin-html.ts';

const JSON_LD = jsonForScript({
  '@context': 'https://schema.org',
  '@type': 'NewsArticle',
  headline: 'Шілдедегі жаңалық <b>',
  url: 'https://example.kz/kk-latn/qogam/shilde',
  author: [{ '@type': 'Person', name: 'Әлия Сәрсенова' }],
});

const PAGE = `<!DOCTYPE html><html lang="kk-Latn"><head><meta charset="utf-8"><title>Қаңтар | Qalam</title>
<meta name="description" content="Сәуір айының &quot;басты&quot; жаңалықтары">
<meta property="og:title" content="Қаңтар">
<meta property="og:url" content="https://example.kz/kk-latn/qantar">
<meta name="twitter:card" content="summary">
<style>.шрифт::after{content:"Қ"}</style>
<script type="application/ld+json">${JSON_LD}</script>
<script>window.label = "Қазақ";</script>
</head><body>
<a href="#main" class="skip-link">Негізгі мазмұнға өту</a>
<nav aria-label="Бөлімдер"><a href="/kk-latn/қоғам" title='Қоғам "жаңалықтары"'>Қоғам</a></nav>
<ul class="languages"><li><a href="/ru/" lang="ru" hreflang="ru" title="Русский">Русский <span>язык</span></a></li><li><a href="/kk/" lang="kk" title="Қазақша">Қазақша</a></li><li><a href="/kk/" lang="kk-Cyrl">Қазақша</a></li></ul>
<main><p>Шымкент &amp; Түркістан — ЧЕМПИОН&#1179;</p><img src="/media/қала.jpg" alt="Қала көрінісі"><input placeholder="Іздеу"></main>
</body></html>`;

describe('kazakhLatinHtml', () => {
  const out = kazakhLatinHtml(PAGE);

  it('converts text nodes, keeping entities as they were written', () => {
    assert.match(out, /<title>Qañtar \| Qalam<\/title>/);
    assert.match(out, /<a href="#main" class="skip-link">Negızgı mazmūnğa ötu<\/a>/);
    assert.match(out, /<p>Şymkent &amp; Türkıstan — CHEMPİONq<\/p>/);
  });

  it('converts the attributes people read, with their quotes', () => {
    assert.match(out, /<nav aria-label="Bölımder">/);
    assert.match(out, /title='Qoğam "jañalyqtary"'>Qoğam<\/a>/);
    assert.match(out, /alt="Qala körınısı"/);
    assert.match(out, /placeholder="Izdeu"/);
  });

  it('converts the description, Open Graph text and JSON-LD strings', () => {
    assert.match(out, /<meta name="description" content="Säuır aiynyñ &quot;basty&quot; jañalyqtary">/);
    assert.match(out, /<meta property="og:title" content="Qañtar">/);
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(out)![1]!);
    assert.equal(jsonLd.headline, 'Şıldedegı jañalyq <b>');
    assert.equal(jsonLd.author[0].name, 'Äliia Särsenova');
    assert.equal(jsonLd['@type'], 'NewsArticle');
    assert.ok(!out.includes('<b>'), 'the JSON stays escaped for a <script> element');
  });

  it('never touches URLs, styles or other scripts', () => {
    assert.match(out, /href="\/kk-latn\/қоғам"/);
    assert.match(out, /src="\/media\/қала.jpg"/);
    assert.match(out, /<style>\.шрифт::after\{content:"Қ"\}<\/style>/);
    assert.match(out, /<script>window.label = "Қазақ";<\/script>/);
    assert.match(out, /<meta name="twitter:card" content="summary">/);
  });

  it('leaves an element in another language, and all inside it, in its own script', () => {
    assert.match(out, /<a href="\/ru\/" lang="ru" hreflang="ru" title="Русский">Русский <span>язык<\/span><\/a>/);
    assert.match(out, /<a href="\/kk\/" lang="kk" title="Qazaqşa">Qazaqşa<\/a>/);
    // Kazakh marked as Cyrillic (the switcher's way to the Cyrillic pages) keeps its script.
    assert.match(out, /<a href="\/kk\/" lang="kk-Cyrl">Қазақша<\/a>/);
  });

  it('changes nothing but the Kazakh letters', () => {
    const withoutLetters = (html: string) => html.replace(/\p{L}/gu, '');
    const page = PAGE.replace('&#1179;', '');
    assert.equal(withoutLetters(kazakhLatinHtml(page)), withoutLetters(page));
    assert.equal(kazakhLatinHtml('<p>Only Latin &amp; <b>bold</b></p>'), '<p>Only Latin &amp; <b>bold</b></p>');
    assert.equal(kazakhLatinHtml(out), out, 'converting twice changes nothing more');
  });
});
