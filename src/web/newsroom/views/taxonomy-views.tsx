import type { Author } from '#src/domain/people/author-repository.ts';
import type { Location } from '#src/domain/locations/location-repository.ts';
import type { Section } from '#src/domain/sections/section-repository.ts';
import { sectionsInTreeOrder } from '#src/domain/sections/section-tree.ts';
import type { Tag } from '#src/domain/tags/tag-repository.ts';
import { DataTable } from './data-table.tsx';
import { Field, fieldId, invalidAttrs, type FieldErrors, type FormValues } from './form-field.tsx';
import { useNewsroomT } from './newsroom-i18n.ts';

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

function NameAndSlug({ values, errors }: { values: FormValues; errors: FieldErrors }) {
  const { t } = useNewsroomT();
  return (
    <>
      <TextField name="name" label={t('taxonomy.field.name')} values={values} errors={errors} required />
      <TextField name="slug" label={t('taxonomy.field.slug')} values={values} errors={errors} hint={t('taxonomy.field.slugHint')} />
    </>
  );
}

function indentClass(depth: number): string | undefined {
  return depth > 0 ? `nr-indent-${Math.min(depth, 3)}` : undefined;
}

/** Sections in tree order, indented under their parents. */
export function SectionTable({ items }: { items: Section[] }) {
  const { t } = useNewsroomT();
  const rows = sectionsInTreeOrder(items);
  return (
    <DataTable
      items={rows}
      rowKey={({ section }) => section.id}
      columns={[
        { header: t('taxonomy.field.name'), cell: ({ section }) => <a href={`/newsroom/sections/${section.id}`}>{section.name}</a>, cellClass: ({ depth }) => indentClass(depth) },
        { header: t('taxonomy.field.slug'), cell: ({ section }) => <code>/{section.slug}</code> },
        { header: t('taxonomy.field.position'), cell: ({ section }) => section.position, class: 'nr-num' },
      ]}
    />
  );
}

/** A section's fields; the parent select leaves out the section itself. */
export function SectionFields({ values, errors, options, selfId }: TaxonomyFieldsProps<Section>) {
  const { t } = useNewsroomT();
  const parents = sectionsInTreeOrder(options).filter(({ section }) => section.id !== selfId);
  return (
    <>
      <div class="nr-form-row">
        <NameAndSlug values={values} errors={errors} />
      </div>
      <div class="nr-form-row">
        <Field name="parentId" label={t('taxonomy.field.parent')} errors={errors} hint={t('taxonomy.field.parentHint')}>
          <select id={fieldId('parentId')} name="parentId" {...invalidAttrs('parentId', errors)}>
            <option value="">{t('taxonomy.field.parentNone')}</option>
            {parents.map(({ section, depth }) => (
              <option value={String(section.id)} selected={values.parentId === String(section.id)} key={section.id}>
                {`${'— '.repeat(depth)}${section.name}`}
              </option>
            ))}
          </select>
        </Field>
        <TextField name="position" label={t('taxonomy.field.position')} values={values} errors={errors} type="number" hint={t('taxonomy.field.positionHint')} />
      </div>
      <TextArea name="description" label={t('taxonomy.field.description')} values={values} errors={errors} />
    </>
  );
}

/** Tags by name. */
export function TagTable({ items }: { items: Tag[] }) {
  const { t } = useNewsroomT();
  return (
    <DataTable
      items={items}
      rowKey={(tag) => tag.id}
      columns={[
        { header: t('taxonomy.field.name'), cell: (tag) => <a href={`/newsroom/tags/${tag.id}`}>{tag.name}</a> },
        { header: t('taxonomy.field.slug'), cell: (tag) => <code>{tag.slug}</code> },
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
  const { t } = useNewsroomT();
  return (
    <DataTable
      items={items}
      rowKey={(author) => author.id}
      columns={[
        { header: t('taxonomy.field.name'), cell: (author) => <a href={`/newsroom/authors/${author.id}`}>{author.name}</a> },
        { header: t('taxonomy.field.slug'), cell: (author) => <code>/author/{author.slug}</code> },
        {
          header: t('taxonomy.field.photoColumn'),
          cell: (author) => (author.photoMediaId === null ? <span class="nr-muted">{t('taxonomy.photoNone')}</span> : t('taxonomy.photoMedia', { id: String(author.photoMediaId) })),
        },
      ]}
    />
  );
}

/** An author's fields. */
export function AuthorFields({ values, errors }: TaxonomyFieldsProps<Author>) {
  const { t } = useNewsroomT();
  return (
    <>
      <div class="nr-form-row">
        <NameAndSlug values={values} errors={errors} />
        <TextField name="photoMediaId" label={t('taxonomy.field.photo')} values={values} errors={errors} hint={t('taxonomy.field.photoHint')} />
      </div>
      <TextArea name="bio" label={t('taxonomy.field.biography')} values={values} errors={errors} />
    </>
  );
}

/** Locations by country and city, with their time zone. */
export function LocationTable({ items }: { items: Location[] }) {
  const { t } = useNewsroomT();
  return (
    <DataTable
      items={items}
      rowKey={(location) => location.id}
      columns={[
        { header: t('taxonomy.field.city'), cell: (location) => <a href={`/newsroom/locations/${location.id}`}>{location.city}</a> },
        { header: t('taxonomy.field.country'), cell: (location) => location.country },
        { header: t('taxonomy.field.timeZone'), cell: (location) => <code>{location.timeZone}</code> },
      ]}
    />
  );
}

/** A location's fields. */
export function LocationFields({ values, errors }: TaxonomyFieldsProps<Location>) {
  const { t } = useNewsroomT();
  return (
    <div class="nr-form-row">
      <TextField name="city" label={t('taxonomy.field.city')} values={values} errors={errors} required />
      <TextField name="country" label={t('taxonomy.field.country')} values={values} errors={errors} required />
      <TextField name="timeZone" label={t('taxonomy.field.timeZone')} values={values} errors={errors} required hint={t('taxonomy.field.timeZoneHint')} />
    </div>
  );
}
