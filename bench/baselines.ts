import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Manifest } from './captured.ts';
import { childPids, ROOT } from './qalam-process.ts';

/** A server the bench compares Qalam with: where it listens, its processes (for CPU time) and how to stop it. */
export type Baseline = { url: string; pids(): number[]; stop(): Promise<void> };

async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  await once(child, 'exit');
}

async function firstLine(child: ChildProcess): Promise<string> {
  let buffer = '';
  for await (const chunk of child.stdout!) {
    buffer += String(chunk);
    if (buffer.includes('\n')) return buffer.split('\n')[0]!.trim();
  }
  throw new Error('the baseline server ended before printing its port');
}

/** One bare node:http process answering the manifest's bytes (bench/bare-server.ts). */
export async function startBareServer(manifestFile: string): Promise<Baseline> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/bare-server.ts'), manifestFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await firstLine(child);
  return { url: `http://127.0.0.1:${port}`, pids: () => [child.pid!], stop: () => stopChild(child) };
}

/** An nginx value in double quotes; `$` would start a variable, so a header carrying one is refused. */
function quoted(value: string): string {
  if (value.includes('$')) throw new Error(`nginx cannot send a header value with "$": ${value}`);
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/**
 * nginx.conf serving each manifest path from its file with the captured headers. nginx sets
 * Content-Type (default_type), Content-Length and its own Last-Modified; its ETag is turned off so
 * the captured one is sent instead. Keep-alive without a request cap, like node:http.
 */
function nginxConfig(dir: string, port: number, workers: number, manifest: Manifest): string {
  const locations = Object.entries(manifest).map(([requestPath, entry]) => {
    const lines = Object.entries(entry.headers)
      .filter(([name]) => !['content-type', 'content-length', 'last-modified'].includes(name))
      .map(([name, value]) => `      add_header ${name} ${quoted(value)} always;`);
    const type = entry.headers['content-type'] ?? 'application/octet-stream';
    // A rewrite to the file's own name, not `alias`: a path ending in "/" would be a directory.
    const file = `/${path.relative(dir, entry.file)}`;
    return [`    location = ${new URL(requestPath, 'http://x').pathname} {`, `      default_type ${quoted(type)};`, ...lines, `      rewrite ^ ${file} break;`, '    }'].join('\n');
  });
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${dir}/${kind};`);
  // Started as root, nginx runs its workers as nobody, who may not enter the bench's private temp folder.
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  return `${user}worker_processes ${workers};
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  server_tokens off;
  etag off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types {}
${temp.join('\n')}
  server {
    listen 127.0.0.1:${port};
    root ${dir};
${locations.join('\n')}
  }
}
`;
}

/** A port the system has just handed out as free (nginx, unlike node, cannot listen on port 0 and tell). */
async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** nginx (Debian package) with `workers` worker processes, answering the manifest's bytes from its files. */
export async function startNginx(manifestFile: string, workers: number): Promise<Baseline> {
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  const dir = path.dirname(manifestFile);
  const port = await freePort();
  const configFile = path.join(dir, 'nginx.conf');
  fs.writeFileSync(configFile, nginxConfig(dir, port, workers, manifest));
  const child = spawn('nginx', ['-c', configFile, '-p', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await fetch(`${url}/`);
      break;
    } catch (error) {
      if (attempt > 100 || child.exitCode !== null) throw new Error(`nginx did not start: ${fs.readFileSync(path.join(dir, 'error.log'), 'utf8')}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  // SIGQUIT: nginx's graceful stop.
  return { url, pids: () => [child.pid!, ...childPids(child.pid)], stop: () => stopChild(child, 'SIGQUIT') };
}
