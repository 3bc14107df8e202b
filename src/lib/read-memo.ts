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

/** Calls `drop` after every event that drops the read memos: for a memo of values built from what they hold. */
export function onReadMemoChange(events: EventBus, drop: () => void): void {
  for (const name of CHANGING_EVENTS) events.on(name, drop);
}

const memos = new WeakMap<EventBus, ReadMemo>();

/** The one memo of a process's event bus, subscribed to the events that change what it holds. */
export function readMemoFor(events: EventBus): ReadMemo {
  let memo = memos.get(events);
  if (!memo) {
    const created = new ReadMemo();
    for (const name of CHANGING_EVENTS) events.on(name, () => created.clear());
    memos.set(events, (memo = created));
  }
  return memo;
}

/**
 * Values by key that many requests read a few of at a time (the names of a list page's tags, its
 * lead images), kept in memory like a ReadMemo's: the keys one call misses are loaded together, in
 * one load, and everything is dropped by the same events (see `batchMemoFor`) or when older than
 * `maxAgeMs`. At most `maxEntries` are held; past that the memo starts again empty (a cold
 * archive's keys are not worth an eviction order). Values are shared: callers treat them as read-only.
 */
export class BatchMemo<K, V> {
  private values = new Map<K, V>();
  private storedAt: number;
  /** Bumped by clear(): a load begun before it is not kept. */
  private generation = 0;

  constructor(
    private readonly load: (keys: K[]) => Promise<Map<K, V>>,
    private readonly maxEntries = 50_000,
    private readonly maxAgeMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {
    this.storedAt = now();
  }

  /** The values of `keys` that exist (absent keys are left out), the missing ones loaded in one call. */
  async read(keys: Iterable<K>): Promise<Map<K, V>> {
    if (this.now() - this.storedAt > this.maxAgeMs) this.clear();
    const found = new Map<K, V>();
    const missing: K[] = [];
    for (const key of keys) {
      const value = this.values.get(key);
      if (value !== undefined) found.set(key, value);
      else if (!found.has(key) && !missing.includes(key)) missing.push(key);
    }
    if (missing.length === 0) return found;
    const generation = this.generation;
    const loaded = await this.load(missing);
    const keep = generation === this.generation && this.maxEntries > 0;
    if (keep && this.values.size + loaded.size > this.maxEntries) this.clear();
    for (const [key, value] of loaded) {
      found.set(key, value);
      if (keep) this.values.set(key, value);
    }
    return found;
  }

  /** Drops every value; a load under way is not kept either. */
  clear(): void {
    this.values = new Map();
    this.storedAt = this.now();
    this.generation++;
  }
}

/** The BatchMemos of each event bus, all dropped by one listener per event. */
const batchMemos = new WeakMap<EventBus, Set<BatchMemo<unknown, unknown>>>();

/**
 * A BatchMemo dropped by the events that change what ReadMemos hold, holding at most `maxEntries`;
 * without an event bus (a script), one that keeps nothing. Each call makes (and subscribes) a memo
 * for the life of the bus: call it once per bus, not per request.
 */
export function batchMemoFor<K, V>(events: EventBus | undefined, load: (keys: K[]) => Promise<Map<K, V>>, maxEntries?: number): BatchMemo<K, V> {
  if (!events) return new BatchMemo(load, 0);
  let memos = batchMemos.get(events);
  if (!memos) {
    const created = new Set<BatchMemo<unknown, unknown>>();
    for (const name of CHANGING_EVENTS) events.on(name, () => created.forEach((memo) => memo.clear()));
    batchMemos.set(events, (memos = created));
  }
  const memo = new BatchMemo(load, maxEntries);
  memos.add(memo as BatchMemo<unknown, unknown>);
  return memo;
}
