import type { ReuseMatch } from '#src/domain/rights/reuse-checker.ts';

/**
 * A finding's evidence: the passages the page reproduced, their words and ours side by side, as
 * the check that opened the finding saw them. It is stored with the finding (JSON text) and never
 * rewritten, so the desk can still show what was copied after the page is edited or taken down.
 */

/** Passages kept per finding; a page copying more than this is over any quota many times over. */
export const MAX_EVIDENCE_PASSAGES = 40;

/** Characters kept of one passage, each side. */
export const MAX_PASSAGE_CHARS = 4000;

/** What a finding keeps as evidence. */
export type FindingEvidence = {
  /** Words of the page's main text when it was checked. */
  pageWords: number;
  /** The reused passages: their words on the page and ours in the original, in the page's order. */
  passages: Array<{ theirs: string; ours: string }>;
};

/** The evidence of one match of a check of a page of `pageWords` words. */
export function evidenceOf(match: ReuseMatch, pageWords: number): FindingEvidence {
  const passages = [...match.passages]
    .sort((a, b) => a.page[0] - b.page[0])
    .slice(0, MAX_EVIDENCE_PASSAGES)
    .map((p) => ({ theirs: p.text.slice(0, MAX_PASSAGE_CHARS), ours: match.originalText.slice(p.original[0], p.original[1]).slice(0, MAX_PASSAGE_CHARS) }));
  return { pageWords, passages };
}

/** The evidence stored as text, read back; an unreadable document reads as no passages rather than failing the page. */
export function parseEvidence(text: string): FindingEvidence {
  try {
    const value = JSON.parse(text) as Partial<FindingEvidence>;
    const passages = Array.isArray(value.passages) ? value.passages.filter((p) => typeof p?.theirs === 'string' && typeof p?.ours === 'string') : [];
    return { pageWords: typeof value.pageWords === 'number' ? value.pageWords : 0, passages };
  } catch {
    return { pageWords: 0, passages: [] };
  }
}
