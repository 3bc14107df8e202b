import type { AppContext } from '#src/app-context.ts';
import { analyzeAfterBulkWrite, beginBulkLoad, type Executor } from '#src/db/database.ts';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ArticleFields, NewArticle } from '#src/domain/articles/article-repository.ts';
import { NO_SEARCH_AND_SOCIAL } from '#src/domain/articles/article-fields.ts';
import { createLocation, listLocations } from '#src/domain/locations/location-repository.ts';
import { ingestImage } from '#src/domain/media/media-service.ts';
import { createAuthor, findAuthorBySlug } from '#src/domain/people/author-repository.ts';
import { createSection, findSectionBySlug } from '#src/domain/sections/section-repository.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import { findOrCreateTagByName } from '#src/domain/tags/tag-repository.ts';
import { slugify } from '#src/lib/slug.ts';
import { Invalid } from '#src/lib/errors.ts';
import { findTermIdBySlug } from '#src/domain/taxonomy/term-translation-repository.ts';
import { renderScene, type SceneKind } from '../demo-image-art.ts';
import { addTranslation } from '../seed-demo-translations.ts';
import { BYLINE_FAMILY_NAMES, BYLINE_GIVEN_NAMES, PHRASE_BOOKS, SYNTHETIC_SECTIONS, type SyntheticLanguage } from './synthetic-phrases.ts';
import { between, body, headline, pick, seededRandom, sentence, targetWords, type Random } from './synthetic-writer.ts';
import { syntheticBatchWriter } from './synthetic-batch-writer.ts';

/** The most articles one `seed --synthetic` adds: a million is a big national archive. */
export const MAX_SYNTHETIC_ARTICLES = 1_000_000;

/** Articles per batch (a transaction, or one per language): large enough that commits cost little, small enough to hold in memory. */
const ARTICLES_PER_BATCH = 1000;
/** Articles written between two turns of the event loop, so a database's answers are read while the next batch is made up. */
const ARTICLES_PER_TURN = 100;

/** The archive's span: publication times spread over the last ten years, oldest first. */
const YEARS = 10;
const SPAN_MS = YEARS * 365.25 * 24 * 60 * 60_000;

/** Each language's share of the archive, where the site publishes in it. */
const LANGUAGE_WEIGHTS: Record<SyntheticLanguage, number> = { en: 0.4, ru: 0.35, kk: 0.25 };

/** Pictures drawn for the archive; each article's lead and figures are drawn from them. */
const PICTURES = 12;
const SCENES: SceneKind[] = ['steppe', 'mountains', 'skyline', 'sea', 'canyon', 'lake', 'stadium', 'rails', 'fields', 'chart', 'yurt', 'desert'];
const BYLINES = 24;

const CITIES = [
  { city: 'Almaty', timeZone: 'Asia/Almaty' },
  { city: 'Astana', timeZone: 'Asia/Almaty' },
  { city: 'Shymkent', timeZone: 'Asia/Almaty' },
  { city: 'Aktobe', timeZone: 'Asia/Aqtobe' },
  { city: 'Atyrau', timeZone: 'Asia/Atyrau' },
];

/** What the archive's articles are filed under and illustrated with: ids of existing or new terms and images. */
type Newsroom = {
  languages: SyntheticLanguage[];
  sections: Array<{ slug: string; id: number }>;
  /** Tag ids by section slug (each tag named in every language). */
  tags: Record<string, number[]>;
  authors: number[];
  locations: number[];
  pictures: number[];
};

/** What `seedSyntheticArticles` did. */
export type SyntheticSeedResult = { articles: number; seconds: number; firstId: number | null; lastId: number | null };

function hexColour(random: Random): string {
  return `#${Math.floor(random() * 0xffffff).toString(16).padStart(6, '0')}`;
}

/** Draws the archive's pictures and adds them to the media library (variants included); the same seed draws the same files, which the library keeps once. */
async function addPictures(context: AppContext, random: Random): Promise<number[]> {
  const specs = Array.from({ length: PICTURES }, (_, index) => ({
    kind: SCENES[index % SCENES.length]!,
    palette: [hexColour(random), hexColour(random), hexColour(random), hexColour(random)] as [string, string, string, string],
    seed: 9000 + index,
  }));
  const ids: number[] = [];
  for (const [index, spec] of specs.entries()) {
    const bytes = await renderScene(spec);
    const media = await ingestImage(context, {
      bytes,
      originalName: `archive-${spec.kind}-${index + 1}.jpg`,
      caption: `Archive picture: ${spec.kind}`,
      credit: 'Qalam synthetic archive (illustration)',
      altText: `Illustration of a ${spec.kind} scene`,
      userId: null,
    });
    ids.push(media.id);
  }
  return ids;
}

