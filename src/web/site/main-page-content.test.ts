import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleCardRecord } from '#src/domain/articles/published-articles.ts';
import { fillBlock } from './main-page-content.ts';

const card = (id: number) => ({ id }) as ArticleCardRecord;
const ids = (cards: ArticleCardRecord[]) => cards.map((c) => c.id);

describe('a Main Page block', () => {
  it('shows its pins first, then the newest others, never one twice, never more than its size', () => {
    assert.deepEqual(ids(fillBlock([card(9), card(3)], [card(1), card(3), card(2), card(4)], 4)), [9, 3, 1, 2]);
  });

  it('leaves out what is shown above it (the top story), pinned or not', () => {
    assert.deepEqual(ids(fillBlock([card(5), card(6)], [card(1), card(2), card(5)], 3, new Set([5, 1]))), [6, 2]);
  });
});
