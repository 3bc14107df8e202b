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
import type { NewsroomTranslator } from '#src/i18n/newsroom-translator.ts';
import { perLanguage } from './per-language.ts';

/** A taxonomy's newsroom form: strings in, the service's input out (messages in `translator`'s language), and back to strings for editing. */
export type TaxonomyForm<Item, Input> = {
  parse(values: FormValues, translator: NewsroomTranslator): { input: Input } | { errors: FieldErrors };
  values(item: Item): FormValues;
};

/** The field names messages speak of ("The name is required."): a subject in each language. */
type Subject = 'name' | 'description' | 'biography' | 'parent' | 'photo' | 'city' | 'country';

/** The makers of fields whose messages name the field, in one language. */
function fieldsIn(t: NewsroomTranslator['t']) {
  const subject = (name: Subject) => t(`taxonomy.subject.${name}`);
  const text = (max: number, name: Subject) => textField().trim().max(max, t('taxonomy.error.tooLong', { field: subject(name), max }));
  return {
    text,
    longText: (max: number, name: Subject) => multilineTextField().trim().max(max, t('taxonomy.error.tooLong', { field: subject(name), max })),
    requiredText: (max: number, name: Subject) => text(max, name).min(1, t('taxonomy.error.required', { field: subject(name) })),
    /** An optional slug: empty means "make it from the name". */
    optionalSlug: textField().trim().toLowerCase().max(120, t('taxonomy.error.slugTooLong', { max: 120 })),
    optionalId: (name: Subject) => optionalIdFormField(t('taxonomy.error.notAnId', { field: subject(name) })),
  };
}

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

const sectionSchema = perLanguage((t) => {
  const f = fieldsIn(t);
  return z.object({
    name: f.requiredText(200, 'name'),
    slug: f.optionalSlug,
    parentId: f.optionalId('parent'),
    description: f.longText(1000, 'description'),
    position: textField()
      .trim()
      .regex(/^-?\d{0,6}$/, t('taxonomy.error.position'))
      // Left empty: a new section goes last (section-repository.ts), an edited one keeps its place.
      .transform((value) => (value === '' ? undefined : Number(value))),
  });
});

/** The section form. */
export const sectionForm: TaxonomyForm<Section, SectionInput> = {
  parse: (values, translator) =>
    parseWith(sectionSchema(translator), values, (d) => ({ name: d.name, slug: slugOrFromName(d.slug, d.name), parentId: d.parentId, description: d.description, position: d.position })),
  values: (s) => ({ name: s.name, slug: s.slug, parentId: idText(s.parentId), description: s.description, position: String(s.position) }),
};

const tagSchema = perLanguage((t) => {
  const f = fieldsIn(t);
  return z.object({ name: f.requiredText(100, 'name'), slug: f.optionalSlug });
});

/** The tag form. */
export const tagForm: TaxonomyForm<Tag, TagInput> = {
  parse: (values, translator) => parseWith(tagSchema(translator), values, (d) => ({ name: d.name, slug: slugOrFromName(d.slug, d.name) })),
  values: (t) => ({ name: t.name, slug: t.slug }),
};

const authorSchema = perLanguage((t) => {
  const f = fieldsIn(t);
  return z.object({
    name: f.requiredText(200, 'name'),
    slug: f.optionalSlug,
    bio: f.longText(2000, 'biography'),
    photoMediaId: f.optionalId('photo'),
  });
});

/** The author (byline) form. */
export const authorForm: TaxonomyForm<Author, AuthorInput> = {
  parse: (values, translator) =>
    parseWith(authorSchema(translator), values, (d) => ({ name: d.name, slug: slugOrFromName(d.slug, d.name), bio: d.bio, photoMediaId: d.photoMediaId })),
  values: (a) => ({ name: a.name, slug: a.slug, bio: a.bio, photoMediaId: idText(a.photoMediaId) }),
};

const locationSchema = perLanguage((t) => {
  const f = fieldsIn(t);
  return z.object({
    city: f.requiredText(100, 'city'),
    country: f.requiredText(100, 'country'),
    timeZone: textField()
      .trim()
      .min(1, t('taxonomy.error.timeZoneRequired'))
      .refine((zone) => isValidTimeZone(zone), { message: t('taxonomy.error.timeZone') }),
  });
});

/** The location form. */
export const locationForm: TaxonomyForm<Location, LocationInput> = {
  parse: (values, translator) => parseWith(locationSchema(translator), values, (d) => ({ city: d.city, country: d.country, timeZone: d.timeZone })),
  values: (l) => ({ city: l.city, country: l.country, timeZone: l.timeZone }),
};
