import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toKazakhLatin } from './kazakh-latin.ts';

describe('toKazakhLatin', () => {
  const cases: Array<[string, string, string]> = [
    ['months of the issue', 'қаңтар', 'qañtar'],
    ['і is dotless ı', 'шілде', 'şılde'],
    ['ә and у', 'сәуір', 'säuır'],
    ['ы is y, Title case', 'Шымкент', 'Şymkent'],
    ['ұ, ғ, ң, ө, ү', 'Бұрыңғы өткен үйіне', 'Būryñğy ötken üiıne'],
    ['й is i', 'сөйлесіп сый', 'söilesıp syi'],
    ['и is i, capital İ', 'Иран ИТ', 'İran İT'],
    ['a digraph in ALL CAPS', 'ЧЕМПИОН', 'CHEMPİON'],
    ['a digraph in Title case', 'Чемпион', 'Chempion'],
    ['a digraph at the end of a word in capitals', 'ТҮТІЦ', 'TÜTITS'],
    ['a lone capital digraph', 'Ч', 'Ch'],
    ['х and һ are h', 'хабар шаһар', 'habar şahar'],
    ['щ, ю, я, ё, э', 'щи юрта яблоко ёлка экран', 'şşi iurta iabloko iolka ekran'],
    ['ъ and ь are dropped', 'подъезд пальто', 'podezd palto'],
    ['capital Ю in a capitalised word', 'Юрий', 'İurii'],
    ['і capital is I', 'ІЛЕ', 'ILE'],
    ['Latin, digits and punctuation pass', 'Qalam 2024: «жаңалық», 30%!', 'Qalam 2024: «jañalyq», 30%!'],
    ['Russian text is converted by the same table', 'Астана, Казахстан', 'Astana, Kazahstan'],
    ['Kazakhstan', 'Қазақстан Республикасы', 'Qazaqstan Respublikasy'],
  ];
  for (const [what, cyrillic, latin] of cases) {
    it(`${what}: "${cyrillic}" → "${latin}"`, () => {
      assert.equal(toKazakhLatin(cyrillic), latin);
    });
  }

  it('leaves text without Cyrillic exactly as it was', () => {
    const text = 'Already Latin: Qazaqstan, şılde & <b>“quotes”</b>';
    assert.equal(toKazakhLatin(text), text);
  });

  it('is idempotent: converting Latin output again changes nothing', () => {
    const once = toKazakhLatin('Қазақстан Республикасының Президенті');
    assert.equal(toKazakhLatin(once), once);
  });
});
