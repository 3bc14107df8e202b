import http from 'node:http';
import fs from 'node:fs';
import type { Manifest } from './captured.ts';

// The baseline: bare node:http answering the bytes Qalam sent for each path, with the same headers
// (Content-Length included, so neither side chunks). argv: <manifest.json>; prints the port once listening.
const manifest = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as Manifest;
const answers = new Map(Object.entries(manifest).map(([requestPath, entry]) => [requestPath, { body: fs.readFileSync(entry.file), headers: entry.headers }]));
const server = http.createServer((request, response) => {
  const answer = answers.get(request.url ?? '');
  if (!answer) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, answer.headers);
  response.end(answer.body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(typeof address === 'object' && address ? address.port : 0);
});
