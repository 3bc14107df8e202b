import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sectionAndDescendants } from './section-tree.ts';

describe('sectionAndDescendants', () => {
  const sections = [
    { id: 1, parentId: null },
    { id: 2, parentId: 1 },
    { id: 3, parentId: 2 },
    { id: 4, parentId: null },
    { id: 5, parentId: 1 },
  ];

  it('answers the section and its subsections at every depth, and nothing of its siblings', () => {
    assert.deepEqual(sectionAndDescendants(sections, 1), [1, 2, 5, 3]);
    assert.deepEqual(sectionAndDescendants(sections, 2), [2, 3]);
    assert.deepEqual(sectionAndDescendants(sections, 4), [4]);
  });

  it('stops on a parent loop', () => {
    assert.deepEqual(sectionAndDescendants([{ id: 7, parentId: 8 }, { id: 8, parentId: 7 }], 7), [7, 8]);
  });
});
