import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderToString } from 'preact-render-to-string';
import type { LanguageCode } from '#src/i18n/languages.ts';
import { translatorFor } from '#src/i18n/translator.ts';
import { FigureCaption } from './figure-caption.tsx';

function credit(text: string, language: LanguageCode): string {
  const html = renderToString(<FigureCaption caption="" credit={text} translator={translatorFor(language)} />);
  return /<span class="figure-credit">(.*?)<\/span>/.exec(html)?.[1] ?? '';
}

describe('FigureCaption', () => {
  it('prefixes a bare credit in the page language', () => {
    assert.equal(credit('Айгүл Сәрсенова', 'kk'), 'Фото: Айгүл Сәрсенова');
    assert.equal(credit('Aigul Sarsenova', 'en'), 'Photo: Aigul Sarsenova');
  });

  it('prints a credit that carries its own label as written, on a page of any language', () => {
    assert.equal(credit('Фото: Айгүл Сәрсенова', 'kk'), 'Фото: Айгүл Сәрсенова');
    assert.equal(credit('Фото: Айгүл Сәрсенова', 'en'), 'Фото: Айгүл Сәрсенова');
    assert.equal(credit('Illustration: Dana Abenova', 'ru'), 'Illustration: Dana Abenova');
    assert.equal(credit('Photo by Reuters', 'en'), 'Photo by Reuters');
    assert.equal(credit('© Reuters', 'en'), '© Reuters');
  });

  it('still prefixes a credit that has a colon later on', () => {
    assert.equal(credit('Aigul Sarsenova for Qalam: archive', 'en'), 'Photo: Aigul Sarsenova for Qalam: archive');
  });
});
