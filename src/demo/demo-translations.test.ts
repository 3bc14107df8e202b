import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { corpusFile } from '../../test/support/corpus.ts';
import { articleBodySchema } from '#src/domain/articles/article-body.ts';
import { isSlug, slugify } from '#src/lib/slug.ts';
import { DEMO_ARTICLES, type DemoArticle } from './demo-articles.ts';
import { DEMO_ARTICLES_KK } from './demo-articles-kk.ts';
import { DEMO_ARTICLES_RU } from './demo-articles-ru.ts';
import { buildBody, type DemoBlock, type DemoListItem } from './demo-body.ts';
import { DEMO_AUTHORS, DEMO_IMAGES, DEMO_LOCATIONS, DEMO_SECTIONS } from './demo-catalog.ts';
import {
  DEMO_AUTHOR_NAMES,
  DEMO_CITY_NAMES,
  DEMO_COUNTRY_NAMES,
  DEMO_LOCAL_IMAGES,
  DEMO_SECTION_NAMES,
  DEMO_SETTINGS_TEXT,
  DEMO_TAG_NAMES,
  DEMO_TRANSLATED_LANGUAGES,
  type DemoTranslatedLanguage,
} from './demo-translations.ts';

const BY_LANGUAGE: Record<DemoTranslatedLanguage, DemoArticle[]> = { ru: DEMO_ARTICLES_RU, kk: DEMO_ARTICLES_KK };
const ALL = [...DEMO_ARTICLES, ...DEMO_ARTICLES_RU, ...DEMO_ARTICLES_KK];
const IMAGE_KEYS = new Set([...DEMO_IMAGES, ...DEMO_LOCAL_IMAGES].map((i) => i.key));
/** Letters only Kazakh has among Cyrillic alphabets (as src/lib/slug.ts reads them). */
const KAZAKH_ONLY = /[әғқңөұүһі]/i;

function itemTexts(item: DemoListItem): string[] {
  return typeof item === 'string' ? [item] : [item.text, ...item.ul];
}

function blockTexts(block: DemoBlock): string[] {
  if (typeof block === 'string') return [block];
  if ('h2' in block) return [block.h2];
  if ('h3' in block) return [block.h3];
  if ('h4' in block) return [block.h4];
  if ('ul' in block) return block.ul.flatMap(itemTexts);
  if ('ol' in block) return block.ol.flatMap(itemTexts);
  if ('quote' in block) return block.quote;
  if ('figure' in block) return [block.caption ?? '', block.credit ?? '', block.alt ?? ''];
  if ('embed' in block) return [block.title];
  return [];
}

/** Every piece of reader-facing text of a story, links' addresses left out. */
function storyText(article: DemoArticle): string {
  return [article.title, article.standfirst, article.lead.caption ?? '', article.lead.credit ?? '', article.sourceAttribution, ...article.body.flatMap(blockTexts)]
    .join('\n')
    .replace(/\]\([^)]*\)/g, ']');
}

/** Share of a text's letters that are Cyrillic (Latin brand names like Qalam may remain). */
function cyrillicShare(text: string): number {
  const letters = text.match(/\p{L}/gu) ?? [];
  const cyrillic = letters.filter((l) => /\p{Script=Cyrillic}/u.test(l));
  return cyrillic.length / letters.length;
}

