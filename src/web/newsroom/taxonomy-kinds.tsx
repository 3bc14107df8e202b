import type { VNode } from 'preact';
import type { AppContext } from '#src/app-context.ts';
import { createLocationService } from '#src/domain/locations/location-service.ts';
import { createAuthorService } from '#src/domain/people/author-service.ts';
import { createSectionService } from '#src/domain/sections/section-service.ts';
import { createTagService } from '#src/domain/tags/tag-service.ts';
import type { TaxonomyService } from '#src/domain/taxonomy/taxonomy-service.ts';
import type { TermKind } from '#src/domain/taxonomy/term-translation-repository.ts';
import { authorForm, locationForm, sectionForm, tagForm, type TaxonomyForm } from './taxonomy-forms.ts';
import {
  AuthorFields,
  AuthorTable,
  LocationFields,
  LocationTable,
  SectionFields,
  SectionTable,
  TagFields,
  TagTable,
  type TaxonomyFieldsProps,
} from './views/taxonomy-views.tsx';

/** One kind of taxonomy the newsroom manages: its service, its form and its views (no SQL, no rules here). */
export type TaxonomyKind<Item extends { id: number }, Input extends Record<string, unknown>> = {
  /** URL segment under /newsroom and navigation key. */
  key: 'sections' | 'tags' | 'authors' | 'locations';
  /** The kind of its translations (its messages are under `taxonomy.<key>.` in the newsroom catalogue: title, intro, add …). */
  subject: TermKind;
  service(context: AppContext): TaxonomyService<Item, Input>;
  form: TaxonomyForm<Item, Input>;
  /** Whether the form needs every item of the kind (a section's parent select). */
  formNeedsAll: boolean;
  /** The table of existing items (each row links to its edit page). */
  Table(props: { items: Item[] }): VNode;
  Fields(props: TaxonomyFieldsProps<Item>): VNode;
};

/** Calls `visit` with each of the four taxonomies, in navigation order (each keeps its own item type). */
export function forEachTaxonomyKind(visit: <Item extends { id: number }, Input extends Record<string, unknown>>(kind: TaxonomyKind<Item, Input>) => void): void {
  visit({
    key: 'sections',
    subject: 'section',
    service: createSectionService,
    form: sectionForm,
    formNeedsAll: true,
    Table: SectionTable,
    Fields: SectionFields,
  });
  visit({
    key: 'tags',
    subject: 'tag',
    service: createTagService,
    form: tagForm,
    formNeedsAll: false,
    Table: TagTable,
    Fields: TagFields,
  });
  visit({
    key: 'authors',
    subject: 'author',
    service: createAuthorService,
    form: authorForm,
    formNeedsAll: false,
    Table: AuthorTable,
    Fields: AuthorFields,
  });
  visit({
    key: 'locations',
    subject: 'location',
    service: createLocationService,
    form: locationForm,
    formNeedsAll: false,
    Table: LocationTable,
    Fields: LocationFields,
  });
}
