import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { foldForSearch, foldKazakhLatin, foldWithOffsets, searchDocument, textSearchConfig } from './search-folding.ts';

describe('foldForSearch', () => {
  it('folds case and the Kazakh letters to their plain partners, ё to е', () => {
    assert.equal(foldForSearch('ҚАЗАҚСТАН'), 'казакстан');
    assert.equal(foldForSearch('ӘҒҚҢӨҰҮҺІ әғқңөұүһі'), 'агкноуухи агкноуухи');
    assert.equal(foldForSearch('Ёлка'), 'елка');
  });

  it('keeps й, which Russian stemming needs', () => {
    assert.equal(foldForSearch('Новый'), 'новый');
  });

  it('drops the marks of Latin letters, the Kazakh Latin ones too', () => {
    assert.equal(foldForSearch('Qazaqstan säuır şılde Ükımet ĞYLYM Ñ Ö Ū İstanbul'), 'qazaqstan sauir silde ukimet gylym n o u istanbul');
    assert.equal(foldForSearch('Café Zürich naïve Straße'), 'cafe zurich naive strasse');
  });

  it('turns punctuation into word breaks and drops invisible characters', () => {
    assert.equal(foldForSearch('«Нұр-Сұлтан» — “quoted”, co-op; a*b'), 'нур султан quoted co op a b');
    assert.equal(foldForSearch('при\u00adмер zero\u200bwidth'), 'пример zerowidth');
    assert.equal(foldForSearch('\u0000 NUL'), 'nul');
  });
});

describe('foldKazakhLatin', () => {
  it('reads Kazakh Cyrillic in the 2021 Latin alphabet, folded', () => {
    assert.equal(foldKazakhLatin('Қазақстан'), 'qazaqstan');
    assert.equal(foldKazakhLatin('сәуір шілде Үкімет'), 'sauir silde ukimet');
  });
});

describe('foldWithOffsets', () => {
  it('maps each folded character back to the character it came from', () => {
    const text = 'А «Қазақ»';
    const folded = foldWithOffsets(text);
    const start = folded.text.indexOf('казак');
    assert.equal(text.slice(folded.from[start]!, folded.to[start + 4]!), 'Қазақ');
  });

  it('maps a Latin reading back to the Cyrillic it came from, across letters that become two', () => {
    const text = 'Шымкенттегі Чемпионат';
    const folded = foldWithOffsets(text, { latin: true });
    const start = folded.text.indexOf('chempionat');
    assert.equal(text.slice(folded.from[start]!, folded.to[start + 'chempionat'.length - 1]!), 'Чемпионат');
  });

  it('keeps offsets right past characters outside the Basic Multilingual Plane and lone surrogates', () => {
    const text = '𝐀 \ud800 Алматы';
    const folded = foldWithOffsets(text);
    const start = folded.text.indexOf('алматы');
    assert.equal(text.slice(folded.from[start]!, folded.to[start + 5]!), 'Алматы');
    assert.equal(folded.from.length, folded.text.length);
  });
});

describe('searchDocument', () => {
  it('folds each field, and gives a Kazakh article its Latin reading too', () => {
    assert.deepEqual(searchDocument('ru', { title: 'Выборы', standfirst: '', plainText: 'Ёлка.' }), { title: 'выборы', standfirst: '', body: 'елка' });
    assert.deepEqual(searchDocument('kk', { title: 'Қазақстан', standfirst: 'Astana', plainText: '' }), { title: 'казакстан qazaqstan', standfirst: 'astana', body: '' });
  });

  it('names PostgreSQL’s configuration per language', () => {
    assert.deepEqual(['ru', 'en', 'kk', 'de'].map(textSearchConfig), ['russian', 'english', 'simple', 'simple']);
  });
});
