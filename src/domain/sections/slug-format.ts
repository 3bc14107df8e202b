import { Invalid } from '#src/lib/errors.ts';

/** A URL slug: lower-case ASCII letters and digits in runs joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Longest slug we accept (characters); keeps paths and unique indexes reasonable. */
export const MAX_SLUG_LENGTH = 120;

/** Throws Invalid(field) unless `slug` has the slug format; answers it unchanged. */
export function assertSlugFormat(slug: string, field = 'slug'): string {
  if (slug.length === 0) throw new Invalid(field, 'A slug is required.');
  if (slug.length > MAX_SLUG_LENGTH) throw new Invalid(field, `A slug may have at most ${MAX_SLUG_LENGTH} characters.`);
  if (!SLUG_PATTERN.test(slug)) {
    throw new Invalid(field, 'A slug may contain only lower-case letters a-z, digits and single hyphens between them.');
  }
  return slug;
}

/** Throws Invalid(field) for an empty or overlong display name; answers it trimmed. */
export function requireName(name: string, field = 'name', max = 200): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new Invalid(field, 'A name is required.');
  if (trimmed.length > max) throw new Invalid(field, `A name may have at most ${max} characters.`);
  return trimmed;
}
