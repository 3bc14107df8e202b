import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IntlMessageFormat } from 'intl-messageformat';
import { catalogueOf, REFERENCE_CATALOGUE, type MessageKey } from './catalogues.ts';
import { SUPPORTED_LANGUAGES } from './languages.ts';

/** The argument names a message uses, at any depth (inside plural and select branches too). */
function argumentsOf(pattern: string, locale: string): string[] {
  const names = new Set<string>();
  type Node = { type: number; value?: unknown; options?: Record<string, { value: Node[] }>; children?: Node[] };
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      // 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural (@formatjs/icu-messageformat-parser TYPE).
      if (node.type >= 1 && node.type <= 6 && typeof node.value === 'string') names.add(node.value);
      for (const option of Object.values(node.options ?? {})) walk(option.value);
      if (node.children) walk(node.children);
    }
  };
  walk(new IntlMessageFormat(pattern, locale, undefined, { ignoreTag: true }).getAst() as Node[]);
  return [...names].sort();
}

const keys = Object.keys(REFERENCE_CATALOGUE) as MessageKey[];
const translations = [...new Set(SUPPORTED_LANGUAGES.map((l) => l.catalogue))].filter((name) => name !== 'en');

describe('the message catalogues', () => {
  it('has a translation of every English message in each catalogue (missing ones are listed)', () => {
    const missing = translations.flatMap((name) => keys.filter((key) => catalogueOf(name)[key] === undefined).map((key) => `${name}: ${key}`));
    assert.deepEqual(missing, [], `missing messages (shown in English until translated):\n${missing.join('\n')}`);
  });

  it('has no message the English catalogue lacks (a typo in a key would never be shown)', () => {
    const stray = translations.flatMap((name) => Object.keys(catalogueOf(name)).filter((key) => !(key in REFERENCE_CATALOGUE)).map((key) => `${name}: ${key}`));
    assert.deepEqual(stray, []);
  });

  it('parses every message of every catalogue as ICU MessageFormat', () => {
    const broken: string[] = [];
    for (const language of SUPPORTED_LANGUAGES) {
      for (const [key, pattern] of Object.entries(catalogueOf(language.catalogue))) {
        try {
          new IntlMessageFormat(pattern!, language.intlLocale, undefined, { ignoreTag: true });
        } catch (error) {
          broken.push(`${language.code}: ${key}: ${(error as Error).message}`);
        }
      }
    }
    assert.deepEqual(broken, []);
  });

  it('uses the same arguments in a translation as in English', () => {
    const differing = translations.flatMap((name) =>
      keys.flatMap((key) => {
        const pattern = catalogueOf(name)[key];
        if (pattern === undefined) return [];
        const expected = argumentsOf(REFERENCE_CATALOGUE[key], 'en');
        const actual = argumentsOf(pattern, name);
        return expected.join() === actual.join() ? [] : [`${name}: ${key}: {${actual.join(', ')}} instead of {${expected.join(', ')}}`];
      }),
    );
    assert.deepEqual(differing, []);
  });
});
