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
