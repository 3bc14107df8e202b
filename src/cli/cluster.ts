import cluster, { type Worker } from 'node:cluster';
import type { AppContext } from '#src/app-context.ts';
import { passEventsBetweenWorkers } from '#src/lib/cluster-events.ts';

/** What the primary tells a worker to stop: `drain` says whether /healthz says "draining" first (DRAIN_SECONDS). */
export type StopMessage = { kind: 'qalam:stop'; drain: boolean };

/** Whether an IPC message is the primary's word to stop. */
export function isStopMessage(message: unknown): message is StopMessage {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'qalam:stop';
}

/** A worker that dies sooner than this after it started is failing to start: the next is started after a backoff. */
const EARLY_DEATH_MS = 10_000;
/** The longest wait before starting a worker again after early deaths in a row. */
const MAX_RESTART_DELAY_MS = 30_000;

/** What a worker does besides serving: the one that runs the job runner passes the part on to its replacement. */
type WorkerRole = { runsJobs: boolean };

/** The exit code of a worker, once it has exited (SIGKILLed: null). */
function exitOf(worker: Worker): Promise<number | null> {
  if (worker.isDead()) return Promise.resolve(worker.process.exitCode);
  return new Promise((resolve) => worker.once('exit', (code: number | null) => resolve(code)));
}

/** Resolves true once the worker listens, false if it exits first. */
function listeningOf(worker: Worker): Promise<boolean> {
  return new Promise((resolve) => {
    const onListening = () => settle(true);
    const onExit = () => settle(false);
    const settle = (isListening: boolean) => {
      worker.off('listening', onListening);
      worker.off('exit', onExit);
      resolve(isListening);
    };
    worker.on('listening', onListening);
    worker.on('exit', onExit);
  });
}

/**
 * glibc's malloc in a worker: two arenas rather than up to eight per core. Each thread that
 * allocates (the thread pool compressing pages, V8's compiler and GC helpers) otherwise gets an
 * arena of its own, which keeps what the thread freed: at 100,000 articles a worker held ~20 MB
 * more after a few hundred random articles (bench/memory.ts's row). Two, not one, so threads
 * rarely wait for each other's allocations. An operator's own MALLOC_ARENA_MAX wins; read at a
 * process's start, hence given to each worker here.
 */
const WORKER_MALLOC_ENV = { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };

/** How far a worker's old generation may grow past its live size before a full collection, in percent (see workerExecArgv). */
const WORKER_HEAP_GROWING_PERCENT = 50;

/**
 * V8's young generation in a worker: semi-spaces of 4 MB rather than Node's 16, unless the operator
 * set a size (on the command line or in NODE_OPTIONS). Under load the two semi-spaces fill to their
 * bound and stay resident: 32 MB of each worker's memory, about a sixth of it, for a heap whose
 * requests leave little alive (ADR 0060: no slower cached page, a few MB less promoted).
 *
 * And its old generation: collected when it reaches 1.5 times what the last full collection left
 * alive, rather than up to 4 times, V8's own bound when a process is busy (ADR 0067). A worker's
 * live heap is ~30 MB at a full page cache; what requests promote and drop piled up to 60–90 MB
 * of garbage before a full collection on PostgreSQL, whose answers stay alive across awaits, and
 * that was the 50 MiB one worker of two swung over the memory goal by. Not settable in
 * NODE_OPTIONS (Node refuses the flag there), so only the command line's own setting wins.
 */
export function workerExecArgv(execArgv: readonly string[], nodeOptions = process.env.NODE_OPTIONS ?? ''): string[] {
  const isSet = (flag: RegExp, where: readonly string[]) => where.some((arg) => flag.test(arg));
  const args = [...execArgv];
  if (!isSet(/--max[-_]semi[-_]space[-_]size/, [...execArgv, nodeOptions])) args.push('--max-semi-space-size=4');
  if (!isSet(/--heap[-_]growing[-_]percent/, execArgv)) args.push(`--heap-growing-percent=${WORKER_HEAP_GROWING_PERCENT}`);
  return args;
}

/**
 * The primary of `qalam serve --workers N` (Node cluster, ADR 0027). It serves nothing itself: it
 * forks N workers that share the port (the primary hands them connections in turn) and each run
 * the whole app; one of them runs the job runner (when JOBS=on). It passes domain events between
 * workers (on SQLite; PostgreSQL workers use LISTEN/NOTIFY), starts another worker when one dies,
 * replaces them one at a time on SIGHUP (a new one listens before an old one stops, so the port
 * never closes and no request is refused), and on SIGINT/SIGTERM has every worker drain and stop,
 * exiting 0 when all stopped cleanly. A second SIGINT/SIGTERM kills the workers at once.
 */
