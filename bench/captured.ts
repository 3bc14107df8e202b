import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

/** One answer as it went over the wire: status, the headers a copy must repeat, and the raw (still encoded) body. */
export type Captured = { status: number; headers: Record<string, string>; body: Buffer };

/** Headers that belong to the connection or the moment, which a server of the copy sets itself. */
const PER_CONNECTION = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** GETs a URL with node:http (fetch would decode the body) and keeps the bytes as sent. */
export function capture(url: string, requestHeaders: Record<string, string> = {}): Promise<Captured> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: requestHeaders, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (!PER_CONNECTION.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({ status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** What a baseline server answers, by request path (query included): a body file and the headers. */
export type Manifest = Record<string, { file: string; headers: Record<string, string> }>;

/** Writes captured answers into `dir` as files and a manifest.json naming them; answers the manifest's path. */
export function writeManifest(dir: string, answers: Map<string, Captured>): string {
  fs.mkdirSync(dir, { recursive: true });
  const manifest: Manifest = {};
  let index = 0;
  for (const [requestPath, answer] of answers) {
    const file = path.join(dir, `body-${index++}`);
    fs.writeFileSync(file, answer.body);
    manifest[requestPath] = { file, headers: answer.headers };
  }
  const manifestFile = path.join(dir, 'manifest.json');
  fs.writeFileSync(manifestFile, JSON.stringify(manifest));
  return manifestFile;
}
