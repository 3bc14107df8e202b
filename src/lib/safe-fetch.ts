import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction, Socket } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { classifyAddress, isIpLiteral, unbracket } from './safe-fetch-address.ts';
import {
  BadSchemeError,
  BadStatusError,
  BadUrlError,
  BlockedAddressError,
  FetchTimeoutError,
  NetworkError,
  ResponseTooLargeError,
  SafeFetchError,
  TooManyRedirectsError,
} from './safe-fetch-errors.ts';

/**
 * Fetches a URL someone outside gave us (a page to check, a feed to watch, a webhook endpoint)
 * without letting them aim our server at itself or the network behind it (SSRF, OWASP A10:2021).
 *
 * - http and https only; at most `maxRedirects` redirects (5), each hop checked like the first.
 * - The host is resolved first and EVERY address it resolves to must be public (safe-fetch-address.ts);
 *   then the connection goes to the address that was checked: the socket's `lookup` is pinned to it,
 *   so a name that answers a public address to the check and 127.0.0.1 to the connect (DNS
 *   rebinding) reaches nothing new. The connected socket's address is checked once more.
 * - A connect timeout and a total one (DNS, redirects and body included); a byte cap on the decoded
 *   body, counted while streaming, so a 20 MB answer costs at most the cap.
 * - An operator allow-list names hosts ("127.0.0.1:4010", "hooks.internal") that may be inside.
 * Each refusal is its own error class (safe-fetch-errors.ts).
 */

/** Resolves a host name to its addresses (the default asks the system resolver; tests stub it). */
export type Resolver = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export type SafeFetchOptions = {
  /** HTTP method; only GET and HEAD follow redirects (another method's 3xx is its answer). Default GET. */
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT';
  /** Request headers (lower-case names win over the defaults below). */
  headers?: Record<string, string>;
  /** Request body, for POST and PUT. */
  body?: string | Buffer;
  /** User-Agent header: say who we are, as polite crawlers do. */
  userAgent?: string;
  /** Conditional GET: the ETag of the copy we hold (sent as If-None-Match). */
  ifNoneMatch?: string;
  /** Conditional GET: the Last-Modified of the copy we hold (sent as If-Modified-Since). */
  ifModifiedSince?: string;
  /** Hosts that may be inside: "host" (any port) or "host:port", IPv6 as "[::1]:8080"; matched against the URL's host. */
  allowHosts?: readonly string[];
  /** Milliseconds to establish a TCP connection (each hop). Default 5,000. */
  connectTimeoutMs?: number;
  /** Milliseconds for the whole fetch: resolving, connecting, redirects and the body. Default 20,000. */
  timeoutMs?: number;
  /** Largest body kept, in bytes after decoding; beyond it reading stops with ResponseTooLargeError. Default 5 MiB. */
  maxBytes?: number;
  /** Redirects followed before TooManyRedirectsError. Default 5. */
  maxRedirects?: number;
  /** Which final statuses are an answer; others throw BadStatusError. Default: 2xx, and 304 to a conditional GET. */
  acceptStatus?: (status: number) => boolean;
  /** Host name resolver (tests stub it). Default: the system's, every address. */
  resolve?: Resolver;
};

/** A fetched answer. */
export type SafeFetchResponse = {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  /** The body, decoded (gzip, deflate, br); empty for HEAD and 304. */
  body: Buffer;
  /** The address the answer came from. */
  address: string;
  /** The URLs that redirected, in order. */
  redirects: string[];
  /** A 304 to a conditional GET: the copy held is current. */
  notModified: boolean;
};

const DEFAULTS = { connectTimeoutMs: 5_000, timeoutMs: 20_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 };
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** The URL as an http(s) URL, or BadUrlError / BadSchemeError. */
function parseHttpUrl(text: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new BadUrlError(text);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BadSchemeError(url.href, url.protocol.replace(/:$/, ''));
  if (!url.hostname) throw new BadUrlError(text, 'has no host');
  return url;
}

/** The host (name lower-cased, address in canonical form) and port of an allow-list entry or a URL. */
function hostKey(host: string): string {
  const bare = unbracket(host).toLowerCase().replace(/\.$/, '');
  return isIpLiteral(bare) ? classifyAddress(bare).address : bare;
}

