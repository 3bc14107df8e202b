import type { Banner, MainPageLayout } from './curation-schema.ts';

/**
 * The layout of a language that no editor has arranged: today's Main Page by recency (the newest
 * story on top, "Latest", then a block per top-level section in their order), no banner, no pins.
 */
export function defaultLayout(topLevelSectionIds: readonly number[]): MainPageLayout {
  return {
    topStoryId: null,
    banner: null,
    blocks: [{ kind: 'latest', pins: [] }, ...topLevelSectionIds.map((sectionId) => ({ kind: 'section' as const, sectionId, pins: [] }))],
    sectionPins: [],
  };
}

/** Every article a layout names (top story, block pins, section page pins), once each. */
export function articlesNamed(layout: MainPageLayout): number[] {
  const ids = [
    ...(layout.topStoryId !== null ? [layout.topStoryId] : []),
    ...layout.blocks.flatMap((b) => b.pins),
    ...layout.sectionPins.flatMap((s) => s.pins),
  ];
  return [...new Set(ids)];
}

/** The pins of section `sectionId`'s page in a layout (none when it names none). */
export function sectionPagePins(layout: MainPageLayout | null, sectionId: number): number[] {
  return layout?.sectionPins.find((s) => s.sectionId === sectionId)?.pins ?? [];
}

/**
 * The sections whose pages look different under `after` than under `before`: those whose pins
 * changed. Only their pages are dropped from the cache when `after` goes live.
 */
export function sectionsTouched(before: MainPageLayout | null, after: MainPageLayout): number[] {
  const ids = new Set([...(before?.sectionPins ?? []), ...after.sectionPins].map((s) => s.sectionId));
  return [...ids].filter((id) => sectionPagePins(before, id).join(',') !== sectionPagePins(after, id).join(',')).sort((a, b) => a - b);
}

/** The banner readers see at `now`: the layout's while its end is ahead. */
export function activeBanner(banner: Banner | null, now: string): Banner | null {
  return banner && Date.parse(banner.endsAt) > Date.parse(now) ? banner : null;
}
