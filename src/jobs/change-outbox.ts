import type { Transaction } from 'kysely';
import type { AppContext } from '#src/app-context.ts';
import type { ChangeOutbox } from '#src/lib/events.ts';
import type { Database } from '#src/db/schema.ts';
import { queueCdnPurgeOf } from './cdn-purge-jobs.ts';
import { queueNotificationOf } from './notification-jobs.ts';
import { queuePublishPingsOf } from './publish-ping-jobs.ts';
import { queueReuseIndexOf } from './rights-jobs.ts';
import { queueWebhooksOf } from './webhook-jobs.ts';

/**
 * The outbox of domain changes (ADR 0052): in the transaction of each change, the jobs that carry
 * it out of the process are written beside it: webhook deliveries, publish pings, a CDN purge,
 * each only when the settings (or an enabled endpoint) call for it at that moment; the newsroom's
 * notification of a workflow step, a mention or a schedule; the rights desk's re-index of an
 * article. Commit and queueing are one: no change is left without them by a process that dies
 * after its commit, and a rolled-back change queues nothing. The job runner runs them and retries
 * with backoff.
 */
export function createChangeOutbox(context: Pick<AppContext, 'config'>): ChangeOutbox<Transaction<Database>> {
  return async (tx, event) => {
    // Read when recording, not when built: a test server learns its own origin after start.
    const { baseUrl } = context.config;
    await queueWebhooksOf(tx, baseUrl, event);
    await queuePublishPingsOf(tx, baseUrl, event);
    await queueCdnPurgeOf(tx, event);
    await queueNotificationOf(tx, event);
    await queueReuseIndexOf(tx, event);
  };
}
