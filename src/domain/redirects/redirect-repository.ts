import type { Executor } from '#src/db/database.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Invalid } from '#src/lib/errors.ts';

/** WordPress's address of a post or page without pretty permalinks (/?p=1178): kept for imported sites (domain/imports). */
const LEGACY_QUERY_PATH = /^\/\?(p|page_id|attachment_id)=[0-9]{1,20}$/;

function checkPath(path: string, field: string): string {
  if (LEGACY_QUERY_PATH.test(path)) return path;
  if (!path.startsWith('/') || path.startsWith('//') || /[\s?#]/.test(path)) {
    throw new Invalid(field, 'A redirect path must be a site path starting with a single "/", without query or spaces.');
  }
  return path;
}

/**
 * Records that the page at `fromPath` now lives at `toPath` (a slug or section changed).
 * Older redirects that pointed at `fromPath` are re-pointed to `toPath` so a reader never follows
 * a chain; a redirect away from `toPath` is dropped, since that path is live again (no loops).
 */
export async function recordPathChange(db: Executor, fromPath: string, toPath: string): Promise<void> {
  checkPath(fromPath, 'fromPath');
  checkPath(toPath, 'toPath');
  if (fromPath === toPath) return;
  const changes = createPathChanges(db);
  await changes.load([fromPath, toPath]);
  changes.record(fromPath, toPath);
  await changes.flush();
}

/** A redirect as a batch of path changes holds it. */
type HeldRedirect = { toPath: string; createdAt: string; isChanged: boolean };

/** Paths read or redirects written per statement: one to three bound values each, well under both databases' limits. */
const PATHS_PER_STATEMENT = 1000;

/**
 * Many path changes (an import's batch of articles) in a few statements: `load` reads the
 * redirects from and to the paths the batch will look up or record, `record` applies
 * recordPathChange's rule to them in memory (in order, so a later change sees an earlier one, as
 * one by one), `lookup` answers findRedirect from them, and `flush` writes the outcome (a delete
 * and an upsert). Run it inside the caller's transaction.
 */
export function createPathChanges(db: Executor) {
  const held = new Map<string, HeldRedirect>();
  /** Paths whose redirects from and to them are held. */
  const loaded = new Set<string>();
  /** from_paths of the rows the database has (as of the last load or flush). */
  const stored = new Set<string>();
  const assertLoaded = (path: string) => {
    if (!loaded.has(path)) throw new Error(`The redirects of ${path} were not loaded before use.`);
  };
  return {
    /** Reads the redirects from and to `paths` (those not read yet): one query per thousand paths. */
    async load(paths: Iterable<string>): Promise<void> {
      const wanted = [...new Set(paths)].filter((path) => !loaded.has(path));
      for (let start = 0; start < wanted.length; start += PATHS_PER_STATEMENT) {
        const part = wanted.slice(start, start + PATHS_PER_STATEMENT);
        const rows = await db
          .selectFrom('redirects')
          .select(['from_path', 'to_path', 'created_at'])
          .where((eb) => eb.or([eb('from_path', 'in', part), eb('to_path', 'in', part)]))
          .execute();
        // A row already held may have changed in memory: the held one is the truth.
        for (const row of rows) {
          if (stored.has(row.from_path) || held.has(row.from_path)) continue;
          stored.add(row.from_path);
          held.set(row.from_path, { toPath: row.to_path, createdAt: row.created_at, isChanged: false });
        }
        for (const path of part) loaded.add(path);
      }
    },
    /** Where a loaded path now lives, counting the changes recorded so far. */
    lookup(path: string): string | undefined {
      assertLoaded(path);
      return held.get(path)?.toPath;
    },
    /** recordPathChange in memory, for two loaded paths (Invalid for a path that is not a site path). */
    record(fromPath: string, toPath: string): void {
      checkPath(fromPath, 'fromPath');
      checkPath(toPath, 'toPath');
      if (fromPath === toPath) return;
      assertLoaded(fromPath);
      assertLoaded(toPath);
      held.delete(toPath);
      for (const redirect of held.values()) {
        if (redirect.toPath !== fromPath) continue;
        redirect.toPath = toPath;
        redirect.isChanged = true;
      }
      held.set(fromPath, { toPath, createdAt: nowIso(), isChanged: true });
    },
    /** Writes what `record` changed: the dropped redirects deleted, the new and re-pointed ones upserted. */
    async flush(): Promise<void> {
      const dropped = [...stored].filter((path) => !held.has(path));
      for (let start = 0; start < dropped.length; start += PATHS_PER_STATEMENT) {
        await db.deleteFrom('redirects').where('from_path', 'in', dropped.slice(start, start + PATHS_PER_STATEMENT)).execute();
      }
      const changed = [...held].filter(([, redirect]) => redirect.isChanged).map(([from_path, redirect]) => ({ from_path, to_path: redirect.toPath, created_at: redirect.createdAt }));
      for (let start = 0; start < changed.length; start += PATHS_PER_STATEMENT) {
        await db
          .insertInto('redirects')
          .values(changed.slice(start, start + PATHS_PER_STATEMENT))
          .onConflict((oc) => oc.column('from_path').doUpdateSet((eb) => ({ to_path: eb.ref('excluded.to_path'), created_at: eb.ref('excluded.created_at') })))
          .execute();
      }
      stored.clear();
      for (const [path, redirect] of held) {
        stored.add(path);
        redirect.isChanged = false;
      }
    },
  };
}

/** A batch of path changes (createPathChanges). */
export type PathChanges = ReturnType<typeof createPathChanges>;

/** Where an old path now lives, if it moved. */
export async function findRedirect(db: Executor, path: string): Promise<string | undefined> {
  const row = await db.selectFrom('redirects').select('to_path').where('from_path', '=', path).executeTakeFirst();
  return row?.to_path;
}
