import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FALLBACK_SLUG, SLUG_MAX_LENGTH, isSlug, slugify } from './slug.ts';

describe('slugify', () => {
  it('writes Kazakh through the official Latin alphabet, Қ as q', () => {
    assert.equal(slugify('Қазақстан'), 'qazaqstan');
    assert.equal(slugify('Қазақстан Республикасы'), 'qazaqstan-respublikasy');
    assert.equal(slugify('Әлем өзгерді, үкімет ұйғарды'), 'alem-ozgerdi-ukimet-uigardy');
    assert.equal(slugify('Шымкент пен Шығыс'), 'shymkent-pen-shygys');
  });

  it('reads shared letters the Kazakh way in a Kazakh title and the Russian way otherwise', () => {
    // ж and х differ between the two schemes: Kazakh J/H, ICAO zh/kh.
    assert.equal(slugify('Жаңа заң'), 'jana-zan');
    assert.equal(slugify('Хабар және Һ'), 'habar-jane-h');
    assert.equal(slugify('Журнал'), 'zhurnal');
    assert.equal(slugify('Хабаровск'), 'khabarovsk');
    // Letters the schemes agree on read the same in both.
    assert.equal(slugify('Цюрих, Қазақ'), 'tsiurih-qazaq');
  });

  it('writes Russian through ICAO Doc 9303 (hard sign dropped)', () => {
    assert.equal(slugify('Щука и ёжик'), 'shchuka-i-ezhik');
    assert.equal(slugify('Объявление: подъезд, мышь'), 'obiavlenie-podezd-mysh');
    assert.equal(slugify('Юрий Цой, Яна'), 'iurii-tsoi-iana');
    assert.equal(slugify('Правительство РК'), 'pravitelstvo-rk');
  });

  it('reduces Latin letters with diacritics to ASCII', () => {
    assert.equal(slugify('Crème brûlée à Zürich'), 'creme-brulee-a-zurich');
    assert.equal(slugify('Straße, Ærø, Łódź'), 'strasse-aero-lodz');
    assert.equal(slugify("Don't stop: İstanbul"), 'dont-stop-istanbul');
  });

  it('drops emoji and symbols, keeps digits', () => {
    assert.equal(slugify('🚀 Launch 2026!!! 🎉'), 'launch-2026');
    assert.equal(slugify('  --Hello   World--  '), 'hello-world');
  });

  it('answers the fallback for a title with nothing to keep', () => {
    assert.equal(slugify(''), FALLBACK_SLUG);
    assert.equal(slugify('   '), FALLBACK_SLUG);
    assert.equal(slugify('!!! ??? 🎉🎉'), FALLBACK_SLUG);
  });

  it('cuts long titles at a word boundary within the limit', () => {
    const title = 'Парламент Республики Казахстан одобрил во втором чтении поправки в бюджетный кодекс о трансфертах';
    const slug = slugify(title);
    assert.ok(slug.length <= SLUG_MAX_LENGTH, `${slug.length} > ${SLUG_MAX_LENGTH}`);
    assert.ok(isSlug(slug));
    // Every word kept is whole: the slug is a prefix of the full one ending at a hyphen.
    const full = slugify(title, 1000);
    assert.ok(full.startsWith(slug) && full[slug.length] === '-');
  });

  it('cuts one overlong word rather than answering nothing', () => {
    const slug = slugify('a'.repeat(200));
    assert.equal(slug, 'a'.repeat(SLUG_MAX_LENGTH));
  });

  it('always answers a well-formed slug', () => {
    for (const title of ['Қазақстан — 2030', 'Ёлка', 'x', '—', 'Ы', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢']) assert.ok(isSlug(slugify(title)), title);
  });
});
