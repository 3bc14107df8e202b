import type { IslandMessages } from '#src/i18n/newsroom-translator.ts';

/** Longest caption, credit and alt text the server accepts (characters). */
export type MediaTextLimits = { caption: number; credit: number; altText: number };

/** What the media library page hands its island (server-rendered and in its JSON data block). */
export type MediaLibraryBoot = {
  /** The search the page was opened with (?q=). */
  q: string;
  /** MIME types the file input offers. */
  acceptedTypes: string[];
  /** Largest file accepted, in MB, and largest image, in megapixels: the hint names them. */
  maxMegabytes: number;
  maxMegapixels: number;
  limits: MediaTextLimits;
  /** Images on one page of the list the API answers (its pager counts pages with it). */
  pageSize: number;
  /** The island's messages in the user's newsroom language. */
  i18n: IslandMessages;
};
