import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { z } from 'zod';
import { parseDomainEvent, type DomainEvent, type EventBus } from '#src/lib/events.ts';
import type { Db } from './database.ts';
import { postgresDriver } from './postgres-driver.ts';

/** The NOTIFY channel every Qalam process on a PostgreSQL database listens on (ADR 0014). */
export const EVENTS_CHANNEL = 'qalam_events';

// "The payload … must be shorter than 8000 bytes" in the default configuration (PostgreSQL, NOTIFY).
const MAX_PAYLOAD_BYTES = 7999;
// What the server adds to the JSON made here: the schema, a name of at most 63 bytes (NAMEDATALEN),
// and the spaces json_build_object puts around its keys and values.
const SERVER_ADDED_BYTES = 63 + 16;

/** A NOTIFY payload as sent; the event inside is checked apart, against the known events. */
const envelopeSchema = z.object({
  /** current_schema() of the sender: installs sharing a database in separate schemas ignore each other. */
  schema: z.string().nullable(),
  /** The sending process's random id: a process ignores its own events. */
  origin: z.string().min(1),
  /** The event's name. */
  name: z.string(),
  /** The event's arguments. */
  args: z.unknown(),
});

/** What the relay answers with: a way to stop it. */
export type EventRelay = {
  /** Stops forwarding and listening; waits for the NOTIFYs already under way. */
  stop(): Promise<void>;
};

/** What a relay needs: where to LISTEN, the pool to NOTIFY through, the bus to relay, a logger. */
export type PostgresEventRelayOptions = {
  /** The database URL; the relay holds one connection of its own there for LISTEN. */
  url: string;
  /** The app's pool, which sends the NOTIFYs. */
  db: Db;
  events: EventBus;
  logger: Logger;
  /** Milliseconds to wait before reconnecting after `failures` failed attempts in a row. */
  retryDelay?: (failures: number) => number;
  /** Milliseconds between checks that the LISTEN connection still answers. */
  heartbeatInterval?: number;
};

