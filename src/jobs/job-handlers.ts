import type { JobHandlers } from './background.ts';
import { cdnPurgeJobHandlers } from './cdn-purge-jobs.ts';
import { publishPingJobHandlers } from './publish-ping-jobs.ts';
import { monitoringJobHandlers } from './monitoring-jobs.ts';
import { rightsJobHandlers } from './rights-jobs.ts';
import { webhookJobHandlers } from './webhook-jobs.ts';
import { importJobHandlers } from './import-jobs.ts';

/** Every kind of queued job this app runs, with its handler: what `qalam serve`'s runner is given. */
export const JOB_HANDLERS: JobHandlers = { ...webhookJobHandlers, ...publishPingJobHandlers, ...rightsJobHandlers, ...monitoringJobHandlers, ...cdnPurgeJobHandlers, ...importJobHandlers };
