import type { MainPageLayout, MainPageLayoutInput } from '#src/domain/curation/curation-schema.ts';
import { sectionPagePins } from '#src/domain/curation/main-page-layout.ts';
import { Invalid } from '#src/lib/errors.ts';
import { utcToZonedLocal, zonedLocalToUtc } from './client/zoned-time.ts';
import type { FormValues } from './views/form-field.tsx';

/** Pickers per block and per section page: enough for a desk's day; more through the API. */
export const PIN_SLOTS = 3;

/** A row of the blocks table: "Latest" or a section, by its key in field names. */
export type BlockRow = { key: string; sectionId: number | null };

/** The rows of the blocks table: "Latest", then every section in the order given (tree order). */
export function blockRows(sectionIds: readonly number[]): BlockRow[] {
  return [{ key: 'latest', sectionId: null }, ...sectionIds.map((id) => ({ key: String(id), sectionId: id }))];
}

/** Field names of the form, one place for the page, the parser and the tests. */
export const fields = {
  top: 'top',
  bannerText: 'bannerText',
  bannerUrl: 'bannerUrl',
  bannerEnds: 'bannerEnds',
  note: 'note',
  show: (key: string) => `show-${key}`,
  position: (key: string) => `position-${key}`,
  pin: (key: string, slot: number) => `pin-${key}-${slot}`,
  sectionPin: (sectionId: number, slot: number) => `spin-${sectionId}-${slot}`,
};

/** A layout as the form shows it (times in the site's zone). */
export function layoutFormValues(layout: MainPageLayout, rows: readonly BlockRow[], timeZone: string): FormValues {
  const values: FormValues = { [fields.top]: layout.topStoryId !== null ? String(layout.topStoryId) : '' };
  if (layout.banner) {
    values[fields.bannerText] = layout.banner.text;
    values[fields.bannerUrl] = layout.banner.url;
    values[fields.bannerEnds] = utcToZonedLocal(layout.banner.endsAt, timeZone);
  }
  const shown = layout.blocks.length;
  rows.forEach((row, index) => {
    const at = layout.blocks.findIndex((b) => (row.sectionId === null ? b.kind === 'latest' : b.kind === 'section' && b.sectionId === row.sectionId));
    values[fields.show(row.key)] = at >= 0 ? 'on' : '';
    values[fields.position(row.key)] = String(at >= 0 ? at + 1 : shown + index + 1);
    const pins = at >= 0 ? layout.blocks[at]!.pins : [];
    pins.slice(0, PIN_SLOTS).forEach((id, slot) => (values[fields.pin(row.key, slot)] = String(id)));
    if (row.sectionId !== null) sectionPagePins(layout, row.sectionId).slice(0, PIN_SLOTS).forEach((id, slot) => (values[fields.sectionPin(row.sectionId!, slot)] = String(id)));
  });
  return values;
}

/** A picked article id, or null for an empty picker; anything else is refused naming the field. */
function pickedId(values: FormValues, name: string): number | null {
  const value = (values[name] ?? '').trim();
  if (value === '') return null;
  if (!/^\d{1,10}$/.test(value)) throw new Invalid(name, 'Choose a story from the list.');
  return Number(value);
}

/** The non-empty pickers of a row, in slot order, with the field each came from. */
function pickedPins(values: FormValues, names: string[]): Array<{ id: number; field: string }> {
  return names.flatMap((field) => {
    const id = pickedId(values, field);
    return id === null ? [] : [{ id, field }];
  });
}

/**
 * The layout a posted form describes, and for each of its fields (a dotted path, as the service
 * names a refusal) the form field to show the refusal next to. Positions order the shown blocks
 * (ties keep the table's order); the banner is left out when its three fields are empty.
 */
export function layoutFromForm(values: FormValues, rows: readonly BlockRow[], timeZone: string): { layout: MainPageLayoutInput; fieldOf: Map<string, string> } {
  const fieldOf = new Map<string, string>([
    ['layout.topStoryId', fields.top],
    ['layout.banner.text', fields.bannerText],
    ['layout.banner.url', fields.bannerUrl],
    ['layout.banner.endsAt', fields.bannerEnds],
    ['note', fields.note],
  ]);
  const text = values[fields.bannerText] ?? '';
  const url = values[fields.bannerUrl] ?? '';
  const ends = (values[fields.bannerEnds] ?? '').trim();
  let banner: MainPageLayoutInput['banner'] = null;
  if (text.trim() !== '' || url.trim() !== '' || ends !== '') {
    const endsAt = zonedLocalToUtc(ends, timeZone);
    if (endsAt === null) throw new Invalid(fields.bannerEnds, 'Give the date and time the banner ends.');
    banner = { text, url, endsAt };
  }
  const shown = rows
    .map((row, index) => ({ row, index, position: (values[fields.position(row.key)] ?? '').trim() }))
    .filter(({ row }) => values[fields.show(row.key)] === 'on')
    .map((entry) => {
      if (!/^\d{1,3}$/.test(entry.position)) throw new Invalid(fields.position(entry.row.key), 'Give the block’s position as a number, 1 for the first.');
      return { ...entry, order: Number(entry.position) };
    })
    .sort((a, b) => a.order - b.order || a.index - b.index);
  const blocks = shown.map(({ row }, i) => {
    const pins = pickedPins(values, Array.from({ length: PIN_SLOTS }, (_, slot) => fields.pin(row.key, slot)));
    pins.forEach((pin, j) => fieldOf.set(`layout.blocks.${i}.pins.${j}`, pin.field));
    fieldOf.set(`layout.blocks.${i}.pins`, fields.pin(row.key, 0));
    fieldOf.set(`layout.blocks.${i}.sectionId`, fields.show(row.key));
    const ids = pins.map((p) => p.id);
    return row.sectionId === null ? { kind: 'latest' as const, pins: ids } : { kind: 'section' as const, sectionId: row.sectionId, pins: ids };
  });
  const sectionPins = rows
    .filter((row) => row.sectionId !== null)
    .map((row) => ({ sectionId: row.sectionId!, pins: pickedPins(values, Array.from({ length: PIN_SLOTS }, (_, slot) => fields.sectionPin(row.sectionId!, slot))) }))
    .filter((entry) => entry.pins.length > 0);
  sectionPins.forEach((entry, i) => {
    entry.pins.forEach((pin, j) => fieldOf.set(`layout.sectionPins.${i}.pins.${j}`, pin.field));
    fieldOf.set(`layout.sectionPins.${i}.pins`, entry.pins[0]!.field);
  });
  return {
    layout: { topStoryId: pickedId(values, fields.top), banner, blocks, sectionPins: sectionPins.map((e) => ({ sectionId: e.sectionId, pins: e.pins.map((p) => p.id) })) },
    fieldOf,
  };
}
