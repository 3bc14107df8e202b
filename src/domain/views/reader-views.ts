import type { AppContext } from '#src/app-context.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import { addViews, findMostRead, pruneViews, type MostReadArticle } from './view-repository.ts';

export type { MostReadArticle };

/** How "Most read" is computed: over how many hours, and how many articles it shows. */
export type MostReadOptions = { windowHours: number; limit: number };

/**
 * Distinct (article, hour) pairs held between flushes. Views come from anonymous requests, so a
 * flood of made-up ids must not grow memory without bound: past this, new pairs wait for the flush.
 */
const MAX_PENDING = 50_000;
const HOUR_MS = 3_600_000;

/** The UTC hour of an instant as the table keys it: "2024-05-01T06". */
export function hourOf(instant: string): string {
  return instant.slice(0, 13);
}

/** The views of one hour not yet added to the database, by article id. */
type HourViews = { hour: string; endsAt: number; views: Map<number, number> };

/**
 * Readers' views: counted in memory on the request path, added to the database in batches by
 * flush(), and read back as "Most read" by refresh() on its own schedule, so a view never writes
 * and a cached page never waits for a count. Each process counts its own readers; the table sums
 * them. Counting a view is a clock read and a Map increment keyed by the article id: it runs on
 * every cached article page a reader gets (ADR 0073), so no date is formatted per view.
 */
export function createReaderViews(context: Pick<AppContext, 'database'>, options: MostReadOptions, clock: () => number = Date.now) {
  const db = context.database.db;
  const now = () => new Date(clock()).toISOString();
  let counting: HourViews = { hour: '', endsAt: 0, views: new Map() };
  /** Hours that ended since the last flush, with views in them. */
  let ended: HourViews[] = [];
  let pendingPairs = 0;
  let mostRead = new Map<string, MostReadArticle[]>();

  function startHourOf(at: number): void {
    if (counting.views.size > 0) ended.push(counting);
    const start = at - (at % HOUR_MS);
    counting = { hour: hourOf(new Date(start).toISOString()), endsAt: start + HOUR_MS, views: new Map() };
  }

  return {
    /** Counts one view of an article now. */
    record(articleId: number): void {
      const at = clock();
      if (at >= counting.endsAt || at < counting.endsAt - HOUR_MS) startHourOf(at);
      const { views } = counting;
      const count = views.get(articleId);
      if (count !== undefined) views.set(articleId, count + 1);
      else if (pendingPairs < MAX_PENDING) {
        views.set(articleId, 1);
        pendingPairs++;
      }
    },

    /** Adds the views counted since the last flush to the database. */
    async flush(): Promise<void> {
      if (pendingPairs === 0) return;
      const batch = [...ended, counting];
      ended = [];
      counting = { ...counting, views: new Map() };
      pendingPairs = 0;
      const counts = batch.flatMap(({ hour, views }) => [...views].map(([articleId, count]) => ({ articleId, hour, views: count })));
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
