import type { AppContext } from '#src/app-context.ts';
import { assembleApp } from '#src/app.ts';
import { startDraining } from '#src/web/health-route.ts';
import { startBackgroundWork } from '#src/jobs/background.ts';
import { JOB_HANDLERS } from '#src/jobs/job-handlers.ts';

/**
 * Starts the HTTP server (and the job runner) and stops both cleanly on SIGINT/SIGTERM. On
 * PostgreSQL the process also relays its domain events to and from the other processes on the
 * database, so every process's page cache drops a changed page at once (ADR 0014).
 *
 * Stopping: for DRAIN_SECONDS /healthz answers 503 "draining" while pages are still served (the
 * load balancer notices and sends new work elsewhere); then the listener closes and requests in
 * flight finish; at SHUTDOWN_TIMEOUT_SECONDS after the signal whatever is left is cut. A second
 * signal exits at once.
 */
export async function serve(context: AppContext): Promise<void> {
  const { app, relay } = await assembleApp(context);
  const stopJobs = context.config.runJobs ? startBackgroundWork(context, { handlers: JOB_HANDLERS }) : async () => {};
  await app.listen({ port: context.config.port, host: context.config.host });
  context.logger.info(`Qalam is serving ${context.config.baseUrl} (${context.database.kind})`);
  const { drainMs, deadlineMs } = context.config.shutdown;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      context.logger.warn(`${signal} again: exiting at once`);
      process.exit(1);
    }
    stopping = true;
    context.logger.info(`${signal}: draining for ${drainMs / 1000} s, then stopping (hard deadline ${deadlineMs / 1000} s)`);
    const deadline = setTimeout(() => {
      context.logger.warn('Shutdown deadline reached: cutting the connections still open');
      app.server.closeAllConnections();
      // Whatever still hangs (a stuck query) must not keep the process: a supervisor is waiting to restart it.
      setTimeout(() => process.exit(1), 1000).unref();
    }, deadlineMs);
    deadline.unref();
    startDraining(app);
    await new Promise((resolve) => setTimeout(resolve, drainMs));
    await stopJobs();
    await app.close();
    // After the last request and job, so the events they emitted still reach the other processes.
    await relay.stop();
    await context.database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
