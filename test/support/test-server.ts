import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import { loadConfig } from '#src/config/config.ts';
import { createContext, prepareDatabase } from '#src/cli/bootstrap.ts';
import { assembleApp } from '#src/app.ts';

/** A running server on a free port over a database of its own, empty but migrated. */
export type TestServer = {
  app: FastifyInstance;
  context: AppContext;
  /** http://127.0.0.1:PORT */
  url: string;
  close(): Promise<void>;
};

/** Runs one statement on its own connection (schema create/drop, outside any test's pool). */
export async function runAdminQuery(databaseUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

// Any key will do, as long as only test servers take it.
const SCHEMA_LOCK_KEY = 7_406_211;

/**
 * Runs work while holding a PostgreSQL advisory lock shared by every test process: the first
 * install of pg_trgm (migration 0009) races another's ("duplicate key … pg_extension"), so
 * migrations, schema creations and drops take turns. (Migrations read their own schema only,
 * current-schema-introspector.ts, so another schema's drop or rename no longer fails them.)
 */
export async function withPostgresLock<T>(databaseUrl: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [SCHEMA_LOCK_KEY]);
    return await work();
  } finally {
    await client.end(); // ends the session, which releases the lock
  }
}

/**
 * Starts the real HTTP server over a fresh database: a new SQLite file in a temp folder, or, when
 * DATABASE_URL names PostgreSQL, a new schema there (dropped on close). Tests stay independent.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: {
    /** Reach PostgreSQL through this loopback port (a test proxy) instead of its own. */
    databasePort?: number;
    /**
     * Serve this running server's database (its PostgreSQL schema or SQLite file, and its media
     * folder) as a second process would; the first server alone removes them when it closes.
     */
    databaseOf?: TestServer;
  } = {},
): Promise<TestServer> {
  const shared = options.databaseOf?.context.config;
  const dataDir = shared ? shared.dataDir : fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-test-'));
  const baseEnv: Record<string, string> = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', JOBS: 'off', ...env };
  let dropSchema = async () => {};
  let removeDataDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  let withSchemaLock = <T>(work: () => Promise<T>) => work();
  const databaseUrl = process.env.DATABASE_URL;
  if (shared) {
    removeDataDir = () => {};
    if (shared.database.kind === 'postgres') {
      const url = new URL(shared.database.url);
      if (options.databasePort) url.port = String(options.databasePort);
      baseEnv.DATABASE_URL = url.toString();
    }
  } else if (databaseUrl && !env.DATABASE_URL) {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    withSchemaLock = (work) => withPostgresLock(databaseUrl, work);
    await withSchemaLock(() => runAdminQuery(databaseUrl, `create schema ${schema}`));
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    if (options.databasePort) url.port = String(options.databasePort);
    baseEnv.DATABASE_URL = url.toString();
    dropSchema = () => withSchemaLock(() => runAdminQuery(databaseUrl, `drop schema ${schema} cascade`));
  }
  const config = loadConfig(baseEnv);
  const context = createContext(config);
  // A shared database was migrated by the server that made it.
  if (!shared) await withSchemaLock(() => prepareDatabase(context));
  // As `qalam serve` does: on PostgreSQL, events reach the other servers on the same database.
  const { app, relay } = await assembleApp(context);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  // Canonical links must name the origin the test actually reaches.
  if (!env.BASE_URL) context.config.baseUrl = url;
  return {
    app,
    context,
    url,
    async close() {
      await app.close();
      await relay.stop();
      await context.database.close();
      await dropSchema();
      removeDataDir();
    },
  };
}
