import type { EventBus } from './events.ts';
import { clearWithReadMemos, MemoStore } from './read-memo.ts';

/**
 * What was made from a row (an article's presented JSON in a list), kept by the row's id beside the
 * row's stamp: a string naming everything the value was made from that can change without an event
 * (the row's own columns and version). A stamp that differs makes the value again, so a changed row
 * is never answered from memory. What the value also shows from the ReadMemos' data (names, images)
 * is covered the way those memos are: everything is dropped by the same events and after `maxAgeMs`.
 * At most `maxEntries` values are held; past that the memo starts again empty.
 */
export class StampedMemo<R extends { id: number }, V> extends MemoStore<number, { stamp: string; value: V }> {
  constructor(maxEntries: number, maxAgeMs = 60_000, now: () => number = Date.now) {
    super(maxEntries, maxAgeMs, now);
  }

  /**
   * The value of each row, in order: from memory where its stamp matches, the others made by `make`
   * in one call (given the rows it lacks, in order, answering their values in that order).
   */
  async read(rows: readonly R[], stampOf: (row: R) => string, make: (missing: R[]) => Promise<V[]>): Promise<V[]> {
    const generation = this.beginRead();
    const values = new Array<V>(rows.length);
    const stamps = rows.map(stampOf);
    const missing: number[] = [];
    rows.forEach((row, index) => {
      const held = this.values.get(row.id);
      if (held !== undefined && held.stamp === stamps[index]) values[index] = held.value;
      else missing.push(index);
    });
    if (missing.length === 0) return values;
    const made = await make(missing.map((index) => rows[index]!));
    const keep = this.mayKeep(generation, missing.length);
    missing.forEach((index, position) => {
      values[index] = made[position]!;
      if (keep) this.values.set(rows[index]!.id, { stamp: stamps[index]!, value: made[position]! });
    });
    return values;
  }
}

/** A StampedMemo dropped by the events that drop the ReadMemos; without an event bus (a script), one that keeps nothing. Call once per bus. */
export function stampedMemoFor<R extends { id: number }, V>(events: EventBus | undefined, maxEntries: number): StampedMemo<R, V> {
  if (!events) return new StampedMemo<R, V>(0);
  const memo = new StampedMemo<R, V>(maxEntries);
  clearWithReadMemos(events, memo);
  return memo;
}
