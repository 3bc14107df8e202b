import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { coveredArticles, coversArticle, licenceStatus, sectionAncestry } from './licence-coverage.ts';

// news(1) ⊃ politics(2) ⊃ elections(3); sport(4)
const SECTIONS = [
  { id: 1, parentId: null },
  { id: 2, parentId: 1 },
  { id: 3, parentId: 2 },
  { id: 4, parentId: null },
];

describe('what a licence covers', () => {
  it('reads a section’s ancestry nearest first', () => {
    assert.deepEqual(sectionAncestry(SECTIONS, 3), [3, 2, 1]);
    assert.deepEqual(sectionAncestry(SECTIONS, 4), [4]);
  });

  it('covers every article, one article, or a section with the sections below it', () => {
    const inElections = { id: 10, ancestry: sectionAncestry(SECTIONS, 3) };
    const inSport = { id: 11, ancestry: sectionAncestry(SECTIONS, 4) };
    assert.equal(coversArticle({ scope: 'all', articleId: null, sectionId: null }, inSport), true);
    assert.equal(coversArticle({ scope: 'article', articleId: 10, sectionId: null }, inElections), true);
    assert.equal(coversArticle({ scope: 'article', articleId: 10, sectionId: null }, inSport), false);
    assert.equal(coversArticle({ scope: 'section', articleId: null, sectionId: 1 }, inElections), true);
    assert.equal(coversArticle({ scope: 'section', articleId: null, sectionId: 3 }, inElections), true);
    assert.equal(coversArticle({ scope: 'section', articleId: null, sectionId: 3 }, { id: 12, ancestry: sectionAncestry(SECTIONS, 2) }), false);
    assert.equal(coversArticle({ scope: 'section', articleId: null, sectionId: 1 }, inSport), false);
  });

  it('joins licences into one list of sections (expanded) and articles, or all', () => {
    const covered = coveredArticles(
      [
        { scope: 'section', articleId: null, sectionId: 2 },
        { scope: 'article', articleId: 11, sectionId: null },
      ],
      SECTIONS,
    );
    assert.deepEqual(covered, { all: false, sectionIds: [2, 3], articleIds: [11] });
    assert.deepEqual(coveredArticles([{ scope: 'article', articleId: 11, sectionId: null }, { scope: 'all', articleId: null, sectionId: null }], SECTIONS), { all: true });
  });

  it('is live from its start up to, not including, its expiry, unless revoked', () => {
    const licence = { startsAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-06-01T00:00:00.000Z', revokedAt: null };
    assert.equal(licenceStatus(licence, '2025-12-31T23:59:59.999Z'), 'not-started');
    assert.equal(licenceStatus(licence, '2026-01-01T00:00:00.000Z'), 'live');
    assert.equal(licenceStatus(licence, '2026-05-31T23:59:59.999Z'), 'live');
    assert.equal(licenceStatus(licence, '2026-06-01T00:00:00.000Z'), 'expired');
    assert.equal(licenceStatus({ ...licence, revokedAt: '2026-03-01T00:00:00.000Z' }, '2026-03-01T00:00:00.000Z'), 'revoked');
    assert.equal(licenceStatus({ ...licence, revokedAt: '2026-03-01T00:00:00.000Z' }, '2026-02-01T00:00:00.000Z'), 'live');
  });
});
