import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventBus } from './events.ts';
import { StampedMemo, stampedMemoFor } from './stamped-memo.ts';

type Row = { id: number; title: string };

/** A memo of rows' upper-cased titles, stamped by the title, that records which rows each call made. */
function titles(memo: StampedMemo<Row, string>) {
  const made: number[][] = [];
  const read = (rows: Row[]) =>
    memo.read(
      rows,
      (row) => row.title,
      async (missing) => {
        made.push(missing.map((row) => row.id));
        return missing.map((row) => row.title.toUpperCase());
      },
    );
  return { read, made };
}

describe('StampedMemo', () => {
  it('answers each row in order, making only the rows it lacks or whose stamp changed, together in one call', async () => {
    const { read, made } = titles(new StampedMemo<Row, string>(100));
    assert.deepEqual(await read([{ id: 1, title: 'a' }, { id: 2, title: 'b' }]), ['A', 'B']);
    assert.deepEqual(await read([{ id: 3, title: 'c' }, { id: 1, title: 'a' }, { id: 2, title: 'b2' }]), ['C', 'A', 'B2']);
    assert.deepEqual(await read([{ id: 2, title: 'b2' }, { id: 1, title: 'a' }]), ['B2', 'A']);
    assert.deepEqual(made, [[1, 2], [3, 2]]);
  });

  it('makes everything again after clear, does not keep what was being made when it cleared, and starts again empty when full', async () => {
    const memo = new StampedMemo<Row, string>(2);
    const { read, made } = titles(memo);
    await read([{ id: 1, title: 'a' }]);
    memo.clear();
    await read([{ id: 1, title: 'a' }]);
    const reading = read([{ id: 2, title: 'b' }]);
    memo.clear();
    await reading;
    await read([{ id: 2, title: 'b' }, { id: 1, title: 'a' }]);
    await read([{ id: 3, title: 'c' }]);
    await read([{ id: 3, title: 'c' }, { id: 1, title: 'a' }]);
    assert.deepEqual(made, [[1], [1], [2], [2, 1], [3], [1]]);
  });

  it('keeps a value no longer than its age bound', async () => {
    let now = 0;
    const { read, made } = titles(new StampedMemo<Row, string>(100, 60_000, () => now));
    await read([{ id: 1, title: 'a' }]);
    now = 60_001;
    await read([{ id: 1, title: 'a' }]);
    assert.deepEqual(made, [[1], [1]]);
  });

  it('is dropped by the events that drop the read memos, and keeps nothing without an event bus', async () => {
    const events = new EventBus();
    const { read, made } = titles(stampedMemoFor<Row, string>(events, 100));
    await read([{ id: 1, title: 'a' }]);
    events.emit('taxonomy.updated');
    await read([{ id: 1, title: 'a' }]);
    const script = titles(stampedMemoFor<Row, string>(undefined, 100));
    await script.read([{ id: 1, title: 'a' }]);
    await script.read([{ id: 1, title: 'a' }]);
    assert.deepEqual([made, script.made], [[[1], [1]], [[1], [1]]]);
  });
});
