import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { safeFetch, type Resolver } from './safe-fetch.ts';
import {
  BadSchemeError,
  BadStatusError,
  BadUrlError,
  BlockedAddressError,
  FetchTimeoutError,
  NetworkError,
  ResponseTooLargeError,
  TooManyRedirectsError,
} from './safe-fetch-errors.ts';

/**
 * Every request here goes to 127.0.0.1: the machine forbids packets to anywhere else, so refusals
 * of inward addresses are shown with loopback targets the allow-list does not name (refused
 * before any connection), and names are resolved by a stub.
 */

type Receiver = { server: http.Server; port: number; origin: string; hits: string[]; close(): Promise<void> };

async function startReceiver(handler: (request: http.IncomingMessage, response: http.ServerResponse) => void): Promise<Receiver> {
  const hits: string[] = [];
  const server = http.createServer((request, response) => {
    hits.push(request.url ?? '');
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A resolver stub answering from a table; any other name fails as NXDOMAIN would. */
function stubResolver(table: Record<string, string[]>, calls: string[] = []): Resolver {
  return async (hostname) => {
    calls.push(hostname);
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

describe('safeFetch', () => {
  let receiver: Receiver;
  let allow: string[];

  before(async () => {
    receiver = await startReceiver((request, response) => {
      if (request.url === '/etag') {
        const match = request.headers['if-none-match'] === '"v1"';
        response.writeHead(match ? 304 : 200, { etag: '"v1"', 'x-user-agent': request.headers['user-agent'] ?? '' });
        return void response.end(match ? undefined : 'fresh');
      }
      if (request.url === '/echo') {
        let body = '';
        request.on('data', (chunk) => (body += chunk));
        request.on('end', () => response.end(`${request.method} ${body}`));
        return;
      }
      if (request.url === '/fail') return void response.writeHead(500).end('no');
      if (request.url === '/gzip') {
        response.writeHead(200, { 'content-encoding': 'gzip' });
        return void response.end(zlib.gzipSync('Сәлем, әлем'));
      }
      response.end('hello');
    });
    allow = [`127.0.0.1:${receiver.port}`];
  });
  after(() => receiver.close());

  describe('refusals before any connection', () => {
    it('fetches only http and https', async () => {
      for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/x', 'gopher://127.0.0.1:70/', 'data:text/plain,hi', 'javascript:alert(1)']) {
        await assert.rejects(safeFetch(url, { allowHosts: ['127.0.0.1'] }), BadSchemeError, url);
      }
      await assert.rejects(safeFetch('not a url'), BadUrlError);
      await assert.rejects(safeFetch('/relative/path'), BadUrlError);
    });

    it('refuses loopback in every spelling unless the allow-list names it, and the receiver hears nothing', async () => {
      const port = receiver.port;
      const before = receiver.hits.length;
      const spellings = [
        `http://127.0.0.1:${port}/`,
        `http://127.1:${port}/`,
        `http://0x7f.0.0.1:${port}/`,
        `http://2130706433:${port}/`,
        `http://[::1]:${port}/`,
        `http://[::ffff:127.0.0.1]:${port}/`,
        `http://0.0.0.0:${port}/`,
      ];
      for (const url of spellings) {
        const error = await safeFetch(url).catch((e: unknown) => e);
        assert.ok(error instanceof BlockedAddressError, `${url}: ${String(error)}`);
      }
      assert.equal(receiver.hits.length, before);
    });

    it('names the refused address and its range in the error', async () => {
      const error = (await safeFetch('http://169.254.169.254/latest/meta-data/').catch((e: unknown) => e)) as BlockedAddressError;
      assert.ok(error instanceof BlockedAddressError);
      assert.equal(error.address, '169.254.169.254');
      assert.equal(error.range, 'linkLocal');
      assert.equal(error.code, 'blocked-address');
      assert.match(error.message, /169\.254\.169\.254 is a linkLocal address/);
      for (const url of ['http://10.0.0.1/', 'http://172.16.5.4/', 'http://192.168.1.1/', 'http://100.64.0.1/', 'http://[fd00:ec2::254]/', 'http://[fe80::1]/', 'http://[fc00::1]/', 'http://224.0.0.1/']) {
        await assert.rejects(safeFetch(url), BlockedAddressError, url);
      }
    });

    it('refuses a name whose lookup answers 127.0.0.1, naming the address', async () => {
      const error = (await safeFetch(`http://inward.example:${receiver.port}/`, { resolve: stubResolver({ 'inward.example': ['127.0.0.1'] }) }).catch((e: unknown) => e)) as BlockedAddressError;
      assert.ok(error instanceof BlockedAddressError);
      assert.equal(error.host, 'inward.example');
      assert.equal(error.address, '127.0.0.1');
      assert.match(error.message, /inward\.example resolves to 127\.0\.0\.1/);
    });

    it('refuses a name when any of its addresses is inward, whatever the order', async () => {
      const resolve = stubResolver({ 'mixed.example': ['93.184.216.34', '10.1.2.3'], 'mapped.example': ['::ffff:127.0.0.1'] });
      await assert.rejects(safeFetch('http://mixed.example/', { resolve }), (error: unknown) => error instanceof BlockedAddressError && error.address === '10.1.2.3');
      await assert.rejects(safeFetch('http://mapped.example/', { resolve }), BlockedAddressError);
    });

    it('reports a name that does not resolve as a network error', async () => {
      await assert.rejects(safeFetch('http://nowhere.example/', { resolve: stubResolver({}) }), NetworkError);
    });
  });

  describe('the allow-list', () => {
    it('lets a named host and port through, and only that port', async () => {
      const response = await safeFetch(`${receiver.origin}/`, { allowHosts: allow });
      assert.equal(response.status, 200);
      assert.equal(response.body.toString(), 'hello');
      assert.equal(response.address, '127.0.0.1');
      await assert.rejects(safeFetch(`${receiver.origin}/`, { allowHosts: [`127.0.0.1:${receiver.port + 1}`] }), BlockedAddressError);
      assert.equal((await safeFetch(`${receiver.origin}/`, { allowHosts: ['127.0.0.1'] })).status, 200, 'an entry without a port allows every port');
    });

    it('connects to the address it checked: a name is resolved once, by our resolver, and the socket is pinned to its answer', async () => {
      const calls: string[] = [];
      const resolve = stubResolver({ 'hooks.test': ['127.0.0.1'] }, calls);
      // The system resolver knows no hooks.test: the answer can only have come from the pinned lookup.
      const response = await safeFetch(`http://hooks.test:${receiver.port}/`, { resolve, allowHosts: [`hooks.test:${receiver.port}`] });
      assert.equal(response.body.toString(), 'hello');
      assert.equal(response.address, '127.0.0.1');
      assert.deepEqual(calls, ['hooks.test']);
    });
  });

  describe('redirects', () => {
    let redirector: Receiver;
    let other: Receiver;

    before(async () => {
      other = await startReceiver((_request, response) => response.end('other'));
      redirector = await startReceiver((request, response) => {
        const url = new URL(request.url ?? '/', 'http://x');
        const to = url.searchParams.get('to');
        if (to) return void response.writeHead(302, { location: to }).end();
        const hop = /^\/hop\/(\d+)$/.exec(url.pathname);
        if (hop) return void response.writeHead(301, { location: `/hop/${Number(hop[1]) + 1}` }).end();
        const chain = /^\/chain\/(\d+)$/.exec(url.pathname);
        if (chain) {
          const left = Number(chain[1]);
          return void (left === 0 ? response.end('arrived') : response.writeHead(307, { location: `/chain/${left - 1}` }).end());
        }
        response.end('here');
      });
    });
    after(async () => {
      await redirector.close();
      await other.close();
    });

    const allowRedirector = () => [`127.0.0.1:${redirector.port}`];

    it('follows up to five redirects and says where it went', async () => {
      const response = await safeFetch(`${redirector.origin}/chain/5`, { allowHosts: allowRedirector() });
      assert.equal(response.body.toString(), 'arrived');
      assert.equal(response.redirects.length, 5);
      assert.equal(response.url, `${redirector.origin}/chain/0`);
    });

    it('gives up after five redirects on a chain that goes on', async () => {
      const before = redirector.hits.length;
      const error = await safeFetch(`${redirector.origin}/hop/0`, { allowHosts: allowRedirector() }).catch((e: unknown) => e);
      assert.ok(error instanceof TooManyRedirectsError, String(error));
      assert.equal(error.limit, 5);
      assert.equal(redirector.hits.length - before, 6, 'the first request and five redirects, no more');
    });

    it('checks every hop: a redirect to a private, metadata or inward-resolving address is refused before connecting', async () => {
      const resolve = stubResolver({ 'intranet.example': ['192.168.10.1'] });
      for (const to of ['http://10.0.0.5/admin', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/', 'http://intranet.example/']) {
        const error = await safeFetch(`${redirector.origin}/?to=${encodeURIComponent(to)}`, { allowHosts: allowRedirector(), resolve }).catch((e: unknown) => e);
        assert.ok(error instanceof BlockedAddressError, `${to}: ${String(error)}`);
      }
    });

    it('refuses a redirect to a loopback server the allow-list does not name, which hears nothing', async () => {
      const error = await safeFetch(`${redirector.origin}/?to=${encodeURIComponent(`${other.origin}/`)}`, { allowHosts: allowRedirector() }).catch((e: unknown) => e);
      assert.ok(error instanceof BlockedAddressError);
      assert.equal(other.hits.length, 0);
    });

    it('refuses a redirect to another scheme', async () => {
      await assert.rejects(safeFetch(`${redirector.origin}/?to=${encodeURIComponent('file:///etc/passwd')}`, { allowHosts: allowRedirector() }), BadSchemeError);
    });

    it('does not follow a redirect of a POST: the 3xx is the answer', async () => {
      await assert.rejects(
        safeFetch(`${redirector.origin}/?to=/`, { method: 'POST', body: '{}', allowHosts: allowRedirector() }),
        (error: unknown) => error instanceof BadStatusError && error.status === 302,
      );
    });
  });

  describe('answers', () => {
    it('refuses a status outside 2xx with the status', async () => {
      const error = await safeFetch(`${receiver.origin}/fail`, { allowHosts: allow }).catch((e: unknown) => e);
      assert.ok(error instanceof BadStatusError);
      assert.equal(error.status, 500);
    });

    it('sends a conditional GET and a User-Agent, and reports 304 as not modified', async () => {
      const fresh = await safeFetch(`${receiver.origin}/etag`, { allowHosts: allow, userAgent: 'QalamBot/1.0 (+https://news.example.kz/bot)' });
      assert.equal(fresh.body.toString(), 'fresh');
      assert.equal(fresh.headers['x-user-agent'], 'QalamBot/1.0 (+https://news.example.kz/bot)');
      const cached = await safeFetch(`${receiver.origin}/etag`, { allowHosts: allow, ifNoneMatch: fresh.headers.etag as string });
      assert.equal(cached.status, 304);
      assert.equal(cached.notModified, true);
      assert.equal(cached.body.length, 0);
    });

    it('posts a body', async () => {
      const response = await safeFetch(`${receiver.origin}/echo`, { allowHosts: allow, method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
      assert.equal(response.body.toString(), 'POST {"a":1}');
    });

    it('decodes a gzip body', async () => {
      const response = await safeFetch(`${receiver.origin}/gzip`, { allowHosts: allow });
      assert.equal(response.body.toString(), 'Сәлем, әлем');
    });
  });

  describe('the size cap', () => {
    const TWENTY_MB = 20 * 1024 * 1024;
    let big: Receiver;
    let written = 0;
    let streamClosed: Promise<void> = Promise.resolve();

    before(async () => {
      big = await startReceiver((request, response) => {
        if (request.url === '/declared') {
          response.writeHead(200, { 'content-length': String(TWENTY_MB) });
          return void response.write(Buffer.alloc(1024));
        }
        if (request.url === '/bomb') {
          response.writeHead(200, { 'content-encoding': 'gzip' });
          return void response.end(zlib.gzipSync(Buffer.alloc(TWENTY_MB)));
        }
        // 20 MB in 64 KiB chunks, no length declared, written only as fast as the reader takes them.
        written = 0;
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        streamClosed = new Promise((resolve) => response.on('close', resolve));
        const pump = () => {
          while (written < TWENTY_MB && !response.destroyed) {
            written += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          if (!response.destroyed) response.end();
        };
        pump();
      });
    });
    after(() => big.close());

    it('stops reading a 20 MB stream at the cap instead of buffering it', async () => {
      const error = await safeFetch(`${big.origin}/stream`, { allowHosts: ['127.0.0.1'], maxBytes: 1024 * 1024 }).catch((e: unknown) => e);
      assert.ok(error instanceof ResponseTooLargeError, String(error));
      assert.equal(error.limit, 1024 * 1024);
      await streamClosed;
      assert.ok(written < TWENTY_MB / 2, `the sender was cut off early (wrote ${written} bytes)`);
    });

    it('refuses at once an answer that declares a length over the cap', async () => {
      await assert.rejects(safeFetch(`${big.origin}/declared`, { allowHosts: ['127.0.0.1'], maxBytes: 1024 * 1024 }), ResponseTooLargeError);
    });

    it('counts decoded bytes, so a small gzip that inflates to 20 MB is too large', async () => {
      await assert.rejects(safeFetch(`${big.origin}/bomb`, { allowHosts: ['127.0.0.1'], maxBytes: 1024 * 1024 }), ResponseTooLargeError);
    });
  });

  describe('timeouts', () => {
    it('gives up on a server that accepts and never answers (total timeout)', async () => {
      const silent = await startReceiver(() => {});
      try {
        const error = await safeFetch(`${silent.origin}/`, { allowHosts: ['127.0.0.1'], timeoutMs: 300 }).catch((e: unknown) => e);
        assert.ok(error instanceof FetchTimeoutError, String(error));
        assert.equal(error.phase, 'total');
      } finally {
        await silent.close();
      }
    });

    it('counts the body in the total timeout: an answer that trickles is cut', async () => {
      const trickle = await startReceiver((_request, response) => {
        response.writeHead(200);
        const timer = setInterval(() => response.write('.'), 20);
        response.on('close', () => clearInterval(timer));
      });
      try {
        await assert.rejects(safeFetch(`${trickle.origin}/`, { allowHosts: ['127.0.0.1'], timeoutMs: 300 }), (error: unknown) => error instanceof FetchTimeoutError && error.phase === 'total');
      } finally {
        await trickle.close();
      }
    });

    describe('connecting', () => {
      let child: ChildProcess;
      let port: number;
      const fillers: net.Socket[] = [];

      before(async () => {
        // A listener whose process never accepts (its event loop is blocked) and whose accept
        // queue holds two: once two connections wait in it, the kernel drops further SYNs, so a
        // new connection hangs in connect, on loopback, as one to a dead host would.
        const script = `const server = require('node:net').createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () =>
          process.stdout.write(server.address().port + '\\n', () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)));`;
        child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
        port = await new Promise<number>((resolve) => child.stdout!.once('data', (data) => resolve(Number(String(data).trim()))));
        for (let i = 0; i < 2; i++) {
          const socket = net.connect(port, '127.0.0.1');
          socket.on('error', () => {});
          fillers.push(socket);
          await new Promise((resolve) => socket.once('connect', resolve));
        }
      });
      after(() => {
        for (const socket of fillers) socket.destroy();
        child.kill('SIGKILL');
      });

      it('gives up on a connection that is not established in time (connect timeout)', async () => {
        const error = await safeFetch(`http://127.0.0.1:${port}/`, { allowHosts: ['127.0.0.1'], connectTimeoutMs: 200, timeoutMs: 10_000 }).catch((e: unknown) => e);
        assert.ok(error instanceof FetchTimeoutError, String(error));
        assert.equal(error.phase, 'connect');
      });
    });
  });
});
