import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '#src/app-context.ts';
import { createContentReadModel } from '#src/domain/content-api/content-read-model.ts';
import { CONTENT_ERRORS } from './content-errors.ts';
import { currentContentPresenter } from './content-presenter.tsx';
import { authorListSchema, idListQuerySchema, languageQuerySchema, sectionListSchema, siteSettingsSchema, tagListSchema } from './content-schemas.ts';

/**
 * What a front end needs beside articles: the site's settings, sections, tags and author profiles,
 * each in the language asked for (`?language=`, default the site's default), with that language's
 * names, slugs and page URLs.
 */
export async function registerSiteContentApi(scope: FastifyInstance, context: AppContext): Promise<void> {
  const content = createContentReadModel(context);
  const presenter = currentContentPresenter(context.config, async () => (await content.languages()).defaultLanguage);
  const api = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['content'];

  api.get(
    '/api/content/settings',
    { schema: { tags, summary: 'The site settings a front end shows, in one language', querystring: languageQuerySchema, response: { 200: siteSettingsSchema, ...CONTENT_ERRORS } } },
    async (request) => (await presenter()).settings(await content.siteChrome(request.query.language)),
  );

  api.get(
    '/api/content/sections',
    { schema: { tags, summary: 'Every section, in menu order, named in one language', querystring: languageQuerySchema, response: { 200: sectionListSchema, ...CONTENT_ERRORS } } },
    async (request) => (await presenter()).sections(await content.siteChrome(request.query.language)),
  );

  api.get(
    '/api/content/tags',
    { schema: { tags, summary: 'Tags, by id, named in one language; page with nextCursor', querystring: idListQuerySchema('tags'), response: { 200: tagListSchema, ...CONTENT_ERRORS } } },
    async (request) => (await presenter()).tags(await content.tags(request.query)),
  );

  api.get(
    '/api/content/authors',
    {
      schema: { tags, summary: 'Author profiles, by id, in one language; page with nextCursor', querystring: idListQuerySchema('authors'), response: { 200: authorListSchema, ...CONTENT_ERRORS } },
    },
    async (request) => (await presenter()).authors(await content.authors(request.query)),
  );
}