/** Lower-case words of a text, any script. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function runs(list: string[], size: number): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + size <= list.length; i++) out.add(list.slice(i, i + size).join(' '));
  return out;
}

describe('Russian and Kazakh demo stories', () => {
  for (const language of DEMO_TRANSLATED_LANGUAGES) {
    const stories = BY_LANGUAGE[language];

    it(`${language}: at least 6 stories, at least 4 of them translations of distinct English stories`, () => {
      assert.ok(stories.length >= 6, `${stories.length} stories`);
      assert.ok(stories.every((s) => s.language === language));
      const originals = stories.flatMap((s) => (s.translationOf ? [s.translationOf] : []));
      assert.ok(originals.length >= 4, `${originals.length} translations`);
      assert.equal(new Set(originals).size, originals.length, 'one translation per English story');
      assert.ok(stories.length - originals.length >= 1, 'and some written for this language only');
    });

    it(`${language}: every translation points at an English story and keeps its section, authors, place and tags`, () => {
      for (const story of stories.filter((s) => s.translationOf)) {
        const english = DEMO_ARTICLES.find((a) => a.slug === story.translationOf);
        assert.ok(english, `${story.slug} translates an existing English story`);
        assert.equal(english.language ?? 'en', 'en');
        assert.equal(story.section, english.section, story.slug);
        assert.deepEqual(story.authors, english.authors, story.slug);
        assert.equal(story.city, english.city, story.slug);
        assert.deepEqual(story.tags, english.tags, story.slug);
        assert.equal(story.lead.image, english.lead.image, story.slug);
        assert.equal(story.body.length, english.body.length, `${story.slug} has the English body's blocks`);
        story.body.forEach((block, i) => {
          const shape = (b: DemoBlock) => (typeof b === 'string' ? 'p' : Object.keys(b).sort().join());
          assert.equal(shape(block), shape(english.body[i]!), `${story.slug} block ${i}`);
        });
      }
    });

    it(`${language}: every story is mostly Cyrillic text, in its own language's alphabet`, () => {
      for (const story of stories) {
        const text = storyText(story);
        assert.ok(cyrillicShare(text) > 0.97, `${story.slug}: ${cyrillicShare(text).toFixed(3)} Cyrillic`);
        // Kazakh prose cannot go a paragraph without its own letters; Russian has none of them.
        if (language === 'kk') assert.match(text, KAZAKH_ONLY, story.slug);
        else assert.doesNotMatch(text, KAZAKH_ONLY, story.slug);
      }
    });

    it(`${language}: slugs are the service's transliteration of the title, unique within the language`, () => {
      for (const story of stories) {
        assert.ok(isSlug(story.slug), story.slug);
        assert.equal(story.slug, slugify(story.title));
      }
      assert.equal(new Set(stories.map((s) => s.slug)).size, stories.length);
    });

    it(`${language}: names only sections, authors, places, tags and pictures the catalogue has, and builds valid bodies`, () => {
      for (const story of stories) {
        assert.ok(DEMO_SECTIONS.some((s) => s.slug === story.section), story.section);
        for (const author of story.authors) assert.ok(DEMO_AUTHORS.some((a) => a.slug === author), author);
        assert.ok(DEMO_LOCATIONS.some((l) => l.city === story.city), story.city);
        for (const tag of story.tags) assert.ok(DEMO_TAG_NAMES[tag], `tag ${tag} has translations`);
        assert.ok(IMAGE_KEYS.has(story.lead.image), story.lead.image);
        assert.ok(story.lead.caption && story.lead.credit, `${story.slug} captions its lead picture in ${language}`);
        const body = buildBody(story.body, (key) => {
          assert.ok(IMAGE_KEYS.has(key), key);
          return 1;
        });
        assert.deepEqual(articleBodySchema.parse(body), body);
      }
    });
  }

  it('no demo text, in any language, shares an 8-word run with the seed article', () => {
    const seed = runs(words(fs.readFileSync(corpusFile('seed/article.txt'), 'utf8')), 8);
    assert.ok(seed.size > 0);
    for (const story of ALL) {
      const shared = [...runs(words(storyText(story)), 8)].filter((run) => seed.has(run));
      assert.deepEqual(shared, [], story.slug);
    }
  });
});

describe('Russian and Kazakh names of the demo catalogue', () => {
  const everyTag = new Set(ALL.flatMap((a) => a.tags));

  it('names every section, tag, author and city in both languages, in Cyrillic', () => {
    const cyrillic = (text: string) => assert.ok(cyrillicShare(text) > 0.9, text);
    for (const language of DEMO_TRANSLATED_LANGUAGES) {
      for (const section of DEMO_SECTIONS) {
        const name = DEMO_SECTION_NAMES[section.slug]?.[language];
        assert.ok(name, `section ${section.slug} in ${language}`);
        cyrillic(name.name);
        cyrillic(name.description);
      }
      for (const tag of everyTag) cyrillic(DEMO_TAG_NAMES[tag]![language]);
      for (const author of DEMO_AUTHORS) {
        const name = DEMO_AUTHOR_NAMES[author.slug]?.[language];
        assert.ok(name, `author ${author.slug} in ${language}`);
        cyrillic(name.name);
        cyrillic(name.bio);
      }
      for (const place of DEMO_LOCATIONS) cyrillic(DEMO_CITY_NAMES[place.city]![language]);
      cyrillic(DEMO_COUNTRY_NAMES[language]);
    }
    assert.equal(`${DEMO_CITY_NAMES.Astana!.kk}, ${DEMO_COUNTRY_NAMES.kk}`, 'Астана, Қазақстан');
    assert.equal(`${DEMO_CITY_NAMES.Astana!.ru}, ${DEMO_COUNTRY_NAMES.ru}`, 'Астана, Казахстан');
  });

  it('translates only what the English catalogue has', () => {
    assert.deepEqual(Object.keys(DEMO_SECTION_NAMES).sort(), DEMO_SECTIONS.map((s) => s.slug).sort());
    assert.deepEqual(Object.keys(DEMO_AUTHOR_NAMES).sort(), DEMO_AUTHORS.map((a) => a.slug).sort());
    assert.deepEqual(Object.keys(DEMO_CITY_NAMES).sort(), DEMO_LOCATIONS.map((l) => l.city).sort());
    assert.deepEqual(Object.keys(DEMO_TAG_NAMES).sort(), [...everyTag].sort(), 'a name for each tag in use, and only those');
  });

  it('gives sections slugs that transliterate their names, unique within each language; tags and authors get real slugs', () => {
    for (const language of DEMO_TRANSLATED_LANGUAGES) {
      const slugs = Object.values(DEMO_SECTION_NAMES).map((s) => s[language]);
      for (const { name, slug } of slugs) assert.equal(slug, slugify(name));
      assert.equal(new Set(slugs.map((s) => s.slug)).size, slugs.length);
      const names = [...Object.values(DEMO_TAG_NAMES).map((t) => t[language]), ...Object.values(DEMO_AUTHOR_NAMES).map((a) => a[language].name)];
      for (const name of names) assert.notEqual(slugify(name), 'article', `${name} has a slug of its own`);
    }
  });

  it('never gives one slug to two sections, tags or authors, in any language (the platform keeps them apart)', () => {
    const kinds: Record<string, Array<[string, string[]]>> = {
      section: DEMO_SECTIONS.map((s) => [s.slug, [s.slug, ...DEMO_TRANSLATED_LANGUAGES.map((l) => DEMO_SECTION_NAMES[s.slug]![l].slug)]]),
      tag: Object.entries(DEMO_TAG_NAMES).map(([name, t]) => [name, [slugify(name), ...DEMO_TRANSLATED_LANGUAGES.map((l) => slugify(t[l]))]]),
      author: DEMO_AUTHORS.map((a) => [a.slug, [a.slug, ...DEMO_TRANSLATED_LANGUAGES.map((l) => slugify(DEMO_AUTHOR_NAMES[a.slug]![l].name))]]),
    };
    for (const [kind, terms] of Object.entries(kinds)) {
      const owner = new Map<string, string>();
      for (const [term, slugs] of terms) {
        for (const slug of slugs) {
          assert.equal(owner.get(slug) ?? term, term, `${kind} slug ${slug} of ${term} is also ${owner.get(slug)}'s`);
          owner.set(slug, term);
        }
      }
    }
  });

  it('has the portal name, tagline and a republication notice with both placeholders per language', () => {
    for (const language of DEMO_TRANSLATED_LANGUAGES) {
      const text = DEMO_SETTINGS_TEXT[language];
      assert.ok(cyrillicShare(text.name + text.tagline) > 0.9);
      assert.match(text.reusePolicyText, /\{share\}%/);
      assert.match(text.reusePolicyText, /\{site\}/);
    }
  });

  it('gives the extra pictures unique keys with alt text', () => {
    assert.equal(IMAGE_KEYS.size, DEMO_IMAGES.length + DEMO_LOCAL_IMAGES.length);
    assert.ok(DEMO_LOCAL_IMAGES.every((i) => i.alt && i.caption));
  });
});
