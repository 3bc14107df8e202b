import type { EventBus } from './events.ts';
import { onReadMemoChange } from './read-memo.ts';

/**
 * What was made from a row (an article's presented JSON in a list), kept by the row's id beside the
 * row's stamp: a string naming everything the value was made from that can change without an event
 * (the row's own columns and version). A stamp that differs makes the value again, so a changed row
 * is never answered from memory. What the value also shows from the ReadMemos' data (names, images)
 * is covered the way those memos are: everything is dropped by the same events and after `maxAgeMs`.
 * At most `maxEntries` values are held; past that the memo starts again empty.
 */
export class StampedMemo<R extends { id: number }, V> {
  private values = new Map<number, { stamp: string; value: V }>();
  private storedAt: number;
  /** Bumped by clear(): values made from data read before it are not kept. */
  private generation = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxAgeMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {
    this.storedAt = now();
  }

  /**
   * The value of each row, in order: from memory where its stamp matches, the others made by `make`
   * in one call (given the rows it lacks, in order, answering their values in that order).
   */
  async read(rows: readonly R[], stampOf: (row: R) => string, make: (missing: R[]) => Promise<V[]>): Promise<V[]> {
    if (this.now() - this.storedAt > this.maxAgeMs) this.clear();
    const values = new Array<V>(rows.length);
    const stamps = rows.map(stampOf);
    const missing: number[] = [];
    rows.forEach((row, index) => {
      const held = this.values.get(row.id);
      if (held !== undefined && held.stamp === stamps[index]) values[index] = held.value;
      else missing.push(index);
    });
    if (missing.length === 0) return values;
    const generation = this.generation;
    const made = await make(missing.map((index) => rows[index]!));
    const keep = generation === this.generation && this.maxEntries > 0;
    if (keep && this.values.size + missing.length > this.maxEntries) this.clear();
    missing.forEach((index, position) => {
      values[index] = made[position]!;
      if (keep) this.values.set(rows[index]!.id, { stamp: stamps[index]!, value: made[position]! });
    });
    return values;
  }

  /** Drops every value; values being made now are not kept either. */
  clear(): void {
    this.values = new Map();
    this.storedAt = this.now();
    this.generation++;
  }
}

/** A StampedMemo dropped by the events that drop the ReadMemos; without an event bus (a script), one that keeps nothing. Call once per bus. */
export function stampedMemoFor<R extends { id: number }, V>(events: EventBus | undefined, maxEntries: number): StampedMemo<R, V> {
  if (!events) return new StampedMemo<R, V>(0);
  const memo = new StampedMemo<R, V>(maxEntries);
  onReadMemoChange(events, () => memo.clear());
  return memo;
}
