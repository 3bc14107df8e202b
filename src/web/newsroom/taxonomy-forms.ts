import { z } from 'zod';
import type { AuthorInput, Author } from '#src/domain/people/author-repository.ts';
import type { Location, LocationInput } from '#src/domain/locations/location-repository.ts';
import type { Section, SectionInput } from '#src/domain/sections/section-repository.ts';
import type { Tag, TagInput } from '#src/domain/tags/tag-repository.ts';
import { isValidTimeZone } from '#src/lib/dateline.ts';
import { slugify } from '#src/lib/slug.ts';
import { multilineTextField, textField } from '#src/lib/text-input.ts';
import { zodFieldErrors, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { optionalIdFormField } from '#src/web/route-params.ts';

/** A taxonomy's newsroom form: strings in, the service's input out, and back to strings for editing. */
export type TaxonomyForm<Item, Input> = {
  parse(values: FormValues): { input: Input } | { errors: FieldErrors };
  values(item: Item): FormValues;
};

const text = (max: number, label: string) => textField().trim().max(max, `${label} may have at most ${max} characters.`);
const longText = (max: number, label: string) => multilineTextField().trim().max(max, `${label} may have at most ${max} characters.`);
const requiredText = (max: number, label: string) => text(max, label).min(1, `${label} is required.`);
/** An optional slug: empty means "make it from the name". */
const optionalSlug = textField().trim().toLowerCase().max(120, 'A slug may have at most 120 characters.');
const optionalId = (label: string) => optionalIdFormField(`${label} must be a number (an id), or empty.`);

function slugOrFromName(slug: string, name: string): string {
  return slug || slugify(name);
}

const idText = (id: number | null) => (id === null ? '' : String(id));

function parseWith<T extends z.ZodObject, Input>(schema: T, values: FormValues, toInput: (data: z.output<T>) => Input): { input: Input } | { errors: FieldErrors } {
  // A field the browser left out counts as empty, so its own message ("… is required") shows.
  const blank = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, '']));
  const parsed = schema.safeParse({ ...blank, ...values });
  return parsed.success ? { input: toInput(parsed.data) } : { errors: zodFieldErrors(parsed.error) };
}

const sectionSchema = z.object({
  name: requiredText(200, 'The name'),
  slug: optionalSlug,
  parentId: optionalId('The parent'),
  description: longText(1000, 'The description'),
  position: textField()
    .trim()
    .regex(/^-?\d{0,6}$/, 'The position must be a whole number (lower comes first).')
    .transform((value) => (value === '' ? 0 : Number(value))),
});

/** The section form. */
export const sectionForm: TaxonomyForm<Section, SectionInput> = {
  parse: (values) =>
    parseWith(sectionSchema, values, (d) => ({ name: d.name, slug: slugOrFromName(d.slug, d.name), parentId: d.parentId, description: d.description, position: d.position })),
  values: (s) => ({ name: s.name, slug: s.slug, parentId: idText(s.parentId), description: s.description, position: String(s.position) }),
};

const tagSchema = z.object({ name: requiredText(100, 'The name'), slug: optionalSlug });

/** The tag form. */
export const tagForm: TaxonomyForm<Tag, TagInput> = {
  parse: (values) => parseWith(tagSchema, values, (d) => ({ name: d.name, slug: slugOrFromName(d.slug, d.name) })),
  values: (t) => ({ name: t.name, slug: t.slug }),
};

const authorSchema = z.object({
  name: requiredText(200, 'The name'),
  slug: optionalSlug,
  bio: longText(2000, 'The biography'),
  photoMediaId: optionalId('The photo'),
});

/** The author (byline) form. */
export const authorForm: TaxonomyForm<Author, AuthorInput> = {
  parse: (values) => parseWith(authorSchema, values, (d) => ({ name: d.name, slug: slugOrFromName(d.slug, d.name), bio: d.bio, photoMediaId: d.photoMediaId })),
  values: (a) => ({ name: a.name, slug: a.slug, bio: a.bio, photoMediaId: idText(a.photoMediaId) }),
};

const locationSchema = z.object({
  city: requiredText(100, 'The city'),
  country: requiredText(100, 'The country'),
  timeZone: textField()
    .trim()
    .min(1, 'The time zone is required, e.g. Asia/Almaty.')
    .refine((zone) => isValidTimeZone(zone), { message: 'Use an IANA time zone name such as Asia/Almaty or Europe/Moscow.' }),
});

/** The location form. */
export const locationForm: TaxonomyForm<Location, LocationInput> = {
  parse: (values) => parseWith(locationSchema, values, (d) => ({ city: d.city, country: d.country, timeZone: d.timeZone })),
  values: (l) => ({ city: l.city, country: l.country, timeZone: l.timeZone }),
};
