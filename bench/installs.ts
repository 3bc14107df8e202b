import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { runAdminQuery } from '../test/support/test-server.ts';
import { addArchiveArticles } from './bulk-articles.ts';
import { DIST_BIN, installEnv, randomPort, runQalam } from './qalam-process.ts';

/**
 * An install the bench measures: its environment (one worker, SQLite or PostgreSQL), whether the
 * bench may write to it (the publish rows do), and how to clean up after it.
 */
export type BenchInstall = { database: 'SQLite' | 'PostgreSQL'; env: NodeJS.ProcessEnv; isWritable: boolean; origin: string; dispose(): Promise<void> };

/** Where the bench finds PostgreSQL when BENCH_DATABASE_URL is unset: the test server of the README. */
export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100_000);

/** A fresh PostgreSQL schema: its URL (search_path set) and a function that drops it. */
export async function postgresSchema(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  await runAdminQuery(baseUrl, `create schema ${schema}`);
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => runAdminQuery(baseUrl, `drop schema ${schema} cascade`) };
}

/** Whether the URL names a schema of its own (`options=-c search_path=…`): an existing install. */
function namesSchema(url: string): boolean {
  return /search_path/.test(new URL(url).searchParams.get('options') ?? '');
}

async function isReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Fills a new install with the demo and BENCH_ARTICLES synthetic articles (minutes at 100,000). */
async function seedArchive(env: NodeJS.ProcessEnv): Promise<void> {
  await runQalam(['seed'], env, DIST_BIN);
  await addArchiveArticles(env, ARTICLES);
}

/**
 * SQLite: a copy of BENCH_DATA_DIR (a data folder with qalam.db; the original is never written),
 * else a new install seeded here.
 */
export async function sqliteInstall(workDir: string): Promise<BenchInstall> {
  const dataDir = path.join(workDir, 'sqlite-data');
  const env = installEnv(dataDir, randomPort());
  const source = process.env.BENCH_DATA_DIR;
  if (source) {
    fs.cpSync(source, dataDir, { recursive: true });
    await runQalam(['migrate'], env, DIST_BIN);
  } else {
    await seedArchive(env);
  }
  const origin = source ? `a copy of ${source}` : `seeded here with ${ARTICLES} synthetic articles`;
  return { database: 'SQLite', env, isWritable: true, origin, dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

/**
 * PostgreSQL at BENCH_DATABASE_URL, else at DEFAULT_POSTGRES_URL when it answers (none: the
 * bench runs on SQLite only; BENCH_DATABASE_URL=off skips it). A URL that names a schema is an
 * existing install, used read-only (serving writes little: view counts); otherwise a new schema is
 * seeded here and dropped at the end.
 */
export async function postgresInstall(workDir: string): Promise<BenchInstall | undefined> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given === 'off') return undefined;
  const url = given ?? DEFAULT_POSTGRES_URL;
  if (!(await isReachable(url))) {
    if (given) throw new Error(`BENCH_DATABASE_URL does not answer: ${given}`);
    return undefined;
  }
  // Media of a PostgreSQL install live on disk (or S3); the bench's copy of them is empty.
  const dataDir = path.join(workDir, 'postgres-data');
  fs.mkdirSync(dataDir, { recursive: true });
  if (namesSchema(url)) {
    return { database: 'PostgreSQL', env: installEnv(dataDir, randomPort(), url), isWritable: false, origin: `the schema of BENCH_DATABASE_URL (read-only)`, dispose: async () => {} };
  }
  const schema = await postgresSchema(url);
  const env = installEnv(dataDir, randomPort(), schema.url);
  await seedArchive(env);
  return { database: 'PostgreSQL', env, isWritable: true, origin: `a schema seeded here with ${ARTICLES} synthetic articles`, dispose: () => schema.drop() };
}

/** A small new install on the same database as `install` (the demo's articles), for writes the install must not see. */
export async function smallInstallBeside(install: BenchInstall, workDir: string): Promise<BenchInstall> {
  const dataDir = fs.mkdtempSync(path.join(workDir, 'small-'));
  const baseUrl = install.env.DATABASE_URL;
  const schema = baseUrl ? await postgresSchema(baseUrl.split('?')[0]!) : undefined;
  const env = installEnv(dataDir, randomPort(), schema?.url);
  await runQalam(['seed'], env, DIST_BIN);
  return { database: install.database, env, isWritable: true, origin: 'the demo install', dispose: async () => { await schema?.drop(); fs.rmSync(dataDir, { recursive: true, force: true }); } };
}