/** Finds or creates the sections (with their Russian and Kazakh names), tags, bylines and places the archive uses. */
async function prepareNewsroom(tx: Executor, languages: SyntheticLanguage[], pictures: number[]): Promise<Newsroom> {
  const sections: Newsroom['sections'] = [];
  for (const [position, section] of SYNTHETIC_SECTIONS.entries()) {
    const id = (await findSectionBySlug(tx, section.slug))?.id ?? (await createSection(tx, { name: section.names.en, slug: section.slug, position: 100 + position }));
    for (const language of ['ru', 'kk'] as const) {
      await addTranslation(tx, 'section', id, { language, name: section.names[language], slug: slugify(section.names[language]), description: '' });
    }
    sections.push({ slug: section.slug, id });
  }
  // One tag per subject, named in English with its Russian and Kazakh names as translations, as
  // an editor's tags are: the phrase books list each section's tags in the same order.
  const tags: Newsroom['tags'] = {};
  for (const [sectionSlug, englishNames] of Object.entries(PHRASE_BOOKS.en.tags)) {
    tags[sectionSlug] = [];
    for (const [index, name] of englishNames.entries()) {
      const id = await findOrReuseTag(tx, name);
      for (const language of ['ru', 'kk'] as const) {
        const local = PHRASE_BOOKS[language].tags[sectionSlug]![index]!;
        await addTranslation(tx, 'tag', id, { language, name: local, slug: slugify(local), description: '' });
      }
      tags[sectionSlug].push(id);
    }
  }
  const authors: number[] = [];
  for (let index = 0; index < BYLINES; index++) {
    const name = `${BYLINE_GIVEN_NAMES[index % BYLINE_GIVEN_NAMES.length]} ${BYLINE_FAMILY_NAMES[(index * 5) % BYLINE_FAMILY_NAMES.length]}`;
    const slug = slugify(name);
    authors.push((await findAuthorBySlug(tx, slug))?.id ?? (await createAuthor(tx, { name, slug, bio: 'A correspondent of the synthetic archive.', photoMediaId: null })));
  }
  const known = await listLocations(tx);
  const locations: number[] = [];
  for (const { city, timeZone } of CITIES) {
    locations.push(known.find((l) => l.city === city)?.id ?? (await createLocation(tx, { city, country: 'Kazakhstan', timeZone })));
  }
  return { languages, sections, tags, authors, locations, pictures };
}

/**
 * The tag named `name`, created if missing; where its slug already names another tag in some
 * language (a translation on an install with its own tags), that tag is used: same words, same subject.
 */
async function findOrReuseTag(tx: Executor, name: string): Promise<number> {
  try {
    return (await findOrCreateTagByName(tx, name)).id;
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    for (const language of ['en', 'ru', 'kk']) {
      const id = await findTermIdBySlug(tx, 'tag', language, slugify(name));
      if (id !== undefined) return id;
    }
    throw error;
  }
}

function chooseLanguage(random: Random, languages: SyntheticLanguage[]): SyntheticLanguage {
  const total = languages.reduce((sum, language) => sum + LANGUAGE_WEIGHTS[language], 0);
  let roll = random() * total;
  for (const language of languages) {
    roll -= LANGUAGE_WEIGHTS[language];
    if (roll < 0) return language;
  }
  return languages[languages.length - 1]!;
}

