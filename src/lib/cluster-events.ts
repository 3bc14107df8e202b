import type { Cluster, Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { parseDomainEvent, type EventBus } from './events.ts';

/** Marks our messages on a worker's IPC channel (the cluster module sends its own there too). */
const EVENT_MESSAGE = 'qalam:event';

/** What a worker sends the primary, and the primary passes to the other workers. */
type EventMessage = { kind: typeof EVENT_MESSAGE; name: unknown; args: unknown };

function isEventMessage(message: unknown): message is EventMessage {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === EVENT_MESSAGE;
}

/**
 * In a cluster worker on SQLite: sends every event emitted here to the primary, and delivers the
 * events of the other workers that the primary passes on (local listeners only, never forwarded
 * again, so nothing bounces). IPC between a primary and its workers is ordered and lossless while
 * they run; a worker that starts later begins with an empty page cache, so it missed nothing.
 */
export function relayEventsThroughPrimary(events: EventBus, logger: Logger): { stop(): Promise<void> } {
  const stopForwarding = events.forward((event) => {
    if (process.connected) process.send?.({ kind: EVENT_MESSAGE, name: event.name, args: event.args } satisfies EventMessage);
  });
  const receive = (message: unknown) => {
    if (!isEventMessage(message)) return;
    const event = parseDomainEvent(message.name, message.args);
    if (!event) {
      logger.warn({ event: String(message.name) }, 'Ignored an unknown event from another worker');
      return;
    }
    try {
      events.deliver(event);
    } catch (error) {
      logger.error({ err: error, event: event.name }, 'A listener failed on an event from another worker');
    }
  };
  process.on('message', receive);
  return {
    async stop() {
      stopForwarding();
      process.off('message', receive);
    },
  };
}

/** In the primary: passes each worker's events on to every other worker; answers a function that stops it. */
export function passEventsBetweenWorkers(cluster: Cluster): () => void {
  const pass = (from: Worker, message: unknown) => {
    if (!isEventMessage(message)) return;
    for (const worker of Object.values(cluster.workers ?? {})) {
      // A worker that is just leaving cannot be told; it needs no news any more.
      if (worker && worker !== from && worker.isConnected()) worker.send(message, () => {});
    }
  };
  cluster.on('message', pass);
  return () => void cluster.off('message', pass);
}