/** Doubling from 250 ms up to 10 s, each spread over its upper half so N processes do not reconnect in step. */
function defaultRetryDelay(failures: number): number {
  const ceiling = Math.min(10_000, 250 * 2 ** failures);
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

/**
 * Publishes every event emitted on `events` with NOTIFY, and delivers the events other processes
 * publish to `events` (local listeners only, so nothing bounces back). Answers once the first
 * attempt to LISTEN has succeeded or failed; a failed or lost connection is retried with backoff
 * for as long as the relay runs, and never throws into the process.
 */
export async function startPostgresEventRelay(options: PostgresEventRelayOptions): Promise<EventRelay> {
  const { url, db, events } = options;
  const retryDelay = options.retryDelay ?? defaultRetryDelay;
  const heartbeatInterval = options.heartbeatInterval ?? 30_000;
  const log = options.logger.child({ component: 'event-relay' });
  const origin = randomUUID();
  const sending = new Set<Promise<void>>();
  let isStopped = false;
  let listener: pg.Client | undefined;
  let schema: string | null = null;
  let connecting: Promise<void> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  // Set whenever this process may have been deaf (a failed attempt, a lost connection).
  let mayHaveMissedEvents = false;

  function publish(event: DomainEvent): void {
    const payload = JSON.stringify({ schema: null, origin, name: event.name, args: event.args });
    if (Buffer.byteLength(payload) + SERVER_ADDED_BYTES > MAX_PAYLOAD_BYTES) {
      log.error({ event: event.name, bytes: Buffer.byteLength(payload) }, 'Event too large for NOTIFY; other processes will not hear of it');
      return;
    }
    // The schema comes from the pool's own connection, so the sender needs no LISTEN to publish.
    const sent = sql`select pg_notify(${EVENTS_CHANNEL}, json_build_object(
        'schema', current_schema(), 'origin', ${origin}::text, 'name', ${event.name}::text, 'args', ${JSON.stringify(event.args)}::json
      )::text)`
      .execute(db)
      .then(
        () => {},
        // The change is committed; failing the request would not undo it. Other processes show it
        // when the page ages out of their caches (at most 5 minutes).
        (error: unknown) => log.warn({ err: error, event: event.name }, 'Could not NOTIFY other processes of an event'),
      )
      .finally(() => sending.delete(sent));
    sending.add(sent);
  }

  function receive(message: pg.Notification): void {
    if (message.channel !== EVENTS_CHANNEL) return;
    let envelope: z.infer<typeof envelopeSchema>;
    try {
      envelope = envelopeSchema.parse(JSON.parse(message.payload ?? ''));
    } catch {
      log.warn({ payload: message.payload?.slice(0, 200) }, `Ignored a malformed ${EVENTS_CHANNEL} notification`);
      return;
    }
    if (envelope.origin === origin || envelope.schema !== schema) return;
    const event = parseDomainEvent(envelope.name, envelope.args);
    if (!event) {
      // Also what a process of an older version sees of an event added later (a rolling deploy).
      log.warn({ payload: message.payload?.slice(0, 200) }, `Ignored an unknown event on ${EVENTS_CHANNEL}`);
      return;
    }
    deliver(event);
  }

  function deliver(event: DomainEvent): void {
    try {
      events.deliver(event);
    } catch (error) {
      // A listener's bug must not break the connection's message handling.
      log.error({ err: error, event: event.name }, 'A listener failed on a relayed event');
    }
  }

  function scheduleRetry(): void {
    if (isStopped || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connecting = connect();
    }, retryDelay(failures++));
    retryTimer.unref();
  }

  async function connect(): Promise<void> {
    const { Client } = await postgresDriver();
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000, query_timeout: 5000, keepAlive: true });
    let isLost = false;
    const lose = (error?: unknown) => {
      if (isLost) return;
      isLost = true;
      if (listener === client) {
        listener = undefined;
        clearInterval(heartbeatTimer);
      }
      client.removeListener('notification', receive);
      void client.end().catch(() => {});
      if (isStopped) return;
      mayHaveMissedEvents = true;
      log.warn({ err: error }, `Lost or could not open the ${EVENTS_CHANNEL} LISTEN connection; retrying`);
      scheduleRetry();
    };
    client.on('error', lose);
    client.on('end', () => lose(new Error('Connection ended')));
    client.on('notification', receive);
    try {
      await client.connect();
      // Known before LISTEN, so the first notifications are already matched against it.
      const { rows } = await client.query<{ schema: string | null }>('select current_schema() as schema');
      schema = rows[0]?.schema ?? null;
      await client.query(`listen ${EVENTS_CHANNEL}`);
    } catch (error) {
      lose(error);
      return;
    }
    if (isLost) return;
    if (isStopped) {
      isLost = true;
      await client.end().catch(() => {});
      return;
    }
    listener = client;
    failures = 0;
    // A connection can die without a word (a NAT or firewall forgetting it); a query notices.
    heartbeatTimer = setInterval(() => void client.query('select 1').catch(lose), heartbeatInterval);
    heartbeatTimer.unref();
    if (mayHaveMissedEvents) {
      mayHaveMissedEvents = false;
      // Events sent while we were not listening are gone (NOTIFY does not queue for absent
      // listeners), so anything built from them may be stale. Delivered, not emitted: it stays in
      // this process.
      log.info(`Listening on ${EVENTS_CHANNEL} again; clearing what may have gone stale meanwhile`);
      deliver({ name: 'events.missed', args: [] });
    }
  }

  const stopForwarding = events.forward(publish);
  connecting = connect();
  await connecting;

  return {
    async stop() {
      isStopped = true;
      stopForwarding();
      clearTimeout(retryTimer);
      await connecting;
      clearInterval(heartbeatTimer);
      await Promise.allSettled([...sending]);
      const client = listener;
      listener = undefined;
      await client?.end().catch(() => {});
    },
  };
}
