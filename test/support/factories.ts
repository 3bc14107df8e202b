import { randomBytes } from 'node:crypto';
import type { AppContext } from '#src/app-context.ts';
import type { ArticleStatus } from '#src/db/schema.ts';
import type { ArticleBody } from '#src/domain/articles/article-body.ts';
import { insertArticle, type ArticleFields } from '#src/domain/articles/article-repository.ts';
import { NO_SEARCH_AND_SOCIAL } from '#src/domain/articles/article-fields.ts';
import { createSection, findSectionById, type Section } from '#src/domain/sections/section-repository.ts';
import { createTag } from '#src/domain/tags/tag-repository.ts';
import { createAuthor } from '#src/domain/people/author-repository.ts';
import { createLocation } from '#src/domain/locations/location-repository.ts';

/**
 * Per-test data. Every factory makes unique names and slugs so tests never collide and assume
 * nothing about what else is in the database.
 */

function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** A body of plain paragraphs. */
export function paragraphsBody(paragraphs: string[]): ArticleBody {
  return {
    type: 'doc',
    content: paragraphs.map((text) => (text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' })),
  };
}

/** Creates a section; answers it. */
export async function createSectionFixture(
  context: AppContext,
  overrides: { name?: string; slug?: string; position?: number; description?: string; parentId?: number } = {},
): Promise<Section> {
  const slug = overrides.slug ?? unique('section');
  const id = await createSection(context.database.db, {
    name: overrides.name ?? `Section ${slug}`,
    slug,
    position: overrides.position ?? 0,
    description: overrides.description ?? '',
    parentId: overrides.parentId ?? null,
  });
  // As the taxonomy admin does: menus on cached pages change.
  context.events.emit('taxonomy.updated');
  return (await findSectionById(context.database.db, id))!;
}

/** Creates a tag; answers { id, name, slug }. */
export async function createTagFixture(context: AppContext, overrides: { name?: string; slug?: string } = {}) {
  const slug = overrides.slug ?? unique('tag');
  const name = overrides.name ?? `Tag ${slug}`;
  const id = await createTag(context.database.db, { name, slug });
  context.events.emit('taxonomy.updated');
  return { id, name, slug };
}

/** Creates an author; answers { id, name, slug }. */
export async function createAuthorFixture(context: AppContext, overrides: { name?: string; slug?: string; bio?: string } = {}) {
  const slug = overrides.slug ?? unique('author');
  const name = overrides.name ?? `Author ${slug}`;
  const id = await createAuthor(context.database.db, { name, slug, bio: overrides.bio ?? '' });
  context.events.emit('taxonomy.updated');
  return { id, name, slug };
}

/** Creates a location; answers { id, city, country, timeZone }. */
export async function createLocationFixture(
  context: AppContext,
  overrides: { city?: string; country?: string; timeZone?: string } = {},
) {
  const city = overrides.city ?? unique('City');
  const country = overrides.country ?? 'Kazakhstan';
  const timeZone = overrides.timeZone ?? 'Asia/Almaty';
  const id = await createLocation(context.database.db, { city, country, timeZone });
  return { id, city, country, timeZone };
}

/** What an article fixture may override: any editable field plus its workflow state. */
export type ArticleOverrides = Partial<ArticleFields> & {
  status?: ArticleStatus;
  /** ISO instant; default one minute ago for published articles. */
  publishedAt?: string | null;
  scheduledAt?: string | null;
};

/**
 * The fields of an article in `sectionId`, without writing anything: a unique slug, a title from
 * it, two paragraphs, no image, tags or authors, unless `overrides` say otherwise.
 */
export function buildArticleFields(sectionId: number, overrides: Partial<ArticleFields> = {}): ArticleFields {
  const slug = overrides.slug ?? unique('article');
  return {
    sectionId,
    slug,
    title: overrides.title ?? `Article ${slug}`,
    standfirst: overrides.standfirst ?? 'A standfirst that sums the story up.',
    body: overrides.body ?? paragraphsBody(['The first paragraph of the story.', 'The second paragraph.']),
    leadMediaId: overrides.leadMediaId ?? null,
    leadCaption: overrides.leadCaption ?? '',
    leadCredit: overrides.leadCredit ?? '',
    locationId: overrides.locationId ?? null,
    sourceAttribution: overrides.sourceAttribution ?? '',
    tagIds: overrides.tagIds ?? [],
    authorIds: overrides.authorIds ?? [],
    language: overrides.language ?? 'en',
    translationOfId: overrides.translationOfId ?? null,
    seoTitle: overrides.seoTitle ?? NO_SEARCH_AND_SOCIAL.seoTitle,
    metaDescription: overrides.metaDescription ?? NO_SEARCH_AND_SOCIAL.metaDescription,
    socialTitle: overrides.socialTitle ?? NO_SEARCH_AND_SOCIAL.socialTitle,
    socialDescription: overrides.socialDescription ?? NO_SEARCH_AND_SOCIAL.socialDescription,
    socialMediaId: overrides.socialMediaId ?? NO_SEARCH_AND_SOCIAL.socialMediaId,
  };
}

/** Creates an article in any state (a section is made when none is given); answers its id and path. */
export async function createArticleFixture(
  context: AppContext,
  overrides: ArticleOverrides = {},
): Promise<{ id: number; slug: string; sectionId: number; sectionSlug: string; path: string }> {
  const section = overrides.sectionId
    ? (await findSectionById(context.database.db, overrides.sectionId))!
    : await createSectionFixture(context);
  const status = overrides.status ?? 'draft';
  const fields = buildArticleFields(section.id, overrides);
  const slug = fields.slug;
  const publishedAt =
    overrides.publishedAt !== undefined
      ? overrides.publishedAt
      : status === 'published'
        ? new Date(Date.now() - 60_000).toISOString()
        : null;
  // As the article service does: the publication's webhooks, pings and purge are queued in its
  // transaction (the outbox), and after the commit cached pages hear of the new article.
  const { id, events } = await context.database.db.transaction().execute(async (tx) => {
    const id = await insertArticle(tx, fields, { status, publishedAt, scheduledAt: overrides.scheduledAt ?? null, userId: null });
    if (status !== 'published') return { id, events: [] };
    return { id, events: [await context.events.record(tx, 'article.published', { articleId: id, translationOfId: fields.translationOfId })] };
  });
  context.events.announce(events);
  return { id, slug, sectionId: section.id, sectionSlug: section.slug, path: `/${section.slug}/${slug}` };
}

/** Creates a published article (published a minute ago unless `publishedAt` says otherwise). */
export function createPublishedArticle(context: AppContext, overrides: ArticleOverrides = {}) {
  return createArticleFixture(context, { ...overrides, status: 'published' });
}

/** Adds a correction or update note to an article. */
export async function addCorrectionFixture(
  context: AppContext,
  articleId: number,
  note: { kind: 'correction' | 'update'; text: string; createdAt?: string },
): Promise<void> {
  await context.database.db
    .insertInto('article_corrections')
    .values({ article_id: articleId, kind: note.kind, text: note.text, created_by: null, created_at: note.createdAt ?? new Date().toISOString() })
    .execute();
}

/** Adds a generated image (a solid colour unique to this call) to the media library; answers its MediaView. */
export async function createImageFixture(
  context: AppContext,
  options: { width?: number; height?: number; caption?: string; credit?: string; altText?: string } = {},
) {
  const { default: sharp } = await import('sharp');
  const { ingestImage } = await import('#src/domain/media/media-service.ts');
  const [r, g, b] = randomBytes(3);
  const bytes = await sharp({
    create: { width: options.width ?? 1600, height: options.height ?? 900, channels: 3, background: { r: r!, g: g!, b: b! } },
  })
    .jpeg()
    .toBuffer();
  return ingestImage(context, {
    bytes,
    originalName: 'fixture.jpg',
    caption: options.caption,
    credit: options.credit,
    altText: options.altText,
    userId: null,
  });
}

/** Adds a delivery to an endpoint's log, as if its one attempt had failed with HTTP 500; answers its id. */
export async function createFailedDeliveryFixture(context: AppContext, endpointId: number): Promise<number> {
  const { insertDelivery, updateDelivery } = await import('#src/domain/webhooks/webhook-repository.ts');
  const { newMessageId } = await import('#src/domain/webhooks/webhook-signing.ts');
  const db = context.database.db;
  const now = new Date().toISOString();
  const payload = JSON.stringify({ type: 'article.published', timestamp: now, data: { article: { id: 1 } } });
  const deliveryId = await insertDelivery(db, { endpointId, eventType: 'article.published', payload, messageId: newMessageId(), now });
  await updateDelivery(db, deliveryId, { status: 'failed', attempts: 1, response_code: 500, duration_ms: 12, next_retry_at: null, last_error: 'HTTP 500', last_attempt_at: now });
  return deliveryId;
}

/** Adds a webhook endpoint (enabled, every event) with one failed delivery in its log; answers their ids. */
export async function createWebhookFixture(context: AppContext, overrides: { url?: string } = {}): Promise<{ endpointId: number; deliveryId: number }> {
  const { insertEndpoint } = await import('#src/domain/webhooks/webhook-repository.ts');
  const { newWebhookSecret } = await import('#src/domain/webhooks/webhook-signing.ts');
  const { WEBHOOK_EVENT_TYPES } = await import('#src/domain/webhooks/webhook-events.ts');
  const endpointId = await insertEndpoint(context.database.db, {
    url: overrides.url ?? `https://${unique('hooks')}.example/qalam`,
    description: 'Fixture',
    events: [...WEBHOOK_EVENT_TYPES],
    secret: newWebhookSecret(),
    enabled: true,
    createdBy: null,
    now: new Date().toISOString(),
  });
  return { endpointId, deliveryId: await createFailedDeliveryFixture(context, endpointId) };
}
