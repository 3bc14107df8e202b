import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpuMs } from './qalam-process.ts';

/** A start-up: wall-clock ms to the first 200, and the CPU ms the server spent by then (steadier on a busy machine). */
export type Startup = { wallMs: number; cpuMs: number };

/**
 * Milliseconds from spawning `node BIN serve` to its first 200 for the Main Page (polled every
 * 5 ms: a refused connection costs the server nothing), then stops it. The env must name a
 * migrated install and its port.
 */
export async function timeToFirst200(bin: string, env: NodeJS.ProcessEnv): Promise<Startup> {
  const url = `http://127.0.0.1:${env.PORT}/`;
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${bin} serve exited with ${child.exitCode}`);
      const status = await fetch(url).then((response) => response.status, () => 0);
      if (status === 200) return { wallMs: performance.now() - started, cpuMs: cpuMs(child.pid!) };
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill();
    await once(child, 'exit');
  }
}

/** The median start-up of `runs`, by wall-clock time (the first run also warms the OS's file cache). */
export async function medianStartup(bin: string, env: NodeJS.ProcessEnv, runs: number): Promise<Startup> {
  const startups: Startup[] = [];
  for (let run = 0; run < runs; run++) startups.push(await timeToFirst200(bin, env));
  return startups.sort((a, b) => a.wallMs - b.wallMs)[Math.floor(startups.length / 2)]!;
}
