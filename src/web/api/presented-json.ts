import type { FastifyReply } from 'fastify';

/**
 * Sends a 200 answer already written as JSON text (pieces a presenter stringified, some kept in a
 * memo), as it is: Fastify passes a string with a JSON content type through without serializing.
 * For hot read routes whose presenter builds every field of its answer, typed as the schema's output
 * (`z.infer<…>`), so the compiler has checked the shape. Not for answers that pass stored documents
 * through (an article body): the zod serializer strips what the schema does not name there. The
 * answers stay checked where it is cheap: the OpenAPI test validates real answers of every
 * documented route against the published schemas (test/e2e/api/openapi.test.ts).
 */
export function sendPresentedJson(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}
