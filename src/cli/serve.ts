import type { AppContext } from '#src/app-context.ts';
import { assembleApp } from '#src/app.ts';
import { startBackgroundWork } from '#src/jobs/background.ts';

/**
 * Starts the HTTP server (and the job runner) and stops both cleanly on SIGINT/SIGTERM. On
 * PostgreSQL the process also relays its domain events to and from the other processes on the
 * database, so every process's page cache drops a changed page at once (ADR 0014).
 */
export async function serve(context: AppContext): Promise<void> {
  const { app, relay } = await assembleApp(context);
  const stopJobs = context.config.runJobs ? startBackgroundWork(context) : async () => {};
  await app.listen({ port: context.config.port, host: context.config.host });
  context.logger.info(`Qalam is serving ${context.config.baseUrl} (${context.database.kind})`);
  const shutdown = async (signal: string) => {
    context.logger.info(`${signal}: shutting down`);
    await stopJobs();
    await app.close();
    // After the last request and job, so the events they emitted still reach the other processes.
    await relay.stop();
    await context.database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
