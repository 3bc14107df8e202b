import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanText, multilineTextField, textField } from './text-input.ts';

describe('cleanText', () => {
  it('removes the noncharacters XML forbids', () => {
    assert.equal(cleanText('a\ufffeb\uffffc'), 'abc');
  });

  it('removes NUL and other C0 and C1 controls', () => {
    assert.equal(cleanText('Ast\u0000ana\u0007 \u001b[31m\u0085\u009fnews\u007f'), 'Astana [31m news');
  });

  it('turns line breaks and tabs into spaces on a single line', () => {
    assert.equal(cleanText('one\ntwo\r\nthree\tfour'), 'one two  three four');
  });

  it('keeps tabs and newlines in multi-line text, with CR LF and CR as LF', () => {
    assert.equal(cleanText('a\r\nb\rc\td\u0000', { multiline: true }), 'a\nb\nc\td');
  });

  it('normalizes to NFC so composed and decomposed letters are one string', () => {
    assert.equal(cleanText('a\u0306'), '\u0103');
    assert.equal(cleanText('\u04d9'), '\u04d9');
  });

  it('replaces a lone surrogate and keeps a pair', () => {
    assert.equal(cleanText('x\ud800y'), 'x\ufffdy');
    assert.equal(cleanText('\udc00'), '\ufffd');
    assert.equal(cleanText('😀'), '😀');
  });
});

describe('textField', () => {
  it('checks limits on the cleaned text', () => {
    const schema = textField().trim().min(1).max(3);
    assert.equal(schema.parse(' a\u0000bc '), 'abc');
    assert.equal(schema.safeParse('\u0000\u0001').success, false);
  });

  it('keeps newlines only when multi-line', () => {
    assert.equal(multilineTextField().parse('a\nb'), 'a\nb');
    assert.equal(textField().parse('a\nb'), 'a b');
  });
});
