import { z } from 'zod';
import type { VNode } from 'preact';
import type { Db } from '#src/db/database.ts';
import { createAuthor, findAuthorById, listAuthors, updateAuthor } from '#src/domain/people/author-repository.ts';
import { createLocation, findLocationById, listLocations, updateLocation } from '#src/domain/locations/location-repository.ts';
import { createSection, findSectionById, listSections, updateSection, type Section } from '#src/domain/sections/section-repository.ts';
import { createTag, findTagById, listTags, updateTag } from '#src/domain/tags/tag-repository.ts';
import { isValidTimeZone } from '#src/lib/dateline.ts';
import { slugify } from '#src/lib/slug.ts';
import { Field, fieldId, invalidAttrs, zodFieldErrors, type FieldErrors, type FormValues } from './views/form-field.tsx';

/** One kind of taxonomy the newsroom manages: how to list, read, validate, write and draw it. */
export type TaxonomyKind = {
  /** URL segment under /newsroom and navigation key. */
  key: 'sections' | 'tags' | 'authors' | 'locations';
  /** Audit subject type and singular noun. */
  subject: string;
  title: string;
  /** A sentence under the title. */
  intro: string;
  list(db: Db): Promise<Array<{ id: number }>>;
  /** The item's form values, or undefined when it does not exist. */
  values(db: Db, id: number): Promise<FormValues | undefined>;
  /** Validates the form; answers the repository input or messages by field. */
  parse(values: FormValues): { input: Record<string, unknown> } | { errors: FieldErrors };
  create(db: Db, input: Record<string, unknown>): Promise<number>;
  update(db: Db, id: number, input: Record<string, unknown>): Promise<boolean>;
  /** The table of existing items (each row links to its edit page). */
  Table(props: { items: Array<{ id: number }> }): VNode;
  /** The form fields; `sections` is every section, for the parent select. */
  Fields(props: { values: FormValues; errors: FieldErrors; sections: Section[]; selfId?: number }): VNode;
};

const text = (max: number, label: string) => z.string().trim().max(max, `${label} may have at most ${max} characters.`);
const requiredText = (max: number, label: string) => text(max, label).min(1, `${label} is required.`);
/** An optional slug: empty means "make it from the name". */
const optionalSlug = z.string().trim().toLowerCase().max(120, 'A slug may have at most 120 characters.');
const optionalId = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^\d*$/, `${label} must be a number (an id), or empty.`)
    .transform((value) => (value === '' ? null : Number(value)));

function slugOrFromName(slug: string, name: string): string {
  return slug || slugify(name);
}

function parseWith<T extends z.ZodObject>(schema: T, values: FormValues, toInput: (data: z.output<T>) => Record<string, unknown>) {
  // A field the browser left out counts as empty, so its own message ("… is required") shows.
  const blank = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, '']));
  const parsed = schema.safeParse({ ...blank, ...values });
  return parsed.success ? { input: toInput(parsed.data) } : { errors: zodFieldErrors(parsed.error) };
}

function TextField(props: { name: string; label: string; values: FormValues; errors: FieldErrors; hint?: string; required?: boolean; type?: string }) {
  return (
    <Field name={props.name} label={props.label} errors={props.errors} hint={props.hint}>
      <input
        id={fieldId(props.name)}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.values[props.name] ?? ''}
        required={props.required}
        {...invalidAttrs(props.name, props.errors)}
      />
    </Field>
  );
}

const SLUG_HINT = 'Lower-case letters, digits and hyphens; leave empty to make it from the name.';

