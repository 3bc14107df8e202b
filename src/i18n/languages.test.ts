import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { canonicalLanguageCode, isSupportedLanguage, languageForPrefix, languageInfo, SUPPORTED_LANGUAGES } from './languages.ts';

describe('the supported languages', () => {
  it('has a catalogue file for every language', () => {
    for (const language of SUPPORTED_LANGUAGES) assert.ok(fs.existsSync(new URL(`./messages/${language.catalogue}.json`, import.meta.url)), language.code);
  });

  it('finds a language by its URL segment, and nothing for an unknown one', () => {
    assert.equal(languageForPrefix('kk-latn')?.code, 'kk-Latn');
    assert.equal(languageForPrefix('ru')?.nativeName, 'Русский');
    assert.equal(languageForPrefix('de'), null);
    assert.equal(languageForPrefix('kk-Latn'), null, 'URL segments are lower case');
  });

  it('knows supported codes exactly and canonicalises their case', () => {
    assert.equal(isSupportedLanguage('kk-Latn'), true);
    assert.equal(isSupportedLanguage('kk-latn'), false);
    assert.equal(isSupportedLanguage('de'), false);
    assert.equal(canonicalLanguageCode('KK-latn'), 'kk-Latn');
    assert.equal(canonicalLanguageCode('fr'), null);
  });

  it('gives Open Graph locales and native names', () => {
    assert.deepEqual(
      SUPPORTED_LANGUAGES.map((l) => [l.code, l.ogLocale, l.nativeName]),
      [
        ['kk', 'kk_KZ', 'Қазақша'],
        ['kk-Latn', 'kk_KZ', 'Qazaqşa'],
        ['ru', 'ru_RU', 'Русский'],
        ['en', 'en_GB', 'English'],
      ],
    );
    assert.equal(languageInfo('en').intlLocale, 'en-GB');
  });
});
