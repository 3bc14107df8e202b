import type { Author } from '#src/domain/people/author-repository.ts';
import type { Location } from '#src/domain/locations/location-repository.ts';
import type { Section } from '#src/domain/sections/section-repository.ts';
import { sectionsInTreeOrder } from '#src/domain/sections/section-tree.ts';
import type { Tag } from '#src/domain/tags/tag-repository.ts';
import { DataTable } from './data-table.tsx';
import { Field, fieldId, invalidAttrs, type FieldErrors, type FormValues } from './form-field.tsx';

/** The props of a taxonomy's form fields; `options` are every item of the kind (a section's parent select). */
export type TaxonomyFieldsProps<Item> = { values: FormValues; errors: FieldErrors; options: Item[]; selfId?: number };

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

function TextArea({ name, label, values, errors }: { name: string; label: string; values: FormValues; errors: FieldErrors }) {
  return (
    <Field name={name} label={label} errors={errors}>
      <textarea id={fieldId(name)} name={name} {...invalidAttrs(name, errors)}>
        {values[name] ?? ''}
      </textarea>
    </Field>
  );
}

const SLUG_HINT = 'Lower-case letters, digits and hyphens; leave empty to make it from the name.';

function NameAndSlug({ values, errors }: { values: FormValues; errors: FieldErrors }) {
  return (
    <>
      <TextField name="name" label="Name" values={values} errors={errors} required />
      <TextField name="slug" label="Slug" values={values} errors={errors} hint={SLUG_HINT} />
    </>
  );
}

function indentClass(depth: number): string | undefined {
  return depth > 0 ? `nr-indent-${Math.min(depth, 3)}` : undefined;
}

/** Sections in tree order, indented under their parents. */
export function SectionTable({ items }: { items: Section[] }) {
  const rows = sectionsInTreeOrder(items);
  return (
    <DataTable
      items={rows}
      rowKey={({ section }) => section.id}
      columns={[
        { header: 'Name', cell: ({ section }) => <a href={`/newsroom/sections/${section.id}`}>{section.name}</a>, cellClass: ({ depth }) => indentClass(depth) },
        { header: 'Slug', cell: ({ section }) => <code>/{section.slug}</code> },
        { header: 'Position', cell: ({ section }) => section.position, class: 'nr-num' },
      ]}
    />
  );
}

/** A section's fields; the parent select leaves out the section itself. */
export function SectionFields({ values, errors, options, selfId }: TaxonomyFieldsProps<Section>) {
  const parents = sectionsInTreeOrder(options).filter(({ section }) => section.id !== selfId);
  return (
    <>
      <div class="nr-form-row">
        <NameAndSlug values={values} errors={errors} />
      </div>
      <div class="nr-form-row">
        <Field name="parentId" label="Parent section" errors={errors} hint="Leave at “None” for a top-level section.">
          <select id={fieldId('parentId')} name="parentId" {...invalidAttrs('parentId', errors)}>
            <option value="">None (top level)</option>
            {parents.map(({ section, depth }) => (
              <option value={String(section.id)} selected={values.parentId === String(section.id)} key={section.id}>
                {`${'— '.repeat(depth)}${section.name}`}
              </option>
            ))}
          </select>
        </Field>
        <TextField name="position" label="Position" values={values} errors={errors} type="number" hint="Menu order; lower comes first." />
      </div>
      <TextArea name="description" label="Description" values={values} errors={errors} />
    </>
  );
}

/** Tags by name. */
export function TagTable({ items }: { items: Tag[] }) {
  return (
    <DataTable
      items={items}
      rowKey={(tag) => tag.id}
      columns={[
        { header: 'Name', cell: (tag) => <a href={`/newsroom/tags/${tag.id}`}>{tag.name}</a> },
        { header: 'Slug', cell: (tag) => <code>{tag.slug}</code> },
      ]}
    />
  );
}

/** A tag's fields. */
export function TagFields({ values, errors }: TaxonomyFieldsProps<Tag>) {
  return (
    <div class="nr-form-row">
      <NameAndSlug values={values} errors={errors} />
    </div>
  );
}

/** Authors by name, with their page and photo. */
export function AuthorTable({ items }: { items: Author[] }) {
  return (
    <DataTable
      items={items}
      rowKey={(author) => author.id}
      columns={[
        { header: 'Name', cell: (author) => <a href={`/newsroom/authors/${author.id}`}>{author.name}</a> },
        { header: 'Slug', cell: (author) => <code>/author/{author.slug}</code> },
        { header: 'Photo', cell: (author) => (author.photoMediaId === null ? <span class="nr-muted">none</span> : `media #${author.photoMediaId}`) },
      ]}
    />
  );
}

/** An author's fields. */
export function AuthorFields({ values, errors }: TaxonomyFieldsProps<Author>) {
  return (
    <>
      <div class="nr-form-row">
        <NameAndSlug values={values} errors={errors} />
        <TextField name="photoMediaId" label="Photo (media id)" values={values} errors={errors} hint="The id of an image in the media library; empty for none." />
      </div>
      <TextArea name="bio" label="Biography" values={values} errors={errors} />
    </>
  );
}

/** Locations by country and city, with their time zone. */
export function LocationTable({ items }: { items: Location[] }) {
  return (
    <DataTable
      items={items}
      rowKey={(location) => location.id}
      columns={[
        { header: 'City', cell: (location) => <a href={`/newsroom/locations/${location.id}`}>{location.city}</a> },
        { header: 'Country', cell: (location) => location.country },
        { header: 'Time zone', cell: (location) => <code>{location.timeZone}</code> },
      ]}
    />
  );
}

/** A location's fields. */
export function LocationFields({ values, errors }: TaxonomyFieldsProps<Location>) {
  return (
    <div class="nr-form-row">
      <TextField name="city" label="City" values={values} errors={errors} required />
      <TextField name="country" label="Country" values={values} errors={errors} required />
      <TextField name="timeZone" label="Time zone" values={values} errors={errors} required hint="IANA name, e.g. Asia/Almaty." />
    </div>
  );
}