/** Sections in tree order with their depth (children right after their parent). */
export function sectionTree(sections: Section[]): Array<{ section: Section; depth: number }> {
  const children = new Map<number | null, Section[]>();
  for (const section of sections) {
    const parent = section.parentId !== null && sections.some((s) => s.id === section.parentId) ? section.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), section]);
  }
  const out: Array<{ section: Section; depth: number }> = [];
  const walk = (parent: number | null, depth: number) => {
    for (const section of children.get(parent) ?? []) {
      out.push({ section, depth });
      if (depth < 20) walk(section.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

function indentClass(depth: number): string | undefined {
  return depth > 0 ? `nr-indent-${Math.min(depth, 3)}` : undefined;
}

const sectionSchema = z.object({
  name: requiredText(200, 'The name'),
  slug: optionalSlug,
  parentId: optionalId('The parent'),
  description: text(1000, 'The description'),
  position: z
    .string()
    .trim()
    .regex(/^-?\d{0,6}$/, 'The position must be a whole number (lower comes first).')
    .transform((value) => (value === '' ? 0 : Number(value))),
});

const sections: TaxonomyKind = {
  key: 'sections',
  subject: 'section',
  title: 'Sections',
  intro: 'Sections organise the site and its menus; a section may sit inside another.',
  list: (db) => listSections(db),
  async values(db, id) {
    const s = await findSectionById(db, id);
    return s && { name: s.name, slug: s.slug, parentId: s.parentId === null ? '' : String(s.parentId), description: s.description, position: String(s.position) };
  },
  parse: (values) =>
    parseWith(sectionSchema, values, (d) => ({ name: d.name, slug: slugOrFromName(d.slug, d.name), parentId: d.parentId, description: d.description, position: d.position })),
  create: (db, input) => createSection(db, input as Parameters<typeof createSection>[1]),
  update: (db, id, input) => updateSection(db, id, input),
  Table({ items }) {
    const rows = sectionTree(items as Section[]);
    return (
      <table class="nr-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Slug</th>
            <th scope="col" class="nr-num">Position</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ section, depth }) => (
            <tr key={section.id}>
              <td class={indentClass(depth)}>
                <a href={`/newsroom/sections/${section.id}`}>{section.name}</a>
              </td>
              <td>
                <code>/{section.slug}</code>
              </td>
              <td class="nr-num">{section.position}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  },
  Fields({ values, errors, sections: all, selfId }) {
    const options = sectionTree(all).filter(({ section }) => section.id !== selfId);
    return (
      <>
        <div class="nr-form-row">
          <TextField name="name" label="Name" values={values} errors={errors} required />
          <TextField name="slug" label="Slug" values={values} errors={errors} hint={SLUG_HINT} />
        </div>
        <div class="nr-form-row">
          <Field name="parentId" label="Parent section" errors={errors} hint="Leave at “None” for a top-level section.">
            <select id={fieldId('parentId')} name="parentId" {...invalidAttrs('parentId', errors)}>
              <option value="">None (top level)</option>
              {options.map(({ section, depth }) => (
                <option value={String(section.id)} selected={values.parentId === String(section.id)} key={section.id}>
                  {`${'— '.repeat(depth)}${section.name}`}
                </option>
              ))}
            </select>
          </Field>
          <TextField name="position" label="Position" values={values} errors={errors} type="number" hint="Menu order; lower comes first." />
        </div>
        <Field name="description" label="Description" errors={errors}>
          <textarea id={fieldId('description')} name="description" {...invalidAttrs('description', errors)}>
            {values.description ?? ''}
          </textarea>
        </Field>
      </>
    );
  },
};

const tagSchema = z.object({ name: requiredText(100, 'The name'), slug: optionalSlug });

const tags: TaxonomyKind = {
  key: 'tags',
  subject: 'tag',
  title: 'Tags',
  intro: 'Tags connect stories on one subject across sections.',
  list: (db) => listTags(db),
  async values(db, id) {
    const t = await findTagById(db, id);
    return t && { name: t.name, slug: t.slug };
  },
  parse: (values) => parseWith(tagSchema, values, (d) => ({ name: d.name, slug: slugOrFromName(d.slug, d.name) })),
  create: (db, input) => createTag(db, input as { name: string; slug: string }),
  update: (db, id, input) => updateTag(db, id, input),
  Table({ items }) {
    return (
      <table class="nr-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Slug</th>
          </tr>
        </thead>
        <tbody>
          {(items as Array<{ id: number; name: string; slug: string }>).map((tag) => (
            <tr key={tag.id}>
              <td>
                <a href={`/newsroom/tags/${tag.id}`}>{tag.name}</a>
              </td>
              <td>
                <code>{tag.slug}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  },
  Fields({ values, errors }) {
    return (
      <div class="nr-form-row">
        <TextField name="name" label="Name" values={values} errors={errors} required />
        <TextField name="slug" label="Slug" values={values} errors={errors} hint={SLUG_HINT} />
      </div>
    );
  },
};

const authorSchema = z.object({
  name: requiredText(200, 'The name'),
  slug: optionalSlug,
  bio: text(2000, 'The biography'),
  photoMediaId: optionalId('The photo'),
});

const authors: TaxonomyKind = {
  key: 'authors',
  subject: 'author',
  title: 'Authors',
  intro: 'Bylines shown on stories and on each author’s page.',
  list: (db) => listAuthors(db),
  async values(db, id) {
    const a = await findAuthorById(db, id);
    return a && { name: a.name, slug: a.slug, bio: a.bio, photoMediaId: a.photoMediaId === null ? '' : String(a.photoMediaId) };
  },
  parse: (values) =>
    parseWith(authorSchema, values, (d) => ({ name: d.name, slug: slugOrFromName(d.slug, d.name), bio: d.bio, photoMediaId: d.photoMediaId })),
  create: (db, input) => createAuthor(db, input as Parameters<typeof createAuthor>[1]),
  update: (db, id, input) => updateAuthor(db, id, input),
  Table({ items }) {
    return (
      <table class="nr-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Slug</th>
            <th scope="col">Photo</th>
          </tr>
        </thead>
        <tbody>
          {(items as Array<{ id: number; name: string; slug: string; photoMediaId: number | null }>).map((author) => (
            <tr key={author.id}>
              <td>
                <a href={`/newsroom/authors/${author.id}`}>{author.name}</a>
              </td>
              <td>
                <code>/author/{author.slug}</code>
              </td>
              <td>{author.photoMediaId === null ? <span class="nr-muted">none</span> : `media #${author.photoMediaId}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  },
  Fields({ values, errors }) {
    return (
      <>
        <div class="nr-form-row">
          <TextField name="name" label="Name" values={values} errors={errors} required />
          <TextField name="slug" label="Slug" values={values} errors={errors} hint={SLUG_HINT} />
          <TextField name="photoMediaId" label="Photo (media id)" values={values} errors={errors} hint="The id of an image in the media library; empty for none." />
        </div>
        <Field name="bio" label="Biography" errors={errors}>
          <textarea id={fieldId('bio')} name="bio" {...invalidAttrs('bio', errors)}>
            {values.bio ?? ''}
          </textarea>
        </Field>
      </>
    );
  },
};

const locationSchema = z.object({
  city: requiredText(100, 'The city'),
  country: requiredText(100, 'The country'),
  timeZone: z
    .string()
    .trim()
    .min(1, 'The time zone is required, e.g. Asia/Almaty.')
    .refine((zone) => isValidTimeZone(zone), { message: 'Use an IANA time zone name such as Asia/Almaty or Europe/Moscow.' }),
});

const locations: TaxonomyKind = {
  key: 'locations',
  subject: 'location',
  title: 'Locations',
  intro: 'Places stories are filed from; the time zone sets the dateline’s clock.',
  list: (db) => listLocations(db),
  async values(db, id) {
    const l = await findLocationById(db, id);
    return l && { city: l.city, country: l.country, timeZone: l.timeZone };
  },
  parse: (values) => parseWith(locationSchema, values, (d) => ({ city: d.city, country: d.country, timeZone: d.timeZone })),
  create: (db, input) => createLocation(db, input as Parameters<typeof createLocation>[1]),
  update: (db, id, input) => updateLocation(db, id, input),
  Table({ items }) {
    return (
      <table class="nr-table">
        <thead>
          <tr>
            <th scope="col">City</th>
            <th scope="col">Country</th>
            <th scope="col">Time zone</th>
          </tr>
        </thead>
        <tbody>
          {(items as Array<{ id: number; city: string; country: string; timeZone: string }>).map((location) => (
            <tr key={location.id}>
              <td>
                <a href={`/newsroom/locations/${location.id}`}>{location.city}</a>
              </td>
              <td>{location.country}</td>
              <td>
                <code>{location.timeZone}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  },
  Fields({ values, errors }) {
    return (
      <div class="nr-form-row">
        <TextField name="city" label="City" values={values} errors={errors} required />
        <TextField name="country" label="Country" values={values} errors={errors} required />
        <TextField name="timeZone" label="Time zone" values={values} errors={errors} required hint="IANA name, e.g. Asia/Almaty." />
      </div>
    );
  },
};

/** The four taxonomies, in navigation order. */
export const TAXONOMY_KINDS: readonly TaxonomyKind[] = [sections, tags, authors, locations];
