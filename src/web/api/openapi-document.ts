import type { FastifyDynamicSwaggerOptions, SwaggerTransform } from '@fastify/swagger';
import type { FastifyInstance, RouteOptions } from 'fastify';
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

/**
 * The handler of /api/openapi.json: @fastify/swagger's dynamic mode, with the plugin loaded at the
 * first request for the document instead of at every start (ADR 0067): the plugin and what it
 * requires (yaml, a JSON Schema reference resolver) were ~5% of the bytes V8 compiles at start.
 * Called where the plugin was registered (before any route), the app keeps what the plugin's hooks
 * would have seen: every route added, every plugin instance registered. At the first request the
 * plugin is run against a host that takes its hooks and its decorator; they are fed what was kept,
 * then asked for the document, which the plugin builds once and caches as before.
 */
export function openApiDocumentHandler(app: FastifyInstance): () => Promise<unknown> {
  const routes: RouteOptions[] = [];
  const instances: FastifyInstance[] = [];
  app.addHook('onRoute', (route) => void routes.push(route));
  app.addHook('onRegister', (instance) => void instances.push(instance));
  let swagger: Promise<() => unknown> | undefined;
  const load = () =>
    loadSwagger(app, routes, instances).catch((error: unknown) => {
      swagger = undefined; // the next request tries again
      throw error;
    });
  return async () => (await (swagger ??= load()))();
}

type Hook = (...args: never[]) => unknown;

async function loadSwagger(app: FastifyInstance, routes: RouteOptions[], instances: FastifyInstance[]): Promise<() => unknown> {
  // The default export: the plugin itself (fastify-plugin only marks it not to be encapsulated).
  const { default: fastifySwagger } = await import('@fastify/swagger');
  const hooks = new Map<string, Hook[]>();
  let document: (() => unknown) | undefined;
  const host = {
    addHook: (name: string, hook: Hook) => void hooks.set(name, [...(hooks.get(name) ?? []), hook]),
    decorate: (_name: string, value: () => unknown) => void (document = value),
    getSchemas: () => app.getSchemas(),
  };
  fastifySwagger(host as unknown as FastifyInstance, OPENAPI_OPTIONS, () => {});
  const hooksOf = (name: string) => (hooks.get(name) ?? []) as ((...args: unknown[]) => unknown)[];
  for (const route of routes) for (const onRoute of hooksOf('onRoute')) onRoute(route);
  for (const instance of instances) for (const onRegister of hooksOf('onRegister')) await onRegister(instance);
  for (const onReady of hooksOf('onReady')) await new Promise<void>((resolve) => void onReady(resolve));
  if (!document) throw new Error('@fastify/swagger did not decorate the app');
  return document;
}
