import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { WrkResult } from './wrk.ts';

/** The repository root, whatever the working directory. */
export const ROOT = path.resolve(import.meta.dirname, '..');
/** The package bin: the TypeScript sources through tsx (development, tests). */
export const SOURCE_BIN = path.join(ROOT, 'bin/qalam.js');
/** The compiled server `npm start` runs (`npm run build` writes it). */
export const DIST_BIN = path.join(ROOT, 'dist/qalam.js');

/**
 * The environment of a benchmarked install: media in `dataDir`, production mode, no job runner,
 * no drain on stop (no load balancer to tell), one worker unless WORKERS says otherwise (the rows
 * compare one process with a bare server); the database is SQLite in `dataDir` unless
 * `databaseUrl` names PostgreSQL.
 */
export function installEnv(dataDir: string, port: number, databaseUrl?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', JOBS: 'off', NODE_ENV: 'production', DRAIN_SECONDS: '0', WORKERS: process.env.WORKERS ?? '1' };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  return env;
}

/**
 * A free-enough port for a bench server: below Linux's ephemeral range (32768–60999), from which the
 * kernel picks the local ports of outgoing connections. A port in it was once taken by one of the
 * bench's own PostgreSQL client sockets (EADDRINUSE at start-up, the run lost).
 */
export function randomPort(): number {
  return 12000 + Math.floor(Math.random() * 20000);
}

/** Runs a `qalam` command to its end; throws on a failure status. */
export async function runQalam(args: string[], env: NodeJS.ProcessEnv, bin = SOURCE_BIN): Promise<void> {
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`qalam ${args.join(' ')} failed (${code})`);
}

async function waitForHealth(url: string): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Qalam did not become healthy at ${url}`);
}

/** `qalam serve` on the env's port, resolved once healthy. */
export async function serveQalam(env: NodeJS.ProcessEnv, bin = SOURCE_BIN): Promise<{ process: ChildProcess; url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [bin, 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${env.PORT}`;
  await waitForHealth(url);
  return {
    process: child,
    url,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill();
      await once(child, 'exit');
    },
  };
}

/** Resident memory of a process in MiB (Linux). */
export function rssMiB(pid: number | undefined): number {
  const kb = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)?.[1];
  return Number(kb ?? 0) / 1024;
}

/** CPU time (user and system) a process has used so far, in ms (Linux /proc; clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The part of cpuMs spent in the kernel (system time), in ms: on PostgreSQL, each query's socket write and the wake-up of its server. */
export function systemCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[12]) * 10;
}

/** The pids of a process's children (a cluster primary's workers), Linux. */
export function childPids(pid: number | undefined): number[] {
  return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

/** A printed wrk result: requests/s, p50 and p99. */
export function formatResult(r: WrkResult): string {
  const faults = r.non2xx || r.errors ? `  (non-2xx ${r.non2xx}, errors ${r.errors})` : '';
  return `${r.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${r.p50Ms.toFixed(2).padStart(7)} ms  p99 ${r.p99Ms.toFixed(2).padStart(7)} ms${faults}`;
}
