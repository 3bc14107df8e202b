import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import { articleBodySchema, type ArticleBody } from '#src/domain/articles/article-body.ts';
import { insertArticle } from '#src/domain/articles/article-repository.ts';
import { NO_SEARCH_AND_SOCIAL } from '#src/domain/articles/article-fields.ts';
import { resolveTranslationLink } from '#src/domain/articles/article-translations.ts';
import { ingestImage } from '#src/domain/media/media-service.ts';
import { createLocation, listLocations } from '#src/domain/locations/location-repository.ts';
import { createAuthor, findAuthorBySlug } from '#src/domain/people/author-repository.ts';
import { createSection, findSectionBySlug } from '#src/domain/sections/section-repository.ts';
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from '#src/domain/settings/settings-repository.ts';
import { findOrCreateTagByName } from '#src/domain/tags/tag-repository.ts';
import { DEMO_ARTICLES, type DemoArticle } from './demo-articles.ts';
import { DEMO_ARTICLES_KK } from './demo-articles-kk.ts';
import { DEMO_ARTICLES_RU } from './demo-articles-ru.ts';
import { buildBody } from './demo-body.ts';
import { DEMO_AUTHORS, DEMO_IMAGES, DEMO_LOCATIONS, DEMO_SECTIONS, DEMO_SETTINGS } from './demo-catalog.ts';
import { renderLogo, renderPortrait, renderScene } from './demo-image-art.ts';
import { DEMO_LOCAL_IMAGES } from './demo-translations.ts';
import { demoLocalizedSettings, seedDemoTermTranslations, type DemoTermIds } from './seed-demo-translations.ts';
import { seedDemoPages } from './demo-pages.ts';

const COUNTRY = 'Kazakhstan';

/** Every demo story, English first: a Russian or Kazakh translation links to its English original. */
const ALL_ARTICLES: DemoArticle[] = [...DEMO_ARTICLES, ...DEMO_ARTICLES_RU, ...DEMO_ARTICLES_KK];

type DemoMedia = { images: Map<string, number>; portraits: Map<string, number>; logo: number };

/** Draws every demo picture and adds it to the media library (variants included), in parallel. */
async function ingestDemoPictures(context: AppContext): Promise<DemoMedia> {
  const images = new Map<string, number>();
  const portraits = new Map<string, number>();
  const ingest = async (bytes: Buffer, name: string, text: { caption: string; credit: string; altText: string }) =>
    (await ingestImage(context, { bytes, originalName: name, ...text, userId: null })).id;
  const [logo] = await Promise.all([
    renderLogo().then((bytes) =>
      ingest(bytes, 'steppe-courier-logo.png', { caption: '', credit: '', altText: `${DEMO_SETTINGS.name} logo` }),
    ),
    ...[...DEMO_IMAGES, ...DEMO_LOCAL_IMAGES].map(async (image) => {
      const bytes = await renderScene(image.scene);
      images.set(image.key, await ingest(bytes, `${image.key}.jpg`, { caption: image.caption, credit: image.credit, altText: image.alt }));
    }),
    ...DEMO_AUTHORS.map(async (author) => {
      const bytes = await renderPortrait(author.portrait);
      portraits.set(
        author.slug,
        await ingest(bytes, `${author.slug}.jpg`, {
          caption: author.name,
          credit: 'Steppe Courier demo studio (illustration)',
          altText: `Illustrated portrait of ${author.name}`,
        }),
      );
    }),
  ]);
  return { images, portraits, logo: logo as number };
}

