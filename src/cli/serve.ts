import cluster from 'node:cluster';
import { Server as NetServer } from 'node:net';
import type { Server } from 'node:http';
import type { AppContext } from '#src/app-context.ts';
import { assembleApp } from '#src/app.ts';
import { startDraining } from '#src/web/health-route.ts';
import { startBackgroundWork } from '#src/jobs/background.ts';
import { JOB_HANDLERS } from '#src/jobs/job-handlers.ts';
import { isStopMessage, runCluster, type StopMessage } from './cluster.ts';

/**
 * Longest wait, once the listener is closed, for the connections still open to close themselves
 * (each is told to after its next answer) before the idle rest are cut.
 */
const CONNECTIONS_GRACE_MS = 1000;

/** How `qalam serve` runs: how many worker processes (1: this process serves). */
export type ServeOptions = { workers: number };

/** The worker count of `--workers N` among a command's arguments, else `fallback`; throws on a bad N. */
export function workersOption(args: string[], fallback: number): number {
  const index = args.indexOf('--workers');
  if (index < 0) return fallback;
  const value = Number(args[index + 1]);
  if (!Number.isInteger(value) || value < 1 || value > 1024) throw new Error('--workers N: N must be a whole number from 1 to 1024.');
  return value;
}

/**
 * Starts serving: with more than one worker the cluster's primary (cluster.ts) forks processes
 * that each run serveProcess; with one, this process serves. See serveProcess for stopping.
 */
export async function serve(context: AppContext, options: ServeOptions = { workers: context.config.workers }): Promise<void> {
  if (cluster.isPrimary && options.workers > 1) return runCluster(context, options.workers);
  return serveProcess(context);
}

/** Answers once no connection to `server` is open, or after `ms`. */
async function connectionsClosed(server: Server, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const open = await new Promise<number>((resolve) => server.getConnections((error, count) => resolve(error ? 0 : count)));
    if (open === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Stops taking connections without cutting the ones open, and makes every answer from now on close
 * its connection (`Connection: close`): a client with a request on the way gets its answer and
 * reconnects, to another worker or host, instead of racing a close. (http.Server.close would also
 * cut idle keep-alive connections at once since Node 19, which a busy client may be writing to.)
 */
function stopTakingConnections(server: Server): void {
  server.prependListener('request', (_request, response) => response.setHeader('connection', 'close'));
  NetServer.prototype.close.call(server);
}

/**
 * Serves the site from this process (and runs the job runner when JOBS=on): the whole of
 * `qalam serve` with one worker, or one worker of the cluster. On PostgreSQL the process relays its
 * domain events to and from the other processes on the database (ADR 0014); a cluster worker on
 * SQLite relays them through its primary (ADR 0027).
 *
 * Stopping (SIGINT/SIGTERM here, or the primary's word to a worker): for DRAIN_SECONDS /healthz
 * answers 503 "draining" while pages are still served (a load balancer notices and sends new work
 * elsewhere; a worker replaced in a rolling restart skips this, its siblings keep the port open);
 * then the listener closes, every answer closes its connection, requests in flight finish; at
 * SHUTDOWN_TIMEOUT_SECONDS after the signal whatever is left is cut. A second signal exits at once.
 */
export async function serveProcess(context: AppContext): Promise<void> {
  // A worker listens for the primary's word from its first moment: a stop may come while it starts.
  let stopAsked: StopMessage | undefined;
  let onStopAsked: ((message: StopMessage) => void) | undefined;
  const askStop = (message: StopMessage) => (onStopAsked ? onStopAsked(message) : (stopAsked ??= message));
  if (cluster.isWorker) {
    // The primary decides when workers stop (a terminal's Ctrl-C reaches the whole process group).
    process.on('SIGINT', () => {});
    process.on('SIGTERM', () => {});
    process.on('message', (message: unknown) => {
      if (isStopMessage(message)) askStop(message);
    });
    // The primary is gone (killed): nothing hands this worker connections any more.
    process.on('disconnect', () => askStop({ kind: 'qalam:stop', drain: false }));
  }
  const { app, relay } = await assembleApp(context);
  const stopJobs = context.config.runJobs ? startBackgroundWork(context, { handlers: JOB_HANDLERS }) : async () => {};
  await app.listen({ port: context.config.port, host: context.config.host });
  if (cluster.isWorker) context.logger.debug({ worker: cluster.worker?.id, jobs: context.config.runJobs }, 'Worker listening');
  else context.logger.info(`Qalam is serving ${context.config.baseUrl} (${context.database.kind})`);
  const { drainMs, deadlineMs } = context.config.shutdown;
  let stopping = false;
  const stop = async (reason: string, { drain }: { drain: boolean }) => {
    stopping = true;
    context.logger.info(`${reason}: ${drain ? `draining for ${drainMs / 1000} s, then stopping` : 'stopping'} (hard deadline ${deadlineMs / 1000} s)`);
    const deadline = setTimeout(() => {
      context.logger.warn('Shutdown deadline reached: cutting the connections still open');
      app.server.closeAllConnections();
      // Whatever still hangs (a stuck query) must not keep the process: a supervisor is waiting to restart it.
      setTimeout(() => process.exit(1), 1000).unref();
    }, deadlineMs);
    deadline.unref();
    if (drain) {
      startDraining(app);
      await new Promise((resolve) => setTimeout(resolve, drainMs));
    }
    stopTakingConnections(app.server);
    await stopJobs();
    await connectionsClosed(app.server, Math.min(CONNECTIONS_GRACE_MS, deadlineMs / 4));
    await app.close();
    // After the last request and job, so the events they emitted still reach the other processes.
    await relay.stop();
    await context.database.close();
    process.exit(0);
  };
  if (cluster.isWorker) {
    onStopAsked = (message) => {
      if (!stopping) void stop(`Worker ${cluster.worker?.id}: stopping as the primary asked`, message);
    };
    if (stopAsked) onStopAsked(stopAsked);
    return;
  }
  const onSignal = (signal: string) => {
    if (stopping) {
      context.logger.warn(`${signal} again: exiting at once`);
      process.exit(1);
    }
    void stop(signal, { drain: true });
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}
