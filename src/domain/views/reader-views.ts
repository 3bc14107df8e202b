import type { AppContext } from '#src/app-context.ts';
import { nowIso } from '#src/lib/clock.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import { addViews, findMostRead, pruneViews, type MostReadArticle } from './view-repository.ts';

export type { MostReadArticle };

/** How "Most read" is computed: over how many hours, and how many articles it shows. */
export type MostReadOptions = { windowHours: number; limit: number };

/**
 * Distinct (article, hour) pairs held between flushes. Views come from anonymous beacons, so a
 * flood of made-up ids must not grow memory without bound: past this, new pairs wait for the flush.
 */
const MAX_PENDING = 50_000;

/** The UTC hour of an instant as the table keys it: "2024-05-01T06". */
export function hourOf(instant: string): string {
  return instant.slice(0, 13);
}

/**
 * Readers' views: counted in memory on the request path (a Map increment), added to the database
 * in batches by flush(), and read back as "Most read" by refresh() on its own schedule, so a view
 * never writes and a cached page never waits for a count. Each process counts its own readers;
 * the table sums them.
 */
export function createReaderViews(context: Pick<AppContext, 'database'>, options: MostReadOptions, now: () => string = nowIso) {
  const db = context.database.db;
  let pending = new Map<string, number>();
  let mostRead = new Map<string, MostReadArticle[]>();

  return {
    /** Counts one view of an article now. */
    record(articleId: number): void {
      const key = `${articleId}|${hourOf(now())}`;
      const count = pending.get(key);
      if (count !== undefined) pending.set(key, count + 1);
      else if (pending.size < MAX_PENDING) pending.set(key, 1);
    },

    /** Adds the views counted since the last flush to the database. */
    async flush(): Promise<void> {
      if (pending.size === 0) return;
      const batch = pending;
      pending = new Map();
      const counts = [...batch].map(([key, views]) => {
        const [id, hour] = key.split('|') as [string, string];
        return { articleId: Number(id), hour, views };
      });
      await addViews(db, counts, now());
    },

    /** Reads the most read articles of each of the site's languages again; answers whether any list (its order or members) changed. */
    async refresh(): Promise<boolean> {
      const at = now();
      const since = hourOf(new Date(Date.parse(at) - options.windowHours * 3600_000).toISOString());
      const { languages } = await loadSettings(db);
      const next = new Map<string, MostReadArticle[]>();
      for (const language of languages) next.set(language, await findMostRead(db, language, since, options.limit, at));
      const same = (a: readonly MostReadArticle[] = [], b: readonly MostReadArticle[] = []) =>
        a.length === b.length && a.every((x, i) => x.id === b[i]!.id && x.title === b[i]!.title);
      const changed = next.size !== mostRead.size || [...next].some(([language, list]) => !same(list, mostRead.get(language)));
      mostRead = next;
      return changed;
    },

    /** The list in `language` as of the last refresh: pages read this, never the database. */
    mostRead(language: string): readonly MostReadArticle[] {
      return mostRead.get(language) ?? [];
    },

    /** Drops hourly counts older than the window. */
    async prune(): Promise<void> {
      await pruneViews(db, hourOf(new Date(Date.parse(now()) - (options.windowHours + 1) * 3600_000).toISOString()));
    },
  };
}

/** One process's view counting and "Most read" list. */
export type ReaderViews = ReturnType<typeof createReaderViews>;
