import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { searchPattern, searchText, trigramPhrase } from './search-text.ts';

describe('searchText', () => {
  it('folds every Kazakh-specific Cyrillic letter, capital to small', () => {
    assert.equal(searchText('Ә Ғ Қ Ң Ө Ұ Ү Һ І'), 'ә ғ қ ң ө ұ ү һ і');
    assert.equal(searchText('ә ғ қ ң ө ұ ү һ і'), 'ә ғ қ ң ө ұ ү һ і');
    assert.equal(searchText('ҚАЗАҚСТАН'), searchText('қазақстан'));
    assert.equal(searchText('ӘЛЕМ ӨЗГЕРДІ, ҮКІМЕТ ҰЙҒАРДЫ, ҢҺ'), 'әлем өзгерді, үкімет ұйғарды, ңһ');
  });

  it('folds Russian, including Ё and Й', () => {
    assert.equal(searchText('АСТАНА'), 'астана');
    assert.equal(searchText('Астана'), 'астана');
    assert.equal(searchText('Съезд ЁЛКИ Й'), 'съезд ёлки й');
  });

  it('folds Latin, Kazakh Latin and the dotted and dotless i', () => {
    assert.equal(searchText('Qazaqstan NEWS'), 'qazaqstan news');
    assert.equal(searchText('ÄĞÑÖŪÜŞ'), 'äğñöūüş');
    // İ lowercases to i + U+0307 on its own; all four forms must meet.
    assert.equal(searchText('İ'), 'i');
    assert.equal(searchText('ı'), 'i');
    assert.equal(searchText('BIRLIK'), searchText('bırlık'));
    assert.equal(searchText('İNDEKS'), searchText('indeks'));
  });

  it('applies NFKC: composed and decomposed forms, compatibility characters and full-width letters meet', () => {
    assert.equal(searchText('\u0419'), searchText('\u0418\u0306')); // Й precomposed and И + breve
    assert.equal(searchText('\u04D8'), 'ә');
    assert.equal(searchText('Caf\u0065\u0301'), 'café');
    assert.equal(searchText('ﬁnance'), 'finance'); // the fi ligature
    assert.equal(searchText('ＡＳＴＡＮＡ ２０２４'), 'astana 2024'); // full-width
    assert.equal(searchText('\u212A'), 'k'); // KELVIN SIGN
    assert.equal(searchText('x²'), 'x2');
  });

  it('collapses whitespace (any kind) to single spaces and drops invisible characters', () => {
    assert.equal(searchText('  Астана\u00A0\u00A0 —\tжаңалықтар \n'), 'астана — жаңалықтар');
    assert.equal(searchText('жаңа\u00ADлықтар'), 'жаңалықтар'); // soft hyphen
    assert.equal(searchText('Аста\u200Bна'), 'астана'); // zero-width space
  });

  it('joins non-empty parts by a newline, so a one-line query never spans two parts', () => {
    assert.equal(searchText('Title', '', '  Standfirst  '), 'title\nstandfirst');
    assert.equal(searchText(), '');
    assert.equal(searchText(' ', '\n'), '');
  });
});

describe('searchPattern', () => {
  it('answers a contains-pattern of the folded query', () => {
    assert.equal(searchPattern('  ҚАЗАҚ  Елі '), '%қазақ елі%');
  });

  it('escapes %, _ and the backslash so they match themselves', () => {
    assert.equal(searchPattern('50%'), '%50\\%%');
    assert.equal(searchPattern('snake_case'), '%snake\\_case%');
    assert.equal(searchPattern('a\\b'), '%a\\\\b%');
  });

  it('answers undefined for a query with nothing to find', () => {
    assert.equal(searchPattern(''), undefined);
    assert.equal(searchPattern('  \t '), undefined);
    assert.equal(searchPattern('\u200B'), undefined);
  });
});

describe('trigramPhrase', () => {
  it('answers an FTS5 phrase of the folded query of three characters or more', () => {
    assert.equal(trigramPhrase('  ҚАЗАҚ  Елі '), '"қазақ елі"');
    assert.equal(trigramPhrase('Әлі'), '"әлі"');
  });

  it('keeps wildcards as themselves and doubles a double quote', () => {
    assert.equal(trigramPhrase('5*5 grid'), '"5*5 grid"');
    assert.equal(trigramPhrase('[draft]?'), '"[draft]?"');
    assert.equal(trigramPhrase('the "steppe"'), '"the ""steppe"""');
  });

  it('leaves short queries to the LIKE pattern', () => {
    assert.equal(trigramPhrase('ab'), undefined);
    assert.equal(trigramPhrase('Әл'), undefined, 'two letters, however many bytes');
    assert.equal(trigramPhrase(''), undefined);
  });
});
