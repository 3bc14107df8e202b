import type { JobHandler } from './job-queue.ts';

/**
 * Handlers of queued jobs by kind. A feature that needs work done after a commit (webhooks,
 * image variants, sitemaps) enqueues a job of its kind with enqueueJob() inside its transaction
 * and adds its handler here. Scheduled publishing needs no job: its state is the article row.
 */
export const JOB_HANDLERS: Record<string, JobHandler> = {};
