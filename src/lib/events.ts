import { EventEmitter } from 'node:events';
import { z } from 'zod';

/**
 * What an article event names: the article, and the original of its translation group (null for
 * an original), whose other language versions' pages show links to it; when the change moved it
 * out of a group, that group's original too, whose pages linked to it until now.
 */
export type ArticleEventArgs = { articleId: number; translationOfId?: number | null; leftGroupOf?: number };

/**
 * What a static page's event names: the page, and whether it is (or was, before the change) in a
 * header or footer menu, which every public page of its language shows.
 */
export type PageEventArgs = { pageId: number; inMenu: boolean };

/** What a step of the review workflow names: the article, and who took the step (null for the system). */
export type WorkflowEventArgs = { articleId: number; actorId: number | null };

/** Domain events, recorded by services in their transaction and announced after it commits. */
export type DomainEvents = {
  'article.published': [ArticleEventArgs];
  'article.updated': [ArticleEventArgs];
  'article.unpublished': [ArticleEventArgs];
  'page.published': [PageEventArgs];
  'page.updated': [PageEventArgs];
  'page.unpublished': [PageEventArgs];
  'settings.updated': [];
  'taxonomy.updated': [];
  'media.updated': [{ mediaId: number }];
  /** A writer sent an article to review; an editor returned it or approved it (issue 11). */
  'review.submitted': [WorkflowEventArgs];
  'review.returned': [WorkflowEventArgs];
  'review.approved': [WorkflowEventArgs];
  /** A review comment mentioned colleagues (ADR 0037); notifications are made of it. */
  'review.mentioned': [{ articleId: number; commentId: number; authorId: number; mentionedUserIds: number[] }];
  /** A correction or update notice was appended to a published article. */
  'article.corrected': [WorkflowEventArgs];
  /** The scheduler published a scheduled article, or could not (it stays scheduled, overdue). */
  'schedule.published': [{ articleId: number }];
  'schedule.failed': [{ articleId: number; reason: string }];
  /**
   * A language's Main Page layout went live (ADR 0035): its Main Page changed, and so did the
   * pages of the sections whose pins changed (`sectionIds`). `language` is the articles' language
   * (kk also covers the Kazakh Latin edition).
   */
  'main-page.published': [{ language: string; sectionIds: number[] }];
  /**
   * Events from other processes may have been lost (the relay could not listen for a while), so
   * anything derived from them, such as cached pages, may be stale. Delivered by the relay, locally.
   */
  'events.missed': [];
};

/** One event as a value: its name and the arguments its listeners receive. */
export type DomainEvent = { [K in keyof DomainEvents]: { name: K; args: DomainEvents[K] } }[keyof DomainEvents];

/** An event of what readers see of an article change: published, updated or unpublished. */
export type ArticleEvent = Extract<DomainEvent, { name: 'article.published' | 'article.updated' | 'article.unpublished' }>;

/** Whether `event` is an article's publication, update or unpublication (not a workflow step). */
export function isArticleEvent(event: DomainEvent): event is ArticleEvent {
  return event.name === 'article.published' || event.name === 'article.updated' || event.name === 'article.unpublished';
}

const articleRef = z.strictObject({
  /** The article's id. */
  articleId: z.number().int().positive(),
  /** The original of its translation group, if it is a translation. */
  translationOfId: z.number().int().positive().nullable().optional(),
  /** The original of the group it left in this change, if it left one. */
  leftGroupOf: z.number().int().positive().optional(),
});

const pageRef = z.strictObject({
  /** The page's id. */
  pageId: z.number().int().positive(),
  /** Whether it is or was in a menu. */
  inMenu: z.boolean(),
});

const workflowRef = z.strictObject({
  /** The article's id. */
  articleId: z.number().int().positive(),
  /** Who took the step, or null for the system. */
  actorId: z.number().int().positive().nullable(),
});

// The arguments of each event, for events that arrive from outside the process (another process's
// relay). `satisfies` keeps this map complete and in step with DomainEvents.
const eventArgsSchemas = {
  'article.published': z.tuple([articleRef]),
  'article.updated': z.tuple([articleRef]),
  'article.unpublished': z.tuple([articleRef]),
  'page.published': z.tuple([pageRef]),
  'page.updated': z.tuple([pageRef]),
  'page.unpublished': z.tuple([pageRef]),
  'settings.updated': z.tuple([]),
  'taxonomy.updated': z.tuple([]),
  'media.updated': z.tuple([z.strictObject({ /** The media item's id. */ mediaId: z.number().int().positive() })]),
  'main-page.published': z.tuple([
    z.strictObject({
      /** The BCP 47 code of the layout's articles. */
      language: z.string().min(1).max(35),
      /** Sections whose pages' pins changed. */
      sectionIds: z.array(z.number().int().positive()).max(10_000),
    }),
  ]),
  'review.submitted': z.tuple([workflowRef]),
  'review.returned': z.tuple([workflowRef]),
  'review.approved': z.tuple([workflowRef]),
  'review.mentioned': z.tuple([
    z.strictObject({
      /** The article commented on. */
      articleId: z.number().int().positive(),
      /** The comment that mentions them. */
      commentId: z.number().int().positive(),
      /** The user who wrote it. */
      authorId: z.number().int().positive(),
      /** The users it mentions (never its author). */
      mentionedUserIds: z.array(z.number().int().positive()),
    }),
  ]),
  'article.corrected': z.tuple([workflowRef]),
  'schedule.published': z.tuple([z.strictObject({ articleId: z.number().int().positive() })]),
  'schedule.failed': z.tuple([z.strictObject({ articleId: z.number().int().positive(), reason: z.string() })]),
  'events.missed': z.tuple([]),
} satisfies { [K in keyof DomainEvents]: z.ZodType<DomainEvents[K]> };