export async function runCluster(context: AppContext, count: number): Promise<void> {
  const { logger, config } = context;
  const { drainMs, deadlineMs } = config.shutdown;
  // Everything the primary needed from the database (migrations, the first admin) is done.
  await context.database.close();
  cluster.setupPrimary({ exec: process.argv[1], args: ['serve'], execArgv: workerExecArgv(process.execArgv) });
  const stopPassing = passEventsBetweenWorkers(cluster);
  const roles = new Map<Worker, WorkerRole>();
  const startedAt = new Map<Worker, number>();
  /** Workers told to stop: their exit is expected. */
  const retiring = new Set<Worker>();
  /** Workers whose start someone awaits (the first start, a rolling restart): that caller handles their failure. */
  const awaited = new Set<Worker>();
  // Cast, not annotated: the handlers below change it while startup awaits, which narrowing cannot see.
  let state = 'starting' as 'starting' | 'running' | 'restarting' | 'stopping';
  let earlyDeaths = 0;

  const alive = () => [...roles.keys()].filter((worker) => !worker.isDead());

  const fork = (role: WorkerRole): Worker => {
    const worker = cluster.fork({ JOBS: role.runsJobs ? 'on' : 'off', ...WORKER_MALLOC_ENV });
    roles.set(worker, role);
    startedAt.set(worker, Date.now());
    // Sending to a worker that just died fails; its exit is handled below.
    worker.on('error', (error: Error) => logger.debug({ err: error, worker: worker.id }, 'IPC with a worker failed'));
    logger.info({ worker: worker.id, workerPid: worker.process.pid, jobs: role.runsJobs }, `Worker ${worker.id} started`);
    return worker;
  };

  const retire = (worker: Worker, drain: boolean) => {
    retiring.add(worker);
    worker.send({ kind: 'qalam:stop', drain } satisfies StopMessage, () => {});
    // The worker cuts what is left at its own deadline; one that still does not exit is killed.
    setTimeout(() => {
      if (!worker.isDead()) worker.process.kill('SIGKILL');
    }, deadlineMs + 2000).unref();
  };

  cluster.on('exit', (worker, code, signal) => {
    const role = roles.get(worker) ?? { runsJobs: false };
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    roles.delete(worker);
    startedAt.delete(worker);
    if (retiring.delete(worker) || awaited.has(worker) || state === 'stopping') return;
    earlyDeaths = lived < EARLY_DEATH_MS ? earlyDeaths + 1 : 0;
    const delay = earlyDeaths > 0 ? Math.min(MAX_RESTART_DELAY_MS, 250 * 2 ** earlyDeaths) : 0;
    logger.error({ worker: worker.id, workerPid: worker.process.pid, code, signal }, `Worker ${worker.id} died; starting another${delay ? ` in ${delay} ms` : ''}`);
    setTimeout(() => {
      if (state !== 'stopping') fork(role);
    }, delay).unref();
  });

  const stopAll = async (signal: string) => {
    if (state === 'stopping') {
      logger.warn(`${signal} again: killing the workers and exiting at once`);
      for (const worker of alive()) worker.process.kill('SIGKILL');
      process.exit(1);
    }
    state = 'stopping';
    logger.info(`${signal}: the workers drain for ${drainMs / 1000} s, then stop (hard deadline ${deadlineMs / 1000} s)`);
    const workers = alive();
    for (const worker of workers) retire(worker, true);
    const codes = await Promise.all(workers.map(exitOf));
    stopPassing();
    process.exit(codes.every((code) => code === 0) ? 0 : 1);
  };

  const rollingRestart = async () => {
    if (state !== 'running') {
      logger.warn(`SIGHUP while ${state}: ignored`);
      return;
    }
    state = 'restarting';
    const old = alive();
    logger.info(`SIGHUP: replacing ${old.length} workers one at a time`);
    let replaced = 0;
    for (const worker of old) {
      if (state !== 'restarting') break;
      if (worker.isDead() || retiring.has(worker)) continue;
      const fresh = fork(roles.get(worker) ?? { runsJobs: false });
      awaited.add(fresh);
      const isListening = await listeningOf(fresh);
      awaited.delete(fresh);
      if (!isListening) {
        logger.error(`Worker ${fresh.id} could not start: rolling restart abandoned, the running workers keep serving`);
        break;
      }
      if (state !== 'restarting') break;
      retire(worker, false);
      await exitOf(worker);
      replaced++;
    }
    if (state === 'restarting') state = 'running';
    logger.info({ replaced }, `Rolling restart finished: ${replaced} of ${old.length} workers replaced`);
  };

  process.on('SIGINT', () => void stopAll('SIGINT'));
  process.on('SIGTERM', () => void stopAll('SIGTERM'));
  process.on('SIGHUP', () => void rollingRestart());

  const first = Array.from({ length: count }, (_v, i) => fork({ runsJobs: config.runJobs && i === 0 }));
  for (const worker of first) awaited.add(worker);
  const started = await Promise.all(
    first.map(async (worker) => {
      const isListening = await listeningOf(worker);
      // From here its death is a crash like any other (replaced), unless it never listened.
      if (isListening) awaited.delete(worker);
      return isListening;
    }),
  );
  if (state === 'stopping') return;
  if (!started.every(Boolean)) {
    logger.error('A worker could not start; stopping the others');
    state = 'stopping';
    const workers = alive();
    for (const worker of workers) retire(worker, false);
    await Promise.all(workers.map(exitOf));
    process.exit(1);
  }
  state = 'running';
  logger.info(`Qalam is serving ${config.baseUrl} (${config.database.kind}) with ${count} workers`);
}
