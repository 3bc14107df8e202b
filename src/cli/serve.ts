import type { AppContext } from '#src/app-context.ts';
import { buildServer } from '#src/web/server.ts';
import { startBackgroundWork } from '#src/jobs/background.ts';

/** Starts the HTTP server (and the job runner) and stops both cleanly on SIGINT/SIGTERM. */
export async function serve(context: AppContext): Promise<void> {
  const app = await buildServer(context);
  const stopJobs = context.config.runJobs ? startBackgroundWork(context) : async () => {};
  await app.listen({ port: context.config.port, host: context.config.host });
  context.logger.info(`Qalam is serving ${context.config.baseUrl} (${context.database.kind})`);
  const shutdown = async (signal: string) => {
    context.logger.info(`${signal}: shutting down`);
    await stopJobs();
    await app.close();
    await context.database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
