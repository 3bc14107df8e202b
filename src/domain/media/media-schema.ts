import { z } from 'zod';
import { textField } from '#src/lib/text-input.ts';
import { MEDIA_TEXT_LIMITS } from './media-limits.ts';

export { MEDIA_TEXT_LIMITS };

// One line each: runs of spaces and line breaks become one space, ends trimmed.
const libraryText = (limit: number, name: string) =>
  textField()
    .overwrite((value) => value.replace(/\s+/g, ' ').trim())
    .max(limit, `Please keep the ${name} under ${limit} characters.`);

/** An image's library text; a field left out stays as it is. */
export const mediaTextSchema = z.object({
  /** Shown under the image wherever it is placed without a caption of its own. */
  caption: libraryText(MEDIA_TEXT_LIMITS.caption, 'caption').optional(),
  /** Who made the image (photographer, agency). */
  credit: libraryText(MEDIA_TEXT_LIMITS.credit, 'credit').optional(),
  /** Describes the image for people who cannot see it; required before publishing. */
  altText: libraryText(MEDIA_TEXT_LIMITS.altText, 'alt text').optional(),
});

/** An image's library text as the service takes it (already cleaned by mediaTextSchema). */
export type MediaText = z.infer<typeof mediaTextSchema>;

/** The library list query. */
export const mediaListQuerySchema = z.object({
  /** Text to find in the caption, credit, alt text or file name. */
  q: textField().max(200).optional(),
  /** 1-based page of MEDIA_PAGE_SIZE images. */
  page: z.coerce.number().int().min(1).max(100000).default(1),
});
