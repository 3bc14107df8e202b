import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import { commitAudited } from '#src/domain/audit/audited-change.ts';
import { assertAllowed, type Actor } from '#src/domain/people/actor.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Invalid, NotFound } from '#src/lib/errors.ts';
import { can, type MonitoringAction } from './monitoring-policy.ts';
import { sourceInputSchema, sourcePatchSchema, type SourceInput, type SourcePatch } from './monitoring-schema.ts';
import type { SchedulePoll } from './source-poll.ts';
import { deleteSource, findSourceById, findSourceIdByUrl, insertSource, listSources, updateSource, type SourceChanges, type WatchSource } from './source-repository.ts';

const WHAT: Record<MonitoringAction, string> = {
  'list-sources': 'see the watch list',
  'manage-sources': 'change the watch list',
  'list-findings': 'see findings',
  'update-finding': 'change findings',
  poll: 'poll watch sources',
};

function assertCan(actor: Actor, action: MonitoringAction): void {
  assertAllowed(actor, can(actor, action), WHAT[action]);
}

/** The first problem of a zod parse as Invalid naming its field. */
export function invalidFrom(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Invalid {
  const issue = issues[0]!;
  return new Invalid(String(issue.path[0] ?? 'form'), issue.message);
}

/** The address as an absolute http(s) URL without its fragment, or Invalid('url'). */
function watchedUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Invalid('url', 'Give the address as an absolute http(s) URL, such as https://example.kz/rss.xml.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Invalid('url', 'Only http and https addresses can be watched.');
  url.hash = '';
  return url.href;
}

/**
 * The copy monitor's watch list: every method takes the actor first and decides by
 * monitoring-policy.ts; each change is audited in its transaction. An active source always has
 * its next poll queued (in the same transaction); pausing it leaves the queued job to find it
 * paused, and a changed interval or "poll now" queues a new one that makes the old one stale.
 */
export function createWatchSourceService(context: Pick<AppContext, 'database' | 'events'>, options: { schedulePoll: SchedulePoll }) {
  const db = context.database.db;

  async function load(executor: Executor, id: number): Promise<WatchSource> {
    const source = await findSourceById(executor, id);
    if (!source) throw new NotFound('The watch source');
    return source;
  }

  async function assertUnwatched(executor: Executor, url: string, exceptId?: number): Promise<void> {
    const holder = await findSourceIdByUrl(executor, url);
    if (holder !== undefined && holder !== exceptId) throw new Invalid('url', `This address is already on the watch list (source ${holder}).`);
  }

  /** Queues a poll at `at` and makes it the one wanted. */
  async function pollAt(tx: Executor, id: number, at: string): Promise<void> {
    await updateSource(tx, id, { next_poll_at: at });
    await options.schedulePoll(tx, id, at);
  }

  return {
    /** Every source, by name. */
    async list(actor: Actor): Promise<WatchSource[]> {
      assertCan(actor, 'list-sources');
      return listSources(db);
    },

    async get(actor: Actor, id: number): Promise<WatchSource> {
      assertCan(actor, 'list-sources');
      return load(db, id);
    },

    /** Adds a source; an active one is polled at once (by the job runner). */
    async create(actor: Actor, input: SourceInput, now = nowIso()): Promise<WatchSource> {
      assertCan(actor, 'manage-sources');
      const parsed = sourceInputSchema.safeParse(input);
      if (!parsed.success) throw invalidFrom(parsed.error.issues);
      const data = parsed.data;
      const url = watchedUrl(data.url);
      const change = async (tx: Executor) => {
        await assertUnwatched(tx, url);
        const id = await insertSource(tx, {
          kind: data.kind,
          url,
          name: data.name,
          active: data.active,
          pollIntervalMinutes: data.pollIntervalMinutes,
          nextPollAt: null,
          createdBy: actor.kind === 'user' ? actor.id : null,
          now,
        });
        if (data.active) await pollAt(tx, id, now);
        return load(tx, id);
      };
      return commitAudited(context, actor, change, (source) => ({
        action: 'monitor.source_created',
        subjectType: 'watch_source',
        subjectId: source.id,
        details: { kind: source.kind, url: source.url, pollIntervalMinutes: source.pollIntervalMinutes, active: source.active },
      }));
    },

    /**
     * Changes a source. A new address or kind starts afresh (validators forgotten, polled now); a
     * new interval counts from the last poll; pausing stops the polls, resuming polls now.
     */
    async update(actor: Actor, id: number, patch: SourcePatch, now = nowIso()): Promise<WatchSource> {
      assertCan(actor, 'manage-sources');
      const parsed = sourcePatchSchema.safeParse(patch);
      if (!parsed.success) throw invalidFrom(parsed.error.issues);
      const data = parsed.data;
      const change = async (tx: Executor) => {
        const before = await load(tx, id);
        const url = data.url !== undefined ? watchedUrl(data.url) : before.url;
        if (url !== before.url) await assertUnwatched(tx, url, id);
        const kind = data.kind ?? before.kind;
        const active = data.active ?? before.active;
        const interval = data.pollIntervalMinutes ?? before.pollIntervalMinutes;
        const changes: SourceChanges = { url, kind, name: data.name ?? before.name, active: active ? 1 : 0, poll_interval_minutes: interval, updated_at: now };
        const restart = url !== before.url || kind !== before.kind;
        if (restart) Object.assign(changes, { etag: null, last_modified: null });
        await updateSource(tx, id, changes);
        if (!active) {
          await updateSource(tx, id, { next_poll_at: null });
        } else if (restart || !before.active || before.lastPolledAt === null) {
          await pollAt(tx, id, now);
        } else if (interval !== before.pollIntervalMinutes) {
          const next = new Date(Math.max(new Date(before.lastPolledAt).getTime() + interval * 60_000, new Date(now).getTime())).toISOString();
          await pollAt(tx, id, next);
        }
        return { before, after: await load(tx, id) };
      };
      const { after } = await commitAudited(context, actor, change, ({ before, after }) => ({
        action: 'monitor.source_updated',
        subjectType: 'watch_source',
        subjectId: id,
        details: { before: { url: before.url, kind: before.kind, active: before.active, pollIntervalMinutes: before.pollIntervalMinutes }, after: { url: after.url, kind: after.kind, active: after.active, pollIntervalMinutes: after.pollIntervalMinutes } },
      }));
      return after;
    },

    /** Polls an active source as soon as the job runner can. */
    async pollNow(actor: Actor, id: number, now = nowIso()): Promise<WatchSource> {
      assertCan(actor, 'manage-sources');
      return db.transaction().execute(async (tx) => {
        const source = await load(tx, id);
        if (!source.active) throw new Invalid('active', 'This source is paused: resume it to poll it.');
        await pollAt(tx, id, now);
        return load(tx, id);
      });
    },

    /** Removes a source and its items; its findings stay, without it. */
    async remove(actor: Actor, id: number): Promise<void> {
      assertCan(actor, 'manage-sources');
      await commitAudited(
        context,
        actor,
        async (tx) => {
          const source = await load(tx, id);
          await deleteSource(tx, id);
          return source;
        },
        (source) => ({ action: 'monitor.source_deleted', subjectType: 'watch_source', subjectId: id, details: { url: source.url, kind: source.kind } }),
      );
    },
  };
}

/** The watch list bound to one app context. */
export type WatchSourceService = ReturnType<typeof createWatchSourceService>;
