import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { createHostPacer } from '#src/domain/monitoring/host-pacer.ts';
import { MONITOR_FETCH_LIMITS, createMonitorFetcher, type MonitorFetcher } from '#src/domain/monitoring/monitor-fetch.ts';
import { pollSource, type SchedulePoll } from '#src/domain/monitoring/source-poll.ts';
import { enqueueJob, type JobHandler } from './job-queue.ts';
import { scheduleWebhookDelivery } from './webhook-jobs.ts';

/** The job kind that polls one watch source; its payload names the source and the poll's due time. */
export const MONITOR_POLL_JOB = 'monitor.poll';

/** Queues a poll of `sourceId` at `runAt`, in the caller's transaction (each source's polls chain: a poll queues the next). */
export const scheduleSourcePoll: SchedulePoll = async (tx, sourceId, runAt) => {
  await enqueueJob(tx, MONITOR_POLL_JOB, { sourceId, due: runAt }, runAt);
};

const payloadSchema = z.object({ sourceId: z.number().int().positive(), due: z.string() });

/**
 * One polite fetcher per process (per app context): its robots.txt cache and per-host pacing must
 * be shared by every poll this process runs, or two sources on one site would each take its turn.
 */
const fetchers = new WeakMap<AppContext, MonitorFetcher>();

function fetcherOf(context: AppContext): MonitorFetcher {
  let fetcher = fetchers.get(context);
  if (!fetcher) {
    const { hostDelayMs, timeoutMs } = context.config.monitor;
    fetcher = createMonitorFetcher({
      baseUrl: context.config.baseUrl,
      pacer: createHostPacer(hostDelayMs),
      allowHosts: context.config.outboundAllowHosts,
      fetch: { timeoutMs, connectTimeoutMs: Math.min(timeoutMs, MONITOR_FETCH_LIMITS.connectTimeoutMs) },
    });
    fetchers.set(context, fetcher);
  }
  return fetcher;
}

/** Polls one source (source-poll.ts): its failures are recorded on it, never thrown; the next poll is queued. */
export const pollSourceJob: JobHandler = async (context, payload) => {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) {
    context.logger.warn({ payload }, 'monitor poll job without a source: dropped');
    return;
  }
  const outcome = await pollSource(context, parsed.data.sourceId, parsed.data.due, { fetcher: fetcherOf(context), schedulePoll: scheduleSourcePoll, scheduleDelivery: scheduleWebhookDelivery });
  if (outcome.kind === 'polled') {
    context.logger[outcome.status === 'failed' ? 'warn' : 'info']({ sourceId: parsed.data.sourceId, ...outcome }, 'watch source polled');
  }
};

/** The job handlers of the copy monitor, by kind. */
export const monitoringJobHandlers: Record<string, JobHandler> = { [MONITOR_POLL_JOB]: pollSourceJob };