function lookup<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Demo data names an unknown ${what}: "${key}".`);
  return value;
}

/**
 * Inserts the demo stories as published articles, English first, then Russian and Kazakh, each
 * translation linked to its English original (by the platform's own translation rules). A story
 * whose slug its language already has in its section is skipped (its English id still serves as an
 * original). Answers the ids of the articles it created.
 */
async function insertDemoArticles(trx: Executor, media: DemoMedia, terms: DemoTermIds): Promise<number[]> {
  const englishIds = new Map<string, number>();
  const ids: number[] = [];
  for (const article of ALL_ARTICLES) {
    const language = article.language ?? 'en';
    const sectionId = lookup(terms.sections, article.section, 'section');
    const clash = await trx
      .selectFrom('articles')
      .select('id')
      .where('language', '=', language)
      .where('section_id', '=', sectionId)
      .where('slug', '=', article.slug)
      .executeTakeFirst();
    if (clash && language === 'en') englishIds.set(article.slug, clash.id);
    if (clash) continue;
    const translationOfId = article.translationOf
      ? await resolveTranslationLink(trx, {
          selfId: null,
          language,
          translationOfId: lookup(englishIds, article.translationOf, 'English original'),
          field: 'translationOfId',
        })
      : null;
    const body = articleBodySchema.parse(buildBody(article.body, (key) => lookup(media.images, key, 'picture'))) as ArticleBody;
    const id = await insertArticle(
      trx,
      {
        sectionId,
        slug: article.slug,
        title: article.title,
        standfirst: article.standfirst,
        body,
        leadMediaId: lookup(media.images, article.lead.image, 'picture'),
        leadCaption: article.lead.caption ?? '',
        leadCredit: article.lead.credit ?? '',
        locationId: lookup(terms.locations, article.city, 'city'),
        sourceAttribution: article.sourceAttribution,
        tagIds: article.tags.map((name) => lookup(terms.tags, name, 'tag')),
        authorIds: article.authors.map((slug) => lookup(terms.authors, slug, 'author')),
        language,
        translationOfId,
        ...NO_SEARCH_AND_SOCIAL,
      },
      { status: 'published', publishedAt: article.publishedAt, userId: null },
    );
    if (language === 'en') englishIds.set(article.slug, id);
    ids.push(id);
  }
  return ids;
}

/**
 * Adds the demo portal to a database: pictures (with variants), sections, authors, places, tags
 * (with their Russian and Kazakh names), about twenty published English articles with Russian and
 * Kazakh ones beside them (translations linked to their originals) and, while the settings are
 * still the defaults, the demo portal's name, logo and links, and its name, tagline and notice in
 * Russian and Kazakh. With `onlyIfEmpty`, a database that has any article is left alone. Sections,
 * authors and places that already exist by slug or city are reused, and an article whose slug
 * already exists in its language and section is skipped. Answers how many articles it created.
 */
export async function seedDemoContent(context: AppContext, options: { onlyIfEmpty: boolean }): Promise<number> {
  const db = context.database.db;
  if (options.onlyIfEmpty) {
    const existing = await db.selectFrom('articles').select('id').limit(1).executeTakeFirst();
    if (existing) return 0;
  }
  const media = await ingestDemoPictures(context);

  const created = await db.transaction().execute(async (trx) => {
    const sections = new Map<string, number>();
    for (const [position, section] of DEMO_SECTIONS.entries()) {
      const found = await findSectionBySlug(trx, section.slug);
      const id =
        found?.id ??
        (await createSection(trx, {
          name: section.name,
          slug: section.slug,
          description: section.description,
          position,
          parentId: section.parent ? lookup(sections, section.parent, 'parent section') : null,
        }));
      sections.set(section.slug, id);
    }

    const locations = new Map<string, number>();
    const known = await listLocations(trx);
    for (const place of DEMO_LOCATIONS) {
      const found = known.find((l) => l.city === place.city && l.country === COUNTRY);
      locations.set(place.city, found?.id ?? (await createLocation(trx, { city: place.city, country: COUNTRY, timeZone: place.timeZone })));
    }

    const authors = new Map<string, number>();
    for (const author of DEMO_AUTHORS) {
      const found = await findAuthorBySlug(trx, author.slug);
      authors.set(
        author.slug,
        found?.id ??
          (await createAuthor(trx, { name: author.name, slug: author.slug, bio: author.bio, photoMediaId: media.portraits.get(author.slug) ?? null })),
      );
    }

    const tags = new Map<string, number>();
    for (const name of new Set(ALL_ARTICLES.flatMap((a) => a.tags))) {
      tags.set(name, (await findOrCreateTagByName(trx, name)).id);
    }

    await seedDemoTermTranslations(trx, { sections, tags, authors, locations });
    return insertDemoArticles(trx, media, { sections, tags, authors, locations });
  });

  // An install whose settings someone already changed keeps them; a fresh one becomes the demo portal.
  const settings = await loadSettings(db);
  if (settings.name === DEFAULT_SETTINGS.name && settings.logoMediaId === null) {
    await saveSettings(db, {
      ...settings,
      ...DEMO_SETTINGS,
      logoMediaId: media.logo,
      localized: { ...demoLocalizedSettings(), ...settings.localized },
    });
    context.events.emit('settings.updated');
  }
  await seedDemoPages(context, (await loadSettings(db)).languages);
  context.events.emit('taxonomy.updated');
  for (const articleId of created) context.events.emit('article.published', { articleId });
  context.logger.info({ articles: created.length }, 'demo content added');
  return created.length;
}
