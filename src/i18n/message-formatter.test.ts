import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { catalogueOf, newsroomCatalogueOf } from './catalogues.ts';
import { compileMessage, createMessageFormatter } from './message-formatter.ts';

/** Every message of a catalogue, its arguments named by the parser (each one's name is its value here). */
function argumentNames(pattern: string): string[] {
  return [...pattern.matchAll(/\{\s*([A-Za-z_][\w]*)/g)].map((m) => m[1]!);
}

describe('createMessageFormatter', () => {
  it('writes every catalogue message as IntlMessageFormat does, with text and with numbers as arguments', () => {
    let plain = 0;
    for (const name of ['en', 'ru', 'kk'] as const) {
      for (const catalogue of [catalogueOf(name), newsroomCatalogueOf(name)] as Array<Record<string, string>>) {
        const formatter = createMessageFormatter<string>((key) => ({ pattern: catalogue[key]!, locale: name }));
        for (const [key, pattern] of Object.entries(catalogue)) {
          const names = argumentNames(pattern);
          if (!/[{}]/.test(pattern.replace(/\{\s*[A-Za-z_]\w*\s*\}/g, ''))) plain++;
          for (const values of [Object.fromEntries(names.map((n) => [n, `<${n} & "x">`])), Object.fromEntries(names.map((n, i) => [n, i === 0 ? 0 : 21.5]))]) {
            let expected: string;
            try {
              expected = String(compileMessage(pattern, name).format(values));
            } catch {
              // A plural or select of text: not a value this message takes.
              continue;
            }
            assert.equal(formatter.t(key, values), expected, `${name} ${key}`);
          }
        }
      }
    }
    assert.ok(plain > 50, `only ${plain} plain messages`);
  });

  it('still refuses a missing argument and takes other values as IntlMessageFormat does', () => {
    const formatter = createMessageFormatter<'title'>(() => ({ pattern: '{title} | {site}', locale: 'en' }));
    assert.throws(() => formatter.t('title', { title: 'A' }), /site/);
    assert.equal(formatter.t('title', { title: 'A', site: 'B' }), 'A | B');
    assert.equal(formatter.t('title', { title: '', site: -0 }), ' | 0');
  });
});