function defaultPort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/** Whether an allow-list entry names the URL's host (and its port, when the entry has one). */
export function isAllowedHost(url: URL, allowHosts: readonly string[] = []): boolean {
  const host = hostKey(url.hostname);
  const port = defaultPort(url);
  return allowHosts.some((entry) => {
    const match = /^(\[[^\]]+\]|[^:]+|[0-9a-f:]+)(?::(\d+))?$/i.exec(entry.trim());
    if (!match) return false;
    // A bare IPv6 entry ("::1") has colons but no port: the whole entry is the host.
    const [entryHost, entryPort] = match[1]!.includes(':') && !match[1]!.startsWith('[') ? [entry.trim(), undefined] : [match[1]!, match[2]];
    return hostKey(entryHost) === host && (entryPort === undefined || entryPort === port);
  });
}

/** The address to connect to: the host's first, after every one it resolves to has passed the address rule (unless allowed). */
async function resolveTarget(url: URL, options: SafeFetchOptions): Promise<{ address: string; family: 4 | 6 }> {
  const host = unbracket(url.hostname);
  let addresses: Array<{ address: string; family: number }>;
  if (isIpLiteral(host)) {
    addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolver)(host);
    } catch (error) {
      throw new NetworkError(url.href, `${host} did not resolve`, error);
    }
    if (addresses.length === 0) throw new NetworkError(url.href, `${host} resolved to no address`);
  }
  const allowed = isAllowedHost(url, options.allowHosts);
  const checked = addresses.map(({ address }) => {
    let verdict;
    try {
      verdict = classifyAddress(address);
    } catch (error) {
      throw new NetworkError(url.href, `${host} resolved to something that is not an address`, error);
    }
    // Every address, not just the first: a resolver may hand them out in any order next time.
    if (!verdict.allowed && !allowed) throw new BlockedAddressError(url.href, host, verdict.address, verdict.range);
    return verdict;
  });
  const first = checked[0]!;
  return { address: first.address.replace(/%.*$/, ''), family: first.family };
}

/** A `lookup` that answers only the checked address, whatever it is asked: the pin against DNS rebinding. */
function pinnedLookup(target: { address: string; family: 4 | 6 }): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

/** The same address, whichever way it is written (a socket may report an IPv4 address as ::ffff:a.b.c.d). */
function sameAddress(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const plain = (text: string) => text.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
  try {
    return classifyAddress(plain(a)).address === classifyAddress(plain(b)).address;
  } catch {
    return false;
  }
}

type Hop = { url: URL; target: { address: string; family: 4 | 6 }; headers: Record<string, string> };

/** Sends one request to the pinned address; resolves with the response head. */
function requestOnce(hop: Hop, options: SafeFetchOptions, connectTimeoutMs: number, signal: AbortSignal): Promise<IncomingMessage> {
  const { url, target } = hop;
  const module = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    let connectTimer: NodeJS.Timeout | undefined;
    const request = module.request({
      protocol: url.protocol,
      hostname: unbracket(url.hostname),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: options.method ?? 'GET',
      headers: hop.headers,
      // A fresh agent per request: no pooled socket connected under an earlier check is reused.
      agent: false,
      lookup: pinnedLookup(target),
      signal,
      ...(url.username || url.password ? { auth: `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` } : {}),
    });
    request.on('socket', (socket: Socket) => {
      const connected = () => {
        clearTimeout(connectTimer);
        if (!sameAddress(socket.remoteAddress, target.address)) {
          request.destroy(new BlockedAddressError(url.href, url.hostname, socket.remoteAddress ?? '?', 'unchecked'));
        }
      };
      if (socket.connecting) {
        connectTimer = setTimeout(() => request.destroy(new FetchTimeoutError(url.href, 'connect', connectTimeoutMs)), connectTimeoutMs);
        socket.once('connect', connected);
      } else {
        connected();
      }
    });
    request.on('response', (response) => {
      clearTimeout(connectTimer);
      resolve(response);
    });
    request.on('error', (error) => {
      clearTimeout(connectTimer);
      reject(error);
    });
    request.end(options.body);
  });
}

