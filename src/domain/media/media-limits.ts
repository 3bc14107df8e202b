/** Longest caption, credit and alt text accepted (characters); zod-free, so the newsroom's bundle can read it. */
export const MEDIA_TEXT_LIMITS = { caption: 1000, credit: 300, altText: 500 } as const;
