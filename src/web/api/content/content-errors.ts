import { contentErrorSchema } from './content-schemas.ts';

/** The refusals every Content API route may answer, for its schema (and so the OpenAPI document). */
export const CONTENT_ERRORS = {
  400: contentErrorSchema.describe('a malformed parameter (named in field), such as a bad cursor'),
  401: contentErrorSchema.describe('an unknown, expired or revoked API key, or none where one is required'),
  404: contentErrorSchema.describe('nothing published there'),
  422: contentErrorSchema.describe('a filter naming a section, tag or author that does not exist, or a language the site does not publish in'),
  429: contentErrorSchema.describe('too many requests for this key or address; Retry-After says when to come back'),
} as const;
