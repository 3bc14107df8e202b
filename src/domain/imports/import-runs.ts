import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import { recordAudit } from '#src/domain/audit/audit-log.ts';
import { assertAllowed, hasRole, type Actor } from '#src/domain/people/actor.ts';
import { nowIso } from '#src/lib/clock.ts';
import { NotFound } from '#src/lib/errors.ts';
import { ImportRefused } from './import-errors.ts';
import { emptyReport, type ImportReport } from './import-report.ts';
import { runImport, type ImportSource } from './run-import.ts';

/**
 * Imports started from the newsroom (admins only): the uploaded export is kept under
 * DATA_DIR/imports until its job has run, the job reports its progress into the run's row (the
 * page's progress bar reads it) and leaves the report there. The queue enqueues the job in the
 * same transaction as the row, so no run waits for a job that was never queued.
 */

/** The job kind that runs one queued import. */
export const IMPORT_JOB = 'import.run';

export type ImportRunStatus = 'queued' | 'running' | 'done' | 'failed';

/** One import as the newsroom shows it. */
export type ImportRun = {
  id: number;
  source: ImportSource;
  fileName: string;
  status: ImportRunStatus;
  dryRun: boolean;
  total: number;
  done: number;
  report: ImportReport | null;
  createdAt: string;
  finishedAt: string | null;
};

/** What the form chose. */
export type ImportRunOptions = { dryRun: boolean; fetchMedia: boolean };

/** Writes the progress bar's numbers at most this often (ms): a 100,000-post import must not write 100,000 updates. */
const PROGRESS_INTERVAL_MS = 1000;

function importsDir(context: Pick<AppContext, 'config'>): string {
  return path.join(context.config.dataDir, 'imports');
}

function assertAdmin(actor: Actor): void {
  assertAllowed(actor, hasRole(actor, 'admin'), 'import content from another system');
}

type RunRow = { id: number; source: string; file_name: string; status: string; options: string; total: number; done: number; report: string | null; created_at: string; finished_at: string | null };

function toRun(row: RunRow): ImportRun {
  const options = JSON.parse(row.options) as ImportRunOptions;
  return {
    id: row.id,
    source: row.source as ImportSource,
    fileName: row.file_name,
    status: row.status as ImportRunStatus,
    dryRun: options.dryRun,
    total: row.total,
    done: row.done,
    report: row.report ? (JSON.parse(row.report) as ImportReport) : null,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

const RUN_COLUMNS = ['id', 'source', 'file_name', 'status', 'options', 'total', 'done', 'report', 'created_at', 'finished_at'] as const;

async function findRun(db: Executor, id: number): Promise<(RunRow & { file_key: string }) | undefined> {
  return db.selectFrom('import_runs').select([...RUN_COLUMNS, 'file_key']).where('id', '=', id).executeTakeFirst();
}

/**
 * Queues the import of an uploaded export (spooled at `spooledPath`, moved under DATA_DIR/imports)
 * as `actor`; answers the run. `enqueue` puts the job on the queue inside the run's transaction.
 */
export async function startImportRun(
  context: AppContext,
  actor: Actor,
  input: { source: ImportSource; fileName: string; spooledPath: string; options: ImportRunOptions },
  enqueue: (db: Executor, runId: number) => Promise<void>,
): Promise<ImportRun> {
  assertAdmin(actor);
  await mkdir(importsDir(context), { recursive: true, mode: 0o700 });
  const fileKey = `${randomBytes(12).toString('hex')}${input.source === 'ghost' ? '.json' : '.xml'}`;
  await rename(input.spooledPath, path.join(importsDir(context), fileKey));
  const id = await context.database.db.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto('import_runs')
      .values({
        source: input.source,
        file_name: input.fileName.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 255) || 'export',
        file_key: fileKey,
        status: 'queued',
        options: JSON.stringify(input.options),
        total: 0,
        done: 0,
        report: null,
        created_by: actor.kind === 'user' ? actor.id : null,
        created_at: nowIso(),
        finished_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueue(tx, id);
    await recordAudit(tx, { userId: actor.kind === 'user' ? actor.id : null, action: 'import.started', subjectType: 'import', subjectId: id, details: { source: input.source, file: input.fileName, ...input.options } });
    return id;
  });
  return getImportRun(context, actor, id);
}

/** One run; admins only, 404 when there is none. */
export async function getImportRun(context: AppContext, actor: Actor, id: number): Promise<ImportRun> {
  assertAdmin(actor);
  const row = await findRun(context.database.db, id);
  if (!row) throw new NotFound('The import');
  return toRun(row);
}

/** The latest runs, newest first; admins only. */
export async function listImportRuns(context: AppContext, actor: Actor, limit = 20): Promise<ImportRun[]> {
  assertAdmin(actor);
  const rows = await context.database.db.selectFrom('import_runs').select(RUN_COLUMNS).orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toRun);
}

/**
 * Runs a queued import (the job): progress into the row as it goes, the report at the end, the
 * spooled file removed. A refused file ends the run as failed with the reason; it is not retried.
 */
export async function runQueuedImport(context: AppContext, runId: number): Promise<void> {
  const db = context.database.db;
  const row = await findRun(db, runId);
  if (!row || row.status === 'done' || row.status === 'failed') return;
  const options = JSON.parse(row.options) as ImportRunOptions;
  const file = path.join(importsDir(context), row.file_key);
  await db.updateTable('import_runs').set({ status: 'running' }).where('id', '=', runId).execute();
  let lastWrite = 0;
  let report: ImportReport;
  try {
    report = await runImport(context, row.source as ImportSource, file, {
      dryRun: options.dryRun,
      media: { fetch: options.fetchMedia, allowHosts: context.config.outboundAllowHosts },
      onProgress: async (done, total) => {
        const now = Date.now();
        if (now - lastWrite < PROGRESS_INTERVAL_MS && done < total) return;
        lastWrite = now;
        await db.updateTable('import_runs').set({ done, total }).where('id', '=', runId).execute();
      },
    });
  } catch (error) {
    if (!(error instanceof ImportRefused)) throw error;
    report = { ...emptyReport(row.source as ImportSource, options.dryRun), error: `${error.message} Nothing was imported.` };
  }
  await db
    .updateTable('import_runs')
    .set({ status: report.error ? 'failed' : 'done', report: JSON.stringify(report), done: report.done, total: report.total, finished_at: nowIso() })
    .where('id', '=', runId)
    .execute();
  await rm(file, { force: true });
}
