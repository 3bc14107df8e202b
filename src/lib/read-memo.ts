import type { DomainEvents, EventBus } from './events.ts';

/**
 * The events after which what a ReadMemo holds may have changed: the site settings, the sections
 * and their names in each language, the static pages of the menus and the logo image. The same
 * events drop every cached page that shows them (cache-invalidation.ts), and they reach every
 * process the same way (ADR 0014, 0027).
 */
const CHANGING_EVENTS: ReadonlyArray<keyof DomainEvents> = ['settings.updated', 'taxonomy.updated', 'page.published', 'page.updated', 'page.unpublished', 'media.updated', 'events.missed'];

/**
 * What every public page reads and almost never changes (settings, sections, menus, logo), kept in
 * memory by key so an uncached page does not read it again: seven of an article page's queries.
 * Dropped whole by the events that change it; `maxAgeMs` bounds how long a value lives if an event
 * is lost between processes, as the page cache's own age bound does. Values are shared between
 * requests: callers treat them as read-only.
 */
export class ReadMemo {
  /** Values by key, each the promise of its one load (concurrent first readers share it). */
  private readonly values = new Map<string, { value: Promise<unknown>; storedAt: number }>();

  constructor(
    private readonly maxAgeMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The value under `key`, loaded by `load` when absent, too old, or dropped since; a failed load is not kept. */
  read<T>(key: string, load: () => Promise<T>): Promise<T> {
    const held = this.values.get(key);
    if (held && this.now() - held.storedAt <= this.maxAgeMs) return held.value as Promise<T>;
    const value = load();
    const entry = { value, storedAt: this.now() };
    this.values.set(key, entry);
    value.catch(() => {
      if (this.values.get(key) === entry) this.values.delete(key);
    });
    return value;
  }

  /** Drops every value: a load under way now is not kept either (its entry goes with the rest). */
  clear(): void {
    this.values.clear();
  }
}

/** The memos of each event bus dropped by CHANGING_EVENTS, all by one listener per event. */
const droppedTogether = new WeakMap<EventBus, Set<{ clear(): void }>>();

/**
 * Has `memo` cleared by every event that changes what ReadMemos hold, for the life of the bus: for
 * any memo of values built from what they hold. Call once per memo, not per request.
 */
export function clearWithReadMemos(events: EventBus, memo: { clear(): void }): void {
  let memos = droppedTogether.get(events);
  if (!memos) {
    const created = new Set<{ clear(): void }>();
    for (const name of CHANGING_EVENTS) events.on(name, () => created.forEach((each) => each.clear()));
    droppedTogether.set(events, (memos = created));
  }
  memos.add(memo);
}

const memos = new WeakMap<EventBus, ReadMemo>();

/** The one memo of a process's event bus, subscribed to the events that change what it holds. */
export function readMemoFor(events: EventBus): ReadMemo {
  let memo = memos.get(events);
  if (!memo) {
    memo = new ReadMemo();
    clearWithReadMemos(events, memo);
    memos.set(events, memo);
  }
  return memo;
}

/**
 * The storage of memos that load many keys at once (BatchMemo, StampedMemo): values by key, all
 * dropped when older than `maxAgeMs`, when keeping more would pass `maxEntries` (a cold archive's
 * keys are not worth an eviction order), or by clear(); a load begun before a clear is not kept.
 */
export abstract class MemoStore<K, V> {
  protected values = new Map<K, V>();
  private storedAt: number;
  /** Bumped by clear(): a load begun before it is not kept. */
  private generation = 0;

  constructor(
    protected readonly maxEntries: number,
    private readonly maxAgeMs: number,
    private readonly now: () => number,
  ) {
    this.storedAt = now();
  }

  /** Starts a read: drops everything when too old; answers the generation its load must still see to be kept. */
  protected beginRead(): number {
    if (this.now() - this.storedAt > this.maxAgeMs) this.clear();
    return this.generation;
  }

  /** Whether what a load begun at `generation` made may be kept, making room for `count` more values. */
  protected mayKeep(generation: number, count: number): boolean {
    const keep = generation === this.generation && this.maxEntries > 0;
    if (keep && this.values.size + count > this.maxEntries) this.clear();
    return keep;
  }

  /** Drops every value; a load under way is not kept either. */
  clear(): void {
    this.values = new Map();
    this.storedAt = this.now();
    this.generation++;
  }
}

/**
 * Values by key that many requests read a few of at a time (the names of a list page's tags, its
 * lead images), kept in memory like a ReadMemo's: the keys one call misses are loaded together, in
 * one load, and everything is dropped by the same events (see `batchMemoFor`) or when older than
 * `maxAgeMs`. At most `maxEntries` are held; past that the memo starts again empty (a cold
 * archive's keys are not worth an eviction order). Values are shared: callers treat them as read-only.
 */
export class BatchMemo<K, V> extends MemoStore<K, V> {
  constructor(
    private readonly load: (keys: K[]) => Promise<Map<K, V>>,
    maxEntries = 50_000,
    maxAgeMs = 60_000,
    now: () => number = Date.now,
  ) {
    super(maxEntries, maxAgeMs, now);
  }

  /** The values of `keys` that exist (absent keys are left out), the missing ones loaded in one call. */
  async read(keys: Iterable<K>): Promise<Map<K, V>> {
    const generation = this.beginRead();
    const found = new Map<K, V>();
    const missing: K[] = [];
    for (const key of keys) {
      const value = this.values.get(key);
      if (value !== undefined) found.set(key, value);
      else if (!found.has(key) && !missing.includes(key)) missing.push(key);
    }
    if (missing.length === 0) return found;
    const loaded = await this.load(missing);
    const keep = this.mayKeep(generation, loaded.size);
    for (const [key, value] of loaded) {
      found.set(key, value);
      if (keep) this.values.set(key, value);
    }
    return found;
  }
}

/**
 * A BatchMemo dropped by the events that change what ReadMemos hold, holding at most `maxEntries`;
 * without an event bus (a script), one that keeps nothing. Each call makes (and subscribes) a memo
 * for the life of the bus: call it once per bus, not per request.
 */
export function batchMemoFor<K, V>(events: EventBus | undefined, load: (keys: K[]) => Promise<Map<K, V>>, maxEntries?: number): BatchMemo<K, V> {
  if (!events) return new BatchMemo(load, 0);
  const memo = new BatchMemo(load, maxEntries);
  clearWithReadMemos(events, memo);
  return memo;
}
