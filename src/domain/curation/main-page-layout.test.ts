import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MainPageLayout } from './curation-schema.ts';
import { activeBanner, articlesNamed, defaultLayout, sectionsTouched } from './main-page-layout.ts';

const layout = (sectionPins: MainPageLayout['sectionPins'], topStoryId: number | null = null): MainPageLayout => ({
  topStoryId,
  banner: null,
  blocks: [{ kind: 'latest', pins: [7] }],
  sectionPins,
});

describe('Main Page layouts', () => {
  it('without an editor’s layout: the newest on top, then Latest and a block per top-level section, in order', () => {
    assert.deepEqual(defaultLayout([3, 1]), {
      topStoryId: null,
      banner: null,
      blocks: [
        { kind: 'latest', pins: [] },
        { kind: 'section', sectionId: 3, pins: [] },
        { kind: 'section', sectionId: 1, pins: [] },
      ],
      sectionPins: [],
    });
  });

  it('names every pinned article once', () => {
    assert.deepEqual(articlesNamed(layout([{ sectionId: 2, pins: [7, 8] }], 9)), [9, 7, 8]);
  });

  it('touches only the sections whose page pins changed (added, removed, reordered)', () => {
    const before = layout([
      { sectionId: 1, pins: [10] },
      { sectionId: 2, pins: [20, 21] },
      { sectionId: 3, pins: [30] },
    ]);
    const after = layout(
      [
        { sectionId: 2, pins: [21, 20] },
        { sectionId: 3, pins: [30] },
        { sectionId: 4, pins: [40] },
      ],
      99,
    );
    assert.deepEqual(sectionsTouched(before, after), [1, 2, 4]);
    assert.deepEqual(sectionsTouched(null, after), [2, 3, 4]);
    assert.deepEqual(sectionsTouched(after, { ...after, topStoryId: 5 }), [], 'a Main Page change touches no section page');
  });

  it('shows a banner until its end, not at it', () => {
    const banner = { text: 'Roads closed', url: '', endsAt: '2026-12-01T18:00:00.000Z' };
    assert.equal(activeBanner(banner, '2026-12-01T17:59:59.999Z'), banner);
    assert.equal(activeBanner(banner, '2026-12-01T18:00:00.000Z'), null);
    assert.equal(activeBanner(null, '2026-12-01T17:00:00.000Z'), null);
  });
});
