import { z } from 'zod';
import type { Executor } from '#src/db/database.ts';
import { IMPORT_JOB, runQueuedImport } from '#src/domain/imports/import-runs.ts';
import { enqueueJob, type JobHandler } from './job-queue.ts';

const payloadSchema = z.object({ runId: z.number().int().positive() });

/** Queues the run's job in the caller's transaction (the newsroom's upload). */
export async function enqueueImportRun(db: Executor, runId: number): Promise<void> {
  await enqueueJob(db, IMPORT_JOB, { runId });
}

/** Runs one import started from the newsroom (domain/imports/import-runs.ts). */
export const importRunJob: JobHandler = async (context, payload) => {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) {
    context.logger.warn({ payload }, 'import job without a run id: dropped');
    return;
  }
  await runQueuedImport(context, parsed.data.runId);
};

export const importJobHandlers: Record<string, JobHandler> = { [IMPORT_JOB]: importRunJob };
