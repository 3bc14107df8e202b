import http from 'node:http';
import fs from 'node:fs';

// The baseline: bare node:http answering fixed bytes with the same headers Qalam sent.
// argv: <body file> <headers JSON file>; prints the port once listening.
const [bodyFile, headersFile] = process.argv.slice(2);
const body = fs.readFileSync(bodyFile!);
const headers = JSON.parse(fs.readFileSync(headersFile!, 'utf8')) as Record<string, string>;
const server = http.createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(typeof address === 'object' && address ? address.port : 0);
});
