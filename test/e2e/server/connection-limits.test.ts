import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const POST_HEAD = (port: number, length: number) =>
  `POST /newsroom/login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${length}\r\n\r\n`;

/** Opens a loopback socket to the server and reports when (ms after opening) the server closed it. */
function openSocket(port: number): Promise<{ socket: net.Socket; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    socket.on('data', () => {});
    const closed = new Promise<number>((done) => socket.once('close', () => done(Date.now() - started)));
    socket.once('error', () => {});
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}

const within = (ms: number, promise: Promise<number>) =>
  Promise.race([promise, new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), ms))]);

describe('connections a client holds open', () => {
  let server: TestServer;
  let port: number;
  before(async () => {
    server = await startTestServer({
      HEADERS_TIMEOUT_SECONDS: '1',
      REQUEST_TIMEOUT_SECONDS: '2',
      IDLE_TIMEOUT_SECONDS: '1',
      MAX_CONNECTIONS_PER_CLIENT: '20',
    });
    port = Number(new URL(server.url).port);
  });
  after(() => server.close());

  it('closes a silent socket, a dribbled body and dribbled headers by their deadlines, while answering others', async () => {
    // Headers and 10 bytes of a 1000-byte body, then nothing.
    const silent = await openSocket(port);
    silent.socket.write(POST_HEAD(port, 1000) + 'email=a%40b');
    // A body one byte every 300 ms: never silent for a second, so only the whole-request deadline ends it.
    const dribble = await openSocket(port);
    dribble.socket.write(POST_HEAD(port, 1000));
    const dribbling = setInterval(() => dribble.socket.writable && dribble.socket.write('x'), 300);
    // Headers one byte every 300 ms.
    const slowHeaders = await openSocket(port);
    const head = POST_HEAD(port, 10);
    let sent = 0;
    const headDribbling = setInterval(() => slowHeaders.socket.writable && slowHeaders.socket.write(head[sent++] ?? ''), 300);
    try {
      const page = await fetch(`${server.url}/healthz`);
      assert.equal(page.status, 200, 'a normal request is answered while the slow ones hang on');

      const silentMs = await within(5000, silent.closed);
      const dribbleMs = await within(6000, dribble.closed);
      const headersMs = await within(6000, slowHeaders.closed);
      assert.ok(silentMs < 3000, `the silent socket was closed after ${silentMs} ms (idle limit 1 s)`);
      assert.ok(dribbleMs >= 1500 && dribbleMs < 4500, `the dribbled body was closed after ${dribbleMs} ms (request limit 2 s)`);
      assert.ok(headersMs < 3500, `the dribbled headers were closed after ${headersMs} ms (headers limit 1 s)`);
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    } finally {
      clearInterval(dribbling);
      clearInterval(headDribbling);
      for (const s of [silent, dribble, slowHeaders]) s.socket.destroy();
    }
  });

  it('refuses a client address its connections beyond the cap, and takes it again once some close', async () => {
    const sockets = await Promise.all(Array.from({ length: 25 }, () => openSocket(port)));
    try {
      const outcomes = await Promise.all(sockets.map((s) => within(500, s.closed)));
      const refused = outcomes.filter((ms) => ms !== Infinity).length;
      assert.equal(refused, 5, 'the 5 connections over the cap of 20 are closed at once, the others stay open');
      const kept = sockets.filter((_s, i) => outcomes[i] === Infinity);
      for (const s of kept.slice(0, 5)) s.socket.destroy();
      await new Promise((r) => setTimeout(r, 100));
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    } finally {
      for (const s of sockets) s.socket.destroy();
    }
  });
});
