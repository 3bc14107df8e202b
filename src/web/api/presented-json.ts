import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';

/**
 * A route's serializer that writes its 200 answers with JSON.stringify, without checking them
 * against the response schema first; every other status (errors) keeps the zod serializer.
 *
 * For hot read routes whose answer a presenter builds field by field, typed as the schema's output
 * (`z.infer<…>`): the compiler has then checked the shape, and parsing it again on each request
 * was a tenth of the Content API list's CPU (zod walks every field of every item). Not for answers
 * that pass stored documents through (an article body): parsing strips what the schema does not
 * name there. The answers stay checked where it is cheap: the OpenAPI test validates real answers
 * of every documented route against the published schemas (test/e2e/api/openapi.test.ts).
 */
export function presentedJson<S>(route: Parameters<FastifySerializerCompiler<S>>[0]): (data: unknown) => string {
  if (String(route.httpStatus) === '200') return (data) => JSON.stringify(data);
  return serializerCompiler(route as unknown as Parameters<typeof serializerCompiler>[0]);
}
