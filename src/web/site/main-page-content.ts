import type { ArticleCardRecord, PublishedArticles } from '#src/domain/articles/published-articles.ts';
import { LATEST_BLOCK_SIZE, SECTION_BLOCK_SIZE, type Banner, type MainPageLayout } from '#src/domain/curation/curation-schema.ts';
import { activeBanner, defaultLayout } from '#src/domain/curation/main-page-layout.ts';
import type { Section } from '#src/domain/sections/section-repository.ts';
import { sectionAndDescendants } from '#src/domain/sections/section-tree.ts';

/** One block of the Main Page as readers get it: "Latest", or a section's. */
export type MainPageBlockContent = { kind: 'latest'; records: ArticleCardRecord[] } | { kind: 'section'; section: Section; records: ArticleCardRecord[] };

/** What a language's Main Page shows at a moment: the banner, the top story and the blocks in order. */
export type MainPageContent = { banner: Banner | null; top: ArticleCardRecord | null; blocks: MainPageBlockContent[] };

/** A block's stories: its pins that readers still see, then the newest others, `size` in all, none shown twice. */
export function fillBlock(pinned: readonly ArticleCardRecord[], newest: readonly ArticleCardRecord[], size: number, leaveOut: ReadonlySet<number> = new Set()): ArticleCardRecord[] {
  const chosen = pinned.filter((c) => !leaveOut.has(c.id)).slice(0, size);
  const taken = new Set([...leaveOut, ...chosen.map((c) => c.id)]);
  return [...chosen, ...newest.filter((c) => !taken.has(c.id))].slice(0, size);
}

/**
 * The Main Page of `language` under `layout` (null: the default one, by recency): pinned stories
 * that readers no longer see drop out and the block fills by recency instead; a block of a section
 * deleted since is left out; the banner shows until its end.
 */
export async function mainPageContent(published: PublishedArticles, language: string, sections: readonly Section[], layout: MainPageLayout | null, now: string): Promise<MainPageContent> {
  const chosen = layout ?? defaultLayout(sections.filter((s) => s.parentId === null).map((s) => s.id));
  const sectionById = new Map(sections.map((s) => [s.id, s]));
  const blocks = chosen.blocks.filter((b) => b.kind === 'latest' || sectionById.has(b.sectionId));
  const latestPins = blocks.find((b) => b.kind === 'latest')?.pins ?? [];
  const topPin = chosen.topStoryId !== null ? await published.cardsInOrder(language, [chosen.topStoryId]) : [];
  // Enough of the newest to fill "Latest" after its pins and the top story are left out of it, and
  // of each section block's, in one query.
  const sectionBlocks = blocks.flatMap((b) => (b.kind === 'section' ? [b] : []));
  const [[newest, ...ofSections], pins] = await Promise.all([
    published.lists([
      { filter: { language }, limit: LATEST_BLOCK_SIZE + latestPins.length + 1, offset: 0 },
      ...sectionBlocks.map((b) => ({ filter: { language, sectionIds: sectionAndDescendants(sections, b.sectionId) }, limit: SECTION_BLOCK_SIZE + b.pins.length, offset: 0 })),
    ]),
    Promise.all(blocks.map((b) => published.cardsInOrder(language, b.pins))),
  ]);
  const perBlock = blocks.map((b, i) => ({ pinned: pins[i]!, newest: b.kind === 'latest' ? [] : ofSections[sectionBlocks.indexOf(b)]! }));
  const top = topPin[0] ?? newest![0] ?? null;
  const withoutTop = new Set(top ? [top.id] : []);
  return {
    banner: activeBanner(chosen.banner, now),
    top,
    blocks: blocks.map((b, i): MainPageBlockContent => {
      const { pinned, newest: ofSection } = perBlock[i]!;
      if (b.kind === 'latest') return { kind: 'latest', records: fillBlock(pinned, newest!, LATEST_BLOCK_SIZE, withoutTop) };
      return { kind: 'section', section: sectionById.get(b.sectionId)!, records: fillBlock(pinned, ofSection, SECTION_BLOCK_SIZE) };
    }),
  };
}
