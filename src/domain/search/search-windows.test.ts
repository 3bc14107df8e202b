import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rowTestsCostLess } from './search-repository.ts';

describe('rowTestsCostLess (PostgreSQL search windows)', () => {
  it('tests a small next window row by row when the first was nearly full of matches', () => {
    // 902 matches in the newest 4,000 ids of 100,000: the GIN index holds ~22,500; the next window has 8,000 ids.
    assert.equal(rowTestsCostLess(8000, 902, 4000, 100_000), true);
  });

  it('asks the GIN index when the word is rare in the window, or nothing told its density', () => {
    // 101 matches in 4,000 ids: ~2,500 in the index, against a next window of ~60,000 ids.
    assert.equal(rowTestsCostLess(59_406, 101, 4000, 100_000), false);
    assert.equal(rowTestsCostLess(100_000, 0, 4000, 100_000), false);
    assert.equal(rowTestsCostLess(32_000, null, 4000, 100_000), false);
  });
});