/** Every domain event's name (complete: the map above must name each one). */
export const DOMAIN_EVENT_NAMES = Object.keys(eventArgsSchemas) as ReadonlyArray<keyof DomainEvents>;

/** Answers the event that `name` and `args` describe, or undefined unless both are a known event's. */
export function parseDomainEvent(name: unknown, args: unknown): DomainEvent | undefined {
  if (typeof name !== 'string' || !Object.hasOwn(eventArgsSchemas, name)) return undefined;
  const parsed = eventArgsSchemas[name as keyof DomainEvents].safeParse(args);
  return parsed.success ? ({ name, args: parsed.data } as DomainEvent) : undefined;
}

/**
 * Writes, in the transaction of a change, the work its event calls for that must outlive this
 * process (webhook deliveries, publish pings, CDN purges, notifications, re-indexing: jobs in the
 * same database, ADR 0052), so the change and that work commit or roll back together. jobs/
 * provides it where the context is built (the domain may not import jobs/); a failure throws, and
 * the change rolls back with it.
 */
export type ChangeOutbox<Tx> = (tx: Tx, event: DomainEvent) => Promise<void>;

/** What can run work in a transaction of type Tx (Kysely's `db.transaction()`); lib stays free of the database's types. */
type Transactional<Tx> = { transaction(): { execute<T>(work: (tx: Tx) => Promise<T>): Promise<T> } };

/**
 * A typed event bus; listeners (cache invalidation, views, sitemaps) subscribe where the app is assembled (src/app.ts).
 * Events that happen here are `emit`ted: local listeners hear them and forwarders (the relay to
 * other processes) pass them on. Events that happened in another process are `deliver`ed: local
 * listeners only, never forwarded again, so two relays cannot bounce an event between them.
 *
 * Listeners are in-memory and at most once: a process that dies right after a commit never emits.
 * What must not be lost is `record`ed in the change's transaction instead, through the outbox.
 * `Tx` is the transaction a change runs in (AppContext names it); lib does not know the database.
 */
export class EventBus<Tx = unknown> {
  private readonly emitter = new EventEmitter();
  private readonly forwarders = new Set<(event: DomainEvent) => void>();
  // Kept without its Tx so that a bus of any transaction type can be passed where only emit and on are used.
  private outbox: ChangeOutbox<never> | undefined;

  /** Sets what `record` writes (once, where the context is built); without one, `record` writes nothing. */
  useOutbox(outbox: ChangeOutbox<Tx>): void {
    this.outbox = outbox;
  }

  /**
   * In the transaction `tx` of a change: writes the durable work its event calls for (the outbox)
   * and answers the event, for the caller to `announce` once the transaction has committed.
   */
  async record<K extends keyof DomainEvents>(tx: Tx, name: K, ...args: DomainEvents[K]): Promise<DomainEvent> {
    const event = { name, args } as DomainEvent;
    if (this.outbox) await (this.outbox as ChangeOutbox<Tx>)(tx, event);
    return event;
  }

  /**
   * For a change made of many transactions (an import): once it is done, records its event in a
   * transaction of its own and announces it. A process that dies before this loses the event's
   * work, as it would lose the rest of the unfinished change's.
   */
  async recordAfter<K extends keyof DomainEvents>(db: Transactional<Tx>, name: K, ...args: DomainEvents[K]): Promise<void> {
    const event = await db.transaction().execute((tx) => this.record(tx, name, ...args));
    this.announce([event]);
  }

  /** Emits events `record`ed in a transaction that has now committed, in order. */
  announce(events: readonly DomainEvent[]): void {
    for (const event of events) this.emit(event.name, ...(event.args as DomainEvents[typeof event.name]));
  }

  /** Announces an event that happened in this process, to local listeners and to every forwarder. */
  emit<K extends keyof DomainEvents>(name: K, ...args: DomainEvents[K]): void {
    try {
      this.emitter.emit(name, ...args);
    } finally {
      // The change is committed whatever a local listener did; other processes must still hear of it.
      for (const forward of this.forwarders) forward({ name, args } as DomainEvent);
    }
  }

  /** Announces an event that happened in another process, to local listeners only. */
  deliver(event: DomainEvent): void {
    this.emitter.emit(event.name, ...event.args);
  }

  on<K extends keyof DomainEvents>(name: K, listener: (...args: DomainEvents[K]) => void): void {
    this.emitter.on(name, listener as (...args: unknown[]) => void);
  }

  /** Passes every event emitted here (not delivered ones) to `forward`; answers a function that stops it. */
  forward(forward: (event: DomainEvent) => void): () => void {
    this.forwarders.add(forward);
    return () => void this.forwarders.delete(forward);
  }
}
