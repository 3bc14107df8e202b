import { z } from 'zod';
import { rowNumberField } from '#src/lib/id-input.ts';
import { MAX_HREF_LENGTH } from '#src/lib/safe-href.ts';
import { multilineTextField, textField } from '#src/lib/text-input.ts';

/** Articles the Main Page's "Latest" block shows (under the top story). */
export const LATEST_BLOCK_SIZE = 8;
/** Articles a section's block on the Main Page shows. */
export const SECTION_BLOCK_SIZE = 4;
/** Stories pinned at most at the head of a section page. */
export const SECTION_PAGE_PINS = 3;
/** Longest breaking banner (characters): one line on a phone, two at most. */
export const MAX_BANNER_LENGTH = 200;
/** Longest note on a saved layout (characters). */
export const MAX_NOTE_LENGTH = 500;

const articleId = rowNumberField();
const sectionId = rowNumberField();

/** Pins of a block, in the order shown, without repeats. */
function pins(max: number) {
  return z
    .array(articleId)
    .max(max, `Pin at most ${max} stories here.`)
    .refine((ids) => new Set(ids).size === ids.length, 'A story is pinned twice here.');
}

/** A link a banner may lead to: an absolute http(s) address or a path on this site. */
const bannerUrl = textField()
  .trim()
  .max(MAX_HREF_LENGTH, `Use at most ${MAX_HREF_LENGTH} characters.`)
  .refine((url) => url === '' || /^https?:\/\/[^\s]+$/i.test(url) || /^\/(?!\/)[^\s]*$/.test(url), 'Give an address starting with https:// or a path on this site starting with /.');

/** A "breaking" banner at the head of the Main Page until `endsAt`. */
export const bannerSchema = z.object({
  /** What it says (plain text). */
  text: textField().trim().min(1, 'Give the banner’s text.').max(MAX_BANNER_LENGTH, `Use at most ${MAX_BANNER_LENGTH} characters.`),
  /** Where it leads; empty for no link. */
  url: bannerUrl.default(''),
  /** When it disappears by itself (ISO-8601 instant, in the future when saved). */
  endsAt: z.iso.datetime({ offset: true, message: 'Give the end as an ISO date and time, such as 2026-12-01T18:00:00Z.' }),
});
export type Banner = z.infer<typeof bannerSchema>;

/** A block of the Main Page: the latest stories, or a section's (with its subsections'). */
export const blockSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('latest'),
    /** Stories shown first, before the newest others. */
    pins: pins(LATEST_BLOCK_SIZE).default([]),
  }),
  z.object({
    kind: z.literal('section'),
    /** The section the block shows (with its subsections). */
    sectionId,
    /** Stories of that section shown first, before its newest others. */
    pins: pins(SECTION_BLOCK_SIZE).default([]),
  }),
]);
export type MainPageBlock = z.infer<typeof blockSchema>;

/** A section page's pinned stories (on its first page, above the list). */
export const sectionPinsSchema = z.object({
  sectionId,
  pins: pins(SECTION_PAGE_PINS),
});

/**
 * How a language's Main Page and section pages are arranged. Whatever is not chosen fills by
 * recency: no top story, the newest; a block shows its pins, then its newest other stories.
 */
export const layoutSchema = z.object({
  /** The story at the top, or null for the newest. */
  topStoryId: articleId.nullable().default(null),
  /** The breaking banner, or null. */
  banner: bannerSchema.nullable().default(null),
  /** The blocks under the top story, in order; a section not named has no block. */
  blocks: z
    .array(blockSchema)
    .max(100, 'Use at most 100 blocks.')
    .refine((blocks) => blocks.filter((b) => b.kind === 'latest').length <= 1, 'There can be one “Latest” block only.')
    .refine((blocks) => {
      const ids = blocks.flatMap((b) => (b.kind === 'section' ? [b.sectionId] : []));
      return new Set(ids).size === ids.length;
    }, 'A section has two blocks.'),
  /** Pinned stories of section pages; a section not named has none. */
  sectionPins: z
    .array(sectionPinsSchema)
    .max(500)
    .refine((list) => new Set(list.map((s) => s.sectionId)).size === list.length, 'A section’s pins are given twice.')
    .default([]),
});
export type MainPageLayout = z.infer<typeof layoutSchema>;
export type MainPageLayoutInput = z.input<typeof layoutSchema>;

/** Saving a layout as a new revision (a draft, or live at once with `publish`). */
export const saveLayoutSchema = z.object({
  layout: layoutSchema,
  /** What changed and why, for the history. */
  note: multilineTextField().trim().max(MAX_NOTE_LENGTH, `Use at most ${MAX_NOTE_LENGTH} characters.`).default(''),
  /**
   * The newest revision the editor started from (null: none yet). Another editor's save since
   * then is a 409: nobody overwrites a layout they have not seen.
   */
  baseRevisionId: rowNumberField().nullable(),
  /** Put it live at once. */
  publish: z.boolean().default(false),
});
export type SaveLayoutInput = z.input<typeof saveLayoutSchema>;
