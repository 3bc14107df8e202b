import type { Selectable } from 'kysely';
import type { Executor } from '#src/db/database.ts';
import type { WatchPollStatus, WatchSourceKind, WatchSourcesTable } from '#src/db/schema.ts';

/** A watch source as the desk and the API see it. */
export type WatchSource = {
  id: number;
  kind: WatchSourceKind;
  url: string;
  name: string;
  active: boolean;
  /** Minutes between polls. */
  pollIntervalMinutes: number;
  nextPollAt: string | null;
  lastPolledAt: string | null;
  lastStatus: WatchPollStatus | null;
  lastError: string | null;
  /** Validators of the copy last read (conditional GET). */
  etag: string | null;
  lastModified: string | null;
  /** Findings it led to (any status). */
  findings: number;
  createdAt: string;
  updatedAt: string;
};

/** The columns a write may change. */
export type SourceChanges = Partial<Omit<Selectable<WatchSourcesTable>, 'id' | 'created_by' | 'created_at'>>;

function sourceQuery(db: Executor) {
  return db
    .selectFrom('watch_sources')
    .selectAll('watch_sources')
    .select((eb) => eb.selectFrom('reuse_findings').select((f) => f.fn.countAll<number | string>().as('n')).whereRef('reuse_findings.source_id', '=', 'watch_sources.id').as('finding_count'));
}

function toSource(row: Selectable<WatchSourcesTable> & { finding_count: number | string | null }): WatchSource {
  return {
    id: row.id,
    kind: row.kind,
    url: row.url,
    name: row.name,
    active: row.active === 1,
    pollIntervalMinutes: row.poll_interval_minutes,
    nextPollAt: row.next_poll_at,
    lastPolledAt: row.last_polled_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
    etag: row.etag,
    lastModified: row.last_modified,
    findings: Number(row.finding_count ?? 0),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every source, by name then address. */
export async function listSources(db: Executor): Promise<WatchSource[]> {
  const rows = await sourceQuery(db).orderBy('watch_sources.name').orderBy('watch_sources.url').execute();
  return rows.map(toSource);
}

export async function findSourceById(db: Executor, id: number): Promise<WatchSource | undefined> {
  const row = await sourceQuery(db).where('watch_sources.id', '=', id).executeTakeFirst();
  return row ? toSource(row) : undefined;
}

/** The id of the source watching `url`, if any (addresses are unique). */
export async function findSourceIdByUrl(db: Executor, url: string): Promise<number | undefined> {
  return (await db.selectFrom('watch_sources').select('id').where('url', '=', url).executeTakeFirst())?.id;
}

export async function insertSource(
  db: Executor,
  input: { kind: WatchSourceKind; url: string; name: string; active: boolean; pollIntervalMinutes: number; nextPollAt: string | null; createdBy: number | null; now: string },
): Promise<number> {
  const { id } = await db
    .insertInto('watch_sources')
    .values({
      kind: input.kind,
      url: input.url,
      name: input.name,
      active: input.active ? 1 : 0,
      poll_interval_minutes: input.pollIntervalMinutes,
      next_poll_at: input.nextPollAt,
      last_polled_at: null,
      last_status: null,
      last_error: null,
      etag: null,
      last_modified: null,
      created_by: input.createdBy,
      created_at: input.now,
      updated_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateSource(db: Executor, id: number, changes: SourceChanges): Promise<boolean> {
  const result = await db.updateTable('watch_sources').set(changes).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteSource(db: Executor, id: number): Promise<boolean> {
  const result = await db.deleteFrom('watch_sources').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
