import type { FastifyDynamicSwaggerOptions, SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { articleDocumentSchema } from '#src/domain/articles/article-body.ts';

/** The APIs /api/openapi.json describes: the Admin API and the Content API (their paths start so). */
export const DOCUMENTED_API_PREFIXES = ['/api/admin/', '/api/content/'] as const;

/** Whether a route path belongs to a documented API. */
export function isDocumentedApiPath(url: string): boolean {
  return DOCUMENTED_API_PREFIXES.some((prefix) => url.startsWith(prefix));
}

/**
 * Routes outside the documented APIs (newsroom pages, public pages, feeds, sitemaps, /healthz) are
 * left out; the others get their zod schemas written as JSON Schema for the document's version.
 */
const onlyTheApis: SwaggerTransform = (input) => (isDocumentedApiPath(input.url) ? jsonSchemaTransform(input) : { schema: { hide: true }, url: input.url });

/**
 * A recursive schema cannot be written inline: its inner references need a name to point at. The
 * article body's block (a blockquote or list holds blocks) is named ArticleBlock (and
 * ArticleBlockInput on the request side) in zod's registry, which jsonSchemaTransformObject writes
 * into components.schemas; without it the document referred to a component it never defined.
 */
if (!z.globalRegistry.has(articleDocumentSchema.shape.content.element)) z.globalRegistry.add(articleDocumentSchema.shape.content.element, { id: 'ArticleBlock' });

/**
 * @fastify/swagger's options for /api/openapi.json: OpenAPI 3.1, whose schemas are JSON Schema
 * 2020-12 (so fastify-type-provider-zod writes zod's draft-2020-12 output, `null` as a type of its
 * own rather than 3.0's `nullable`), generated from the same zod schemas that validate each
 * request and serialize each answer.
 */
export const OPENAPI_OPTIONS: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'Qalam API',
      version: '1',
      description:
        'The Admin API (/api/admin: the newsroom’s, with a session and its CSRF token or an API key as "Authorization: Bearer qk_…") and the Content API (/api/content: published content, read-only).',
    },
  },
  transform: onlyTheApis,
  transformObject: jsonSchemaTransformObject,
};
