import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { translatorFor } from './translator.ts';

/** The seed article's instant: 10:28 in Astana on 8 February 2023, when Asia/Almaty was UTC+6. */
const SEED_INSTANT = '2023-02-08T04:28:00.000Z';
/** After Kazakhstan moved to one zone, UTC+5, on 1 March 2024. */
const AFTER_2024 = '2024-03-15T04:28:00.000Z';
const ZONE = 'Asia/Almaty';

describe('translatorFor', () => {
  it('writes the seed page’s dateline in English exactly as before, and in Russian and Kazakh', () => {
    assert.equal(translatorFor('en').dateline(SEED_INSTANT, ZONE, 'Astana, Kazakhstan'), 'Astana, Kazakhstan • 08 February, 2023 | 10:28');
    assert.equal(translatorFor('ru').dateline(SEED_INSTANT, ZONE, 'Астана, Казахстан'), 'Астана, Казахстан • 08 февраля 2023 | 10:28');
    assert.equal(translatorFor('kk').dateline(SEED_INSTANT, ZONE, 'Астана, Қазақстан'), 'Астана, Қазақстан • 08 ақпан 2023 | 10:28');
    assert.equal(translatorFor('kk-Latn').dateline(SEED_INSTANT, ZONE, 'Astana, Qazaqstan'), 'Astana, Qazaqstan • 08 aqpan 2023 | 10:28');
  });

  it('reads UTC+5 after 1 March 2024', () => {
    assert.equal(translatorFor('en').dateline(AFTER_2024, ZONE), '15 March, 2024 | 09:28');
    assert.equal(translatorFor('ru').dateline(AFTER_2024, ZONE), '15 марта 2024 | 09:28');
    assert.equal(translatorFor('kk').dateline(AFTER_2024, ZONE), '15 наурыз 2024 | 09:28');
  });

  it('writes short dates for lists', () => {
    assert.equal(translatorFor('en').shortDate(SEED_INSTANT, ZONE), '08 February, 2023');
    assert.equal(translatorFor('ru').shortDate(SEED_INSTANT, ZONE), '08 февраля 2023');
    assert.equal(translatorFor('kk').shortDate(AFTER_2024, ZONE), '15 наурыз 2024');
    assert.equal(translatorFor('kk-Latn').shortDate('2024-07-01T04:00:00Z', ZONE), '01 şılde 2024');
  });

  it('follows Russian plural rules for reading time', () => {
    const ru = translatorFor('ru');
    const cases: Array<[number, string]> = [
      [1, '1 минута чтения'],
      [2, '2 минуты чтения'],
      [5, '5 минут чтения'],
      [11, '11 минут чтения'],
      [21, '21 минута чтения'],
      [22, '22 минуты чтения'],
      [25, '25 минут чтения'],
    ];
    for (const [minutes, text] of cases) assert.equal(ru.readingTime(minutes), text);
  });

  it('writes reading time in English and Kazakh, never under a minute', () => {
    assert.equal(translatorFor('en').readingTime(1), '1 min read');
    assert.equal(translatorFor('en').readingTime(5), '5 min read');
    assert.equal(translatorFor('en').readingTime(0), '1 min read');
    assert.equal(translatorFor('kk').readingTime(1), '1 мин оқу');
    assert.equal(translatorFor('kk').readingTime(12), '12 мин оқу');
    assert.equal(translatorFor('kk-Latn').readingTime(12), '12 min oqu');
  });

  it('formats numbers with each language’s separators', () => {
    assert.equal(translatorFor('en').number(1234567.5), '1,234,567.5');
    // Russian and Kazakh group with a no-break space and mark decimals with a comma.
    assert.equal(translatorFor('ru').number(1234567.5), '1\u00a0234\u00a0567,5');
    assert.equal(translatorFor('kk').number(1234567.5), '1\u00a0234\u00a0567,5');
  });

  it('fills in arguments and keeps the English republication notice word for word', () => {
    assert.equal(translatorFor('en').t('list.pageOf', { page: 2, total: 7 }), 'Page 2 of 7');
    assert.equal(
      translatorFor('en').t('article.reuseNotice', { share: 30, site: 'Qalam News' }),
      'Only 30% of an article published on Qalam News may be used, with a mandatory hyperlink to the original. To republish a full article, written permission from the editors is required.',
    );
    assert.equal(translatorFor('ru').t('breadcrumbs.home'), 'Главная');
    assert.equal(translatorFor('kk').t('breadcrumbs.home'), 'Басты бет');
  });

  it('gives Kazakh in Latin script from the Kazakh catalogue', () => {
    assert.equal(translatorFor('kk-Latn').t('breadcrumbs.home'), 'Basty bet');
    assert.equal(translatorFor('kk-Latn').t('error.title.404'), 'Bet tabylmady');
  });

  it('joins authors the way each language lists things', () => {
    const join = (code: 'en' | 'ru' | 'kk' | 'kk-Latn', names: string[]) =>
      translatorFor(code)
        .listParts(names.length)
        .map((p) => ('item' in p ? names[p.item] : p.literal))
        .join('');
    assert.equal(join('en', ['A', 'B', 'C']), 'A, B and C');
    assert.equal(join('en', ['A']), 'A');
    assert.equal(join('ru', ['А', 'Б', 'В']), 'А, Б и В');
    assert.equal(join('kk', ['А', 'Б']), 'А және Б');
    assert.equal(join('kk-Latn', ['A', 'B']), 'A jäne B');
  });

  it('puts element values into a message for the views', () => {
    const link = { link: 'Aigerim' };
    assert.deepEqual(translatorFor('en').rich('article.byline', { count: 1, authors: link }), ['By ', link]);
    assert.deepEqual(translatorFor('ru').rich('article.byline', { count: 2, authors: link }), ['Авторы: ', link]);
  });

  it('is made once per language', () => {
    assert.equal(translatorFor('ru'), translatorFor('ru'));
    assert.equal(translatorFor('ru').language.code, 'ru');
  });
});
