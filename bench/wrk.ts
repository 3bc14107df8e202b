import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

/** What one wrk run measured. */
export type WrkResult = { requestsPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number };

/** How wrk loads a URL. */
export type WrkOptions = {
  seconds: number;
  connections: number;
  threads: number;
  headers?: string[];
  /** A wrk Lua script and its arguments. */
  script?: [string, ...string[]];
  /** wrk counts a slower answer as a timeout, not in the latencies (wrk's default: 2 s). */
  timeoutSeconds?: number;
};

function toMs(value: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(value.trim());
  if (!match) throw new Error(`unreadable wrk latency "${value}"`);
  const n = Number(match[1]);
  return { us: n / 1000, ms: n, s: n * 1000, m: n * 60000 }[match[2] as 'us' | 'ms' | 's' | 'm'];
}

function wrkArgs(url: string, options: WrkOptions): string[] {
  const args = [`-t${options.threads}`, `-c${options.connections}`, `-d${options.seconds}s`, '--latency'];
  if (options.timeoutSeconds) args.push('--timeout', `${options.timeoutSeconds}s`);
  for (const header of options.headers ?? []) args.push('-H', header);
  const [script, ...scriptArgs] = options.script ?? [];
  if (script) args.push('-s', script);
  return [...args, url, ...(script ? ['--', ...scriptArgs] : [])];
}

/** wrk exits 0 whatever happens, so socket errors and non-2xx answers are read from its report. */
function parseWrk(output: string): WrkResult {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const p50 = /^\s+50%\s+(\S+)/m.exec(output);
  const p99 = /^\s+99%\s+(\S+)/m.exec(output);
  if (!rps || !p50 || !p99) throw new Error(`unreadable wrk output:\n${output}`);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const errors = socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  return { requestsPerSecond: Number(rps[1]), p50Ms: toMs(p50[1]!), p99Ms: toMs(p99[1]!), non2xx, errors };
}

/** Loads a URL with wrk (Debian package) from its own process and reads its report. */
export function runWrk(url: string, options: WrkOptions): WrkResult {
  return parseWrk(execFileSync('wrk', wrkArgs(url, options), { encoding: 'utf8' }));
}

/** The same, leaving this process's event loop free meanwhile (for load the bench adds itself, such as editors' saves). */
export async function runWrkInBackground(url: string, options: WrkOptions): Promise<WrkResult> {
  const { stdout } = await promisify(execFile)('wrk', wrkArgs(url, options), { encoding: 'utf8' });
  return parseWrk(stdout);
}
