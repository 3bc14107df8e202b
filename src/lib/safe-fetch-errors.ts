/**
 * The ways an outbound fetch (safe-fetch.ts) refuses or fails: one class each, so a caller can say
 * which happened (the rights checker's 4xx, a webhook delivery's log line) without reading messages.
 */

/** What went wrong, as a stable word a caller may switch on. */
export type SafeFetchErrorCode = 'bad-url' | 'bad-scheme' | 'blocked-address' | 'too-many-redirects' | 'timeout' | 'too-large' | 'bad-status' | 'network';

/** Any refusal or failure of safeFetch; `url` is the address being fetched when it happened (after redirects). */
export class SafeFetchError extends Error {
  override name = 'SafeFetchError';
  constructor(
    readonly code: SafeFetchErrorCode,
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The text is not an absolute URL. */
export class BadUrlError extends SafeFetchError {
  override name = 'BadUrlError';
  constructor(url: string, reason = 'is not an absolute URL') {
    super('bad-url', url, `${JSON.stringify(url.slice(0, 200))} ${reason}.`);
  }
}

/** A scheme other than http and https (file:, ftp:, gopher:, data: …). */
export class BadSchemeError extends SafeFetchError {
  override name = 'BadSchemeError';
  constructor(
    url: string,
    readonly scheme: string,
  ) {
    super('bad-scheme', url, `Only http and https URLs are fetched, not ${scheme}.`);
  }
}

/** The host is, or resolves to, an address inside (loopback, private, link-local, metadata …) and no allow-list entry names it. */
export class BlockedAddressError extends SafeFetchError {
  override name = 'BlockedAddressError';
  constructor(
    url: string,
    readonly host: string,
    /** The refused address. */
    readonly address: string,
    /** ipaddr.js's name of the address's range ('loopback', 'private', 'linkLocal', …). */
    readonly range: string,
  ) {
    const resolved = host === address ? `${address}` : `${host} resolves to ${address}`;
    super('blocked-address', url, `Refused to connect: ${resolved} is ${/^[aeiou]/i.test(range) ? 'an' : 'a'} ${range} address, not a public one (an operator may allow the host).`);
  }
}

/** More redirects than allowed. */
export class TooManyRedirectsError extends SafeFetchError {
  override name = 'TooManyRedirectsError';
  constructor(
    url: string,
    readonly limit: number,
  ) {
    super('too-many-redirects', url, `Gave up after ${limit} redirect${limit === 1 ? '' : 's'}: the chain goes on past ${url}.`);
  }
}

/** No connection within the connect timeout, or no whole answer within the total one. */
export class FetchTimeoutError extends SafeFetchError {
  override name = 'FetchTimeoutError';
  constructor(
    url: string,
    readonly phase: 'connect' | 'total',
    readonly ms: number,
  ) {
    super('timeout', url, phase === 'connect' ? `No connection to ${hostOf(url)} within ${ms} ms.` : `No complete answer from ${hostOf(url)} within ${ms} ms.`);
  }
}

/** The body (as decoded) is larger than the cap; reading stopped at the cap. */
export class ResponseTooLargeError extends SafeFetchError {
  override name = 'ResponseTooLargeError';
  constructor(
    url: string,
    readonly limit: number,
  ) {
    super('too-large', url, `The answer from ${hostOf(url)} is larger than ${limit} bytes.`);
  }
}

/** An answer with a status the caller did not accept (by default anything but 2xx, and 304 to a conditional GET). */
export class BadStatusError extends SafeFetchError {
  override name = 'BadStatusError';
  constructor(
    url: string,
    readonly status: number,
  ) {
    super('bad-status', url, `${hostOf(url)} answered HTTP ${status}.`);
  }
}

/** The host name did not resolve, or the connection was refused, reset or failed TLS. */
export class NetworkError extends SafeFetchError {
  override name = 'NetworkError';
  constructor(url: string, what: string, cause?: unknown) {
    const code = (cause as { code?: unknown } | undefined)?.code;
    super('network', url, `${what}${typeof code === 'string' ? ` (${code})` : ''}.`, { cause });
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
