import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BatchMemo } from './read-memo.ts';

/** A memo of squares that records which keys each load was asked for. */
function squares(maxEntries?: number, now?: () => number) {
  const loads: number[][] = [];
  const memo = new BatchMemo<number, number>(
    async (keys) => {
      loads.push(keys);
      return new Map(keys.filter((key) => key > 0).map((key) => [key, key * key]));
    },
    maxEntries,
    60_000,
    now,
  );
  return { memo, loads };
}

describe('BatchMemo', () => {
  it('loads only the keys it misses, together in one load, and leaves out keys that do not exist', async () => {
    const { memo, loads } = squares();
    assert.deepEqual([...(await memo.read([2, 3, 2, -1]))], [[2, 4], [3, 9]]);
    assert.deepEqual([...(await memo.read([3, 4]))].sort(), [[3, 9], [4, 16]]);
    assert.deepEqual(loads, [[2, 3, -1], [4]]);
  });

  it('loads everything again after clear, and does not keep a load that was under way when it cleared', async () => {
    const { memo, loads } = squares();
    const reading = memo.read([5]);
    memo.clear();
    assert.equal((await reading).get(5), 25, 'the caller still gets its answer');
    await memo.read([5]);
    assert.deepEqual(loads, [[5], [5]]);
  });

  it('starts again empty when it would hold more than its limit, or when older than its age', async () => {
    let time = 0;
    const { memo, loads } = squares(2, () => time);
    await memo.read([1, 2]);
    await memo.read([3]);
    await memo.read([3]);
    await memo.read([1]);
    time = 60_001;
    await memo.read([1]);
    assert.deepEqual(loads, [[1, 2], [3], [1], [1]]);
  });
});
