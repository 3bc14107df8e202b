import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IntlMessageFormat } from 'intl-messageformat';
import { catalogueOf, newsroomCatalogueOf, NEWSROOM_REFERENCE_CATALOGUE, REFERENCE_CATALOGUE } from './catalogues.ts';
import { SUPPORTED_LANGUAGES, type LanguageInfo } from './languages.ts';

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

/** The branch names of each plural in a message that shows its number (`#`), e.g. [['one', 'few', 'many', 'other']]. */
function numberedPluralForms(pattern: string, locale: string): string[][] {
  const found: string[][] = [];
  type Node = { type: number; options?: Record<string, { value: Node[] }>; children?: Node[] };
  // 6 plural, 7 pound (#) in @formatjs/icu-messageformat-parser's TYPE.
  const showsNumber = (nodes: Node[]): boolean => nodes.some((node) => node.type === 7 || (node.children ? showsNumber(node.children) : false));
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      const options = Object.entries(node.options ?? {});
      if (node.type === 6 && options.some(([, option]) => showsNumber(option.value))) found.push(options.map(([name]) => name));
      for (const [, option] of options) walk(option.value);
      if (node.children) walk(node.children);
    }
  };
  walk(new IntlMessageFormat(pattern, locale, undefined, { ignoreTag: true }).getAst() as Node[]);
  return found;
}

type Family = { name: string; reference: Readonly<Record<string, string>>; catalogueOf: (name: LanguageInfo['catalogue']) => Readonly<Partial<Record<string, string>>> };

/** Each family of catalogues is held to the same rules. */
const FAMILIES: Family[] = [
  { name: 'the public site’s', reference: REFERENCE_CATALOGUE, catalogueOf },
  { name: 'the newsroom’s', reference: NEWSROOM_REFERENCE_CATALOGUE, catalogueOf: newsroomCatalogueOf },
];

const translations = [...new Set(SUPPORTED_LANGUAGES.map((l) => l.catalogue))].filter((name) => name !== 'en');

for (const family of FAMILIES) {
  const keys = Object.keys(family.reference);
  describe(`${family.name} message catalogues`, () => {
    it('has a translation of every English message in each catalogue (missing ones are listed)', () => {
      const missing = translations.flatMap((name) => keys.filter((key) => family.catalogueOf(name)[key] === undefined).map((key) => `${name}: ${key}`));
      assert.deepEqual(missing, [], `missing messages (shown in English until translated):\n${missing.join('\n')}`);
    });

    it('has no message the English catalogue lacks (a typo in a key would never be shown)', () => {
      const stray = translations.flatMap((name) => Object.keys(family.catalogueOf(name)).filter((key) => !(key in family.reference)).map((key) => `${name}: ${key}`));
      assert.deepEqual(stray, []);
    });

    it('parses every message of every catalogue as ICU MessageFormat', () => {
      const broken: string[] = [];
      for (const language of SUPPORTED_LANGUAGES) {
        for (const [key, pattern] of Object.entries(family.catalogueOf(language.catalogue))) {
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
          const pattern = family.catalogueOf(name)[key];
          if (pattern === undefined) return [];
          const expected = argumentsOf(family.reference[key]!, 'en');
          const actual = argumentsOf(pattern, name);
          return expected.join() === actual.join() ? [] : [`${name}: ${key}: {${actual.join(', ')}} instead of {${expected.join(', ')}}`];
        }),
      );
      assert.deepEqual(differing, []);
    });

    it('gives every Russian plural that shows a number its one, few and many forms (1 минута, 2 минуты, 5 минут)', () => {
      const short = Object.entries(family.catalogueOf('ru')).flatMap(([key, pattern]) =>
        numberedPluralForms(pattern!, 'ru')
          .filter((forms) => !['one', 'few', 'many'].every((form) => forms.includes(form)))
          .map((forms) => `ru: ${key}: only ${forms.join(', ')}`),
      );
      assert.deepEqual(short, []);
    });
  });
}
