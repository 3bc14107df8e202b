import type { Executor } from '#src/db/database.ts';
import { listLocations } from '#src/domain/locations/location-repository.ts';
import { listAuthors } from '#src/domain/people/author-repository.ts';
import { listSections } from '#src/domain/sections/section-repository.ts';
import { listTags } from '#src/domain/tags/tag-repository.ts';
import type { FieldDiff } from './article-revisions.ts';
import { placeLabel } from '#src/lib/dateline.ts';

/** The diff names sections, tags, authors and places by id; a reader wants their names. */
export async function nameReferences(db: Executor, diff: FieldDiff[]): Promise<FieldDiff[]> {
  if (!diff.some((f) => ['sectionId', 'tagIds', 'authorIds', 'locationId'].includes(f.field))) return diff;
  const [sections, tags, authors, locations] = await Promise.all([listSections(db), listTags(db), listAuthors(db), listLocations(db)]);
  const names: Record<string, Map<number, string>> = {
    sectionId: new Map(sections.map((x) => [x.id, x.name])),
    tagIds: new Map(tags.map((x) => [x.id, x.name])),
    authorIds: new Map(authors.map((x) => [x.id, x.name])),
    locationId: new Map(locations.map((x) => [x.id, placeLabel(x)])),
  };
  return diff.map((field) => {
    const byId = names[field.field];
    if (!byId || !field.ids) return field;
    const rename = (ids: number[]) => (ids.length === 0 ? '(none)' : ids.map((id) => byId.get(id) ?? `#${id}`).join(', '));
    const { before, after } = field.ids;
    return { ...field, changes: field.changes.map((c) => ({ ...c, value: rename(c.removed ? before : after) })) };
  });
}
