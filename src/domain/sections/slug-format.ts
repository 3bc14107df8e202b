import { Invalid } from '#src/lib/errors.ts';
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from '#src/lib/slug.ts';

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