/** The body, decoded, read while counting: past `maxBytes` the stream is destroyed and ResponseTooLargeError thrown. */
async function readCapped(response: IncomingMessage, url: string, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw new ResponseTooLargeError(url, maxBytes);
  }
  const coding = String(response.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder = coding === 'gzip' || coding === 'x-gzip' ? zlib.createGunzip() : coding === 'deflate' ? zlib.createInflate() : coding === 'br' ? zlib.createBrotliDecompress() : null;
  let stream: Readable = response;
  if (decoder) {
    // Errors surface through the decoder, which the loop below reads.
    stream = pipeline(response, decoder, () => {});
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) throw new ResponseTooLargeError(url, maxBytes);
      chunks.push(chunk as Buffer);
    }
  } finally {
    if (total > maxBytes) response.destroy();
  }
  return Buffer.concat(chunks);
}

/** The request headers of the first hop: the caller's, over a User-Agent, Accept-Encoding and conditional GET headers. */
function firstHeaders(options: SafeFetchOptions): Record<string, string> {
  const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br' };
  if (options.userAgent) headers['user-agent'] = options.userAgent;
  if (options.ifNoneMatch) headers['if-none-match'] = options.ifNoneMatch;
  if (options.ifModifiedSince) headers['if-modified-since'] = options.ifModifiedSince;
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
  return headers;
}

/** Headers for the next hop: credentials never follow a redirect to another origin. */
function nextHeaders(headers: Record<string, string>, from: URL, to: URL): Record<string, string> {
  if (from.origin === to.origin) return headers;
  const { authorization: _a, cookie: _c, ...rest } = headers;
  return rest;
}

/**
 * Fetches `input` under the rules above; answers the final response with its body, or throws a
 * SafeFetchError subclass naming the refusal (bad scheme, blocked address, too many redirects,
 * timeout, too large, bad status, network).
 */
export async function safeFetch(input: string, options: SafeFetchOptions = {}): Promise<SafeFetchResponse> {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? DEFAULTS.maxBytes;
  const maxRedirects = options.maxRedirects ?? DEFAULTS.maxRedirects;
  const method = options.method ?? 'GET';
  const conditional = Boolean(options.ifNoneMatch || options.ifModifiedSince);
  const acceptStatus = options.acceptStatus ?? ((status: number) => (status >= 200 && status < 300) || (conditional && status === 304));

  const controller = new AbortController();
  let current = parseHttpUrl(input);
  let timedOut = false;
  let rejectOnTimeout: (error: unknown) => void = () => {};
  const deadline = new Promise<never>((_resolve, reject) => (rejectOnTimeout = reject));
  deadline.catch(() => {});
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
    rejectOnTimeout(new FetchTimeoutError(current.href, 'total', timeoutMs));
  }, timeoutMs);

  const run = async (): Promise<SafeFetchResponse> => {
    const redirects: string[] = [];
    let headers = firstHeaders(options);
    for (;;) {
      const target = await resolveTarget(current, options);
      const response = await requestOnce({ url: current, target, headers }, options, connectTimeoutMs, controller.signal);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(status) && location && (method === 'GET' || method === 'HEAD')) {
        response.destroy();
        if (redirects.length >= maxRedirects) throw new TooManyRedirectsError(current.href, maxRedirects);
        const next = parseHttpUrl(location, current.href);
        redirects.push(current.href);
        headers = nextHeaders(headers, current, next);
        current = next;
        continue;
      }
      if (!acceptStatus(status)) {
        response.destroy();
        throw new BadStatusError(current.href, status);
      }
      const body = method === 'HEAD' || status === 304 ? (response.resume(), Buffer.alloc(0)) : await readCapped(response, current.href, maxBytes);
      return { url: current.href, status, headers: response.headers, body, address: target.address, redirects, notModified: status === 304 };
    }
  };

  try {
    return await Promise.race([run(), deadline]);
  } catch (error) {
    if (timedOut) throw new FetchTimeoutError(current.href, 'total', timeoutMs);
    if (error instanceof SafeFetchError) throw error;
    throw new NetworkError(current.href, `Could not fetch from ${current.host}`, error);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
