import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { runAdminQuery, withPostgresLock } from './test-server.ts';

const BIN = path.resolve('bin/qalam.js');

/** A data folder and database of a test's own, for running the real `qalam` command against. */
export type CliInstall = {
  dataDir: string;
  /** The environment naming this install (DATA_DIR, and DATABASE_URL with a schema on PostgreSQL). */
  env: Record<string, string>;
  /** Runs `qalam ARGS` to its end, under the given umask (killed after `timeoutMs`: status null). */
  run(args: string[], options?: { umask?: string; env?: Record<string, string>; timeoutMs?: number }): { status: number | null; stdout: string; stderr: string };
  dispose(): Promise<void>;
};

/** A fresh install: an empty data folder, and on PostgreSQL (DATABASE_URL) a new empty schema. */
export async function createCliInstall(): Promise<CliInstall> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-cli-'));
  const dataDir = path.join(root, 'data');
  const { PATH, HOME } = process.env;
  // One process unless a test asks for workers: what it asserts of one process's logs and exits stays true on any machine.
  const env: Record<string, string> = { PATH: PATH ?? '', HOME: HOME ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'info', JOBS: 'off', PORT: '0', WORKERS: '1' };
  let dropSchema = async () => {};
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    await withPostgresLock(databaseUrl, () => runAdminQuery(databaseUrl, `create schema ${schema}`));
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
    dropSchema = () => withPostgresLock(databaseUrl, () => runAdminQuery(databaseUrl, `drop schema ${schema} cascade`));
  }
  return {
    dataDir,
    env,
    run(args, options = {}) {
      const result = spawnSync('/bin/sh', ['-c', `umask ${options.umask ?? '022'}; exec "$0" "$@"`, process.execPath, BIN, ...args], {
        env: { ...env, ...options.env },
        encoding: 'utf8',
        ...(options.timeoutMs ? { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const } : {}),
      });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    async dispose() {
      await dropSchema();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A running `qalam serve` process. */
export type ServeProcess = {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal) and ms from `since` when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  stop(): Promise<void>;
};

const LISTEN_WAIT_MS = 90_000;

/** Starts `qalam serve` (after `migrate`) on a free port and waits until it listens. */
export async function startServeProcess(
  install: CliInstall,
  options: {
    umask?: string;
    env?: Record<string, string>;
    migrate?: boolean;
    /** More arguments of `qalam serve` (--workers N). */
    args?: string[];
    /** The script to run instead of bin/qalam.js (a compiled build). */
    bin?: string;
  } = {},
): Promise<ServeProcess> {
  // Run synchronously: pass migrate: false when this process serves a proxy the command must reach.
  if (options.migrate !== false) {
    const migrated = install.run(['migrate'], options);
    if (migrated.status !== 0) throw new Error(`qalam migrate failed: ${migrated.stderr}`);
  }
  const child = spawn('/bin/sh', ['-c', `umask ${options.umask ?? '022'}; exec "$0" "$@"`, process.execPath, options.bin ?? BIN, 'serve', ...(options.args ?? [])], {
    env: { ...install.env, ...options.env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += String(chunk)));
  child.stderr.on('data', (chunk: Buffer) => (output += String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    // Generous: through tsx every cluster worker compiles the sources itself, and two workers took
    // 24-27 s to listen on this 2-core machine at load 9 (7-8 s when quiet). A wait, not a speed check.
    const timer = setTimeout(() => reject(new Error(`qalam serve did not listen within ${LISTEN_WAIT_MS / 1000} s:\n${output}`)), LISTEN_WAIT_MS);
    const look = () => {
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', look);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', look);
    void exited.then(() => reject(new Error(`qalam serve exited before listening:\n${output}`)));
  });
  return {
    child,
    url,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
