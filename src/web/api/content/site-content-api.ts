import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '#src/app-context.ts';
import { createContentReadModel } from '#src/domain/content-api/content-read-model.ts';
import { CONTENT_ERRORS } from './content-errors.ts';
import { createContentPresenter } from './content-presenter.tsx';
import { authorListSchema, idListQuerySchema, sectionListSchema, siteSettingsSchema, tagListSchema } from './content-schemas.ts';

/** What a front end needs beside articles: the site's settings, sections, tags and author profiles. */
export async function registerSiteContentApi(scope: FastifyInstance, context: AppContext): Promise<void> {
  const content = createContentReadModel(context);
  const present = createContentPresenter(context.config);
  const api = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['content'];

  api.get('/api/content/settings', { schema: { tags, summary: 'The site settings a front end shows', response: { 200: siteSettingsSchema, ...CONTENT_ERRORS } } }, async () =>
    present.settings(await content.siteChrome()),
  );

  api.get('/api/content/sections', { schema: { tags, summary: 'Every section, in menu order', response: { 200: sectionListSchema, ...CONTENT_ERRORS } } }, async () =>
    present.sections(await content.siteChrome()),
  );

  api.get(
    '/api/content/tags',
    { schema: { tags, summary: 'Tags, by id; page with nextCursor', querystring: idListQuerySchema('tags'), response: { 200: tagListSchema, ...CONTENT_ERRORS } } },
    async (request) => {
      const page = await content.tags(request.query);
      return { items: page.items.map(present.tag), nextCursor: page.nextCursor };
    },
  );

  api.get(
    '/api/content/authors',
    { schema: { tags, summary: 'Author profiles, by id; page with nextCursor', querystring: idListQuerySchema('authors'), response: { 200: authorListSchema, ...CONTENT_ERRORS } } },
    async (request) => {
      const page = await content.authors(request.query);
      return { items: page.items.map(present.author), nextCursor: page.nextCursor };
    },
  );
}