/** One synthetic article: its fields, ready for insertArticles. `serial` makes its slug unique. */
function writeArticle(random: Random, newsroom: Newsroom, serial: string): ArticleFields {
  const language = chooseLanguage(random, newsroom.languages);
  const section = pick(random, newsroom.sections);
  const sectionTags = newsroom.tags[section.slug] ?? [];
  const tagIds = [...new Set(Array.from({ length: between(random, 1, 3) }, () => pick(random, sectionTags)))];
  const authorIds = [...new Set(Array.from({ length: random() < 0.85 ? 1 : 2 }, () => pick(random, newsroom.authors)))];
  const title = headline(random, language);
  const hasLead = newsroom.pictures.length > 0 && random() < 0.8;
  return {
    sectionId: section.id,
    slug: `${slugify(title, 60)}-${serial}`,
    title,
    standfirst: sentence(random, language),
    body: body(random, language, targetWords(random), { mediaIds: newsroom.pictures, share: 0.3 }),
    leadMediaId: hasLead ? pick(random, newsroom.pictures) : null,
    leadCaption: '',
    leadCredit: '',
    locationId: random() < 0.7 ? pick(random, newsroom.locations) : null,
    sourceAttribution: '',
    tagIds,
    authorIds,
    language,
    translationOfId: null,
    ...NO_SEARCH_AND_SOCIAL,
  };
}

/**
 * Adds `count` synthetic published articles (`qalam seed --synthetic N`, and the benchmarks): made-up
 * but realistic news in the site's languages among English, Russian and Kazakh, of newsroom
 * lengths (mostly 120–900 words, some long reads with subheadings), filed in six sections with
 * their tags, one or two bylines, a place, a lead image for most and a figure for some, published
 * over the last ten years, oldest first. Written in batches of 1,000 through insertArticles,
 * which keeps the derived columns, link rows and search documents as every other write does
 * (synthetic-batch-writer.ts: on PostgreSQL a connection per language); the reuse index is rebuilt
 * by a `rights.reindex-all` job queued once every article is in (`enqueueReindex`, given by the
 * caller that knows the job queue). `seed` makes the same call write the same archive (slugs aside).
 */
export async function seedSyntheticArticles(
  context: AppContext,
  count: number,
  options: { seed?: number; enqueueReindex: (tx: Executor) => Promise<void>; onProgress?: (written: number) => void },
): Promise<SyntheticSeedResult> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SYNTHETIC_ARTICLES) throw new RangeError(`count must be a whole number from 1 to ${MAX_SYNTHETIC_ARTICLES}`);
  const started = performance.now();
  const db = context.database.db;
  const random = seededRandom(options.seed ?? 20_261_201);
  const settings = await loadSettings(db);
  const languages = (['en', 'ru', 'kk'] as const).filter((language) => settings.languages.includes(language));
  if (languages.length === 0) throw new Error('The site publishes in none of English, Russian and Kazakh, the languages synthetic articles are written in.');
  const pictures = await addPictures(context, random);
  const newsroom = await db.transaction().execute((tx) => prepareNewsroom(tx, [...languages], pictures));
  // Slugs end in a serial unique to this run: the highest id so far, then the article's number.
  const { maxId } = await db.selectFrom('articles').select((eb) => eb.fn.max('id').as('maxId')).executeTakeFirstOrThrow();
  const runTag = (Number(maxId ?? 0) + 1).toString(36);
  const end = Date.now();
  const start = end - SPAN_MS;
  let firstId: number | null = null;
  let lastId: number | null = null;
  let done = 0;
  const bulkLoad = await beginBulkLoad(context.database);
  try {
    const writer = syntheticBatchWriter(context.database, (ids) => {
      firstId ??= ids[0] ?? null;
      lastId = ids[ids.length - 1] ?? lastId;
      done += ids.length;
      options.onProgress?.(done);
    });
    for (let made = 0; made < count; made += ARTICLES_PER_BATCH) {
      const size = Math.min(ARTICLES_PER_BATCH, count - made);
      const batch: NewArticle[] = [];
      for (let n = made; n < made + size; n++) {
        if (n > made && (n - made) % ARTICLES_PER_TURN === 0) await nextTurn();
        const publishedAt = new Date(Math.floor(start + ((n + random()) / count) * SPAN_MS)).toISOString();
        batch.push({ fields: writeArticle(random, newsroom, `${runTag}${n.toString(36)}`), status: 'published', publishedAt });
      }
      await writer.write(batch);
    }
    await writer.finish();
  } finally {
    await bulkLoad.end();
  }
  await analyzeAfterBulkWrite(context.database);
  await db.transaction().execute((tx) => options.enqueueReindex(tx));
  context.events.emit('taxonomy.updated');
  return { articles: count, seconds: (performance.now() - started) / 1000, firstId, lastId };
}
