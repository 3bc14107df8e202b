import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** The environment Qalam reads, validated once at start. Nothing else reads process.env. */
const environmentSchema = z.object({
  /** TCP port the HTTP server listens on; 0 picks a free one (tests). */
  PORT: z.coerce.number({ message: 'must be a port number from 0 to 65535' }).int().min(0).max(65535).default(3000),
  /** Interface to bind. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Public origin used for canonical links, feeds and sitemaps; defaults to http://localhost:PORT. */
  BASE_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://news.example.kz' }).optional(),
  /** Folder holding the SQLite file and uploaded media. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** Unset: SQLite in DATA_DIR. postgres://… : PostgreSQL. */
  DATABASE_URL: z
    .string()
    .regex(/^(postgres|postgresql):\/\//, 'must start with postgres:// (leave it unset for SQLite)')
    .optional(),
  /** Log level of pino. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** SMTP URL (smtp://user:pass@host:port) for password-reset mail; unset: links are written to the log. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  /** Sender address of mail. */
  MAIL_FROM: z.string().default('Qalam <no-reply@localhost>'),
  /**
   * Whose X-Forwarded-For to believe: off (default: nobody's, the client's own address counts),
   * on (any proxy's), or comma-separated proxy addresses/CIDRs.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(off|on|[\d.:a-fA-F/,\s]+)$/, 'must be off, on, or proxy addresses such as 10.0.0.1,10.0.0.0/8')
    .default('off'),
  /**
   * Memory for rendered public pages, in MiB (all codings), per process; 0 turns the cache off
   * (every page is rendered from the database, as when measuring or debugging).
   */
  PAGE_CACHE_MB: z.coerce.number({ message: 'must be a number of MiB, 0 to turn the page cache off' }).min(0).max(65536).default(24),
  /** Run scheduled jobs (scheduled publishing) in this process (with workers: in one of them). */
  JOBS: z.enum(['on', 'off']).default('on'),
  /** Processes `qalam serve` runs (Node cluster); default: one per core. 1 serves from the one process. */
  WORKERS: z.coerce.number({ message: 'must be a whole number of processes, 1 or more' }).int().min(1).max(1024).optional(),
  /** Seconds a client may take to send a request's headers. */
  HEADERS_TIMEOUT_SECONDS: seconds(10),
  /**
   * Seconds a client may take to send a whole request, body included. 120 lets the largest upload
   * (25 MB) through on a 2 Mbit/s uplink; a slower sender is cut, as is a body dribbled byte by byte.
   */
  REQUEST_TIMEOUT_SECONDS: seconds(120),
  /** Seconds of silence after which a socket is closed: mid-request, or idle between keep-alive requests. */
  IDLE_TIMEOUT_SECONDS: seconds(30),
  /** Open connections one client address may hold; 0: no cap (behind a proxy every client shares its address). */
  MAX_CONNECTIONS_PER_CLIENT: z.coerce.number({ message: 'must be a whole number, 0 for no cap' }).int().min(0).default(256),
  /** Seconds after SIGTERM during which /healthz says "draining" while pages are still served. */
  DRAIN_SECONDS: seconds(5, 0),
  /** Seconds after SIGTERM at which requests still open are cut and the process exits. */
  SHUTDOWN_TIMEOUT_SECONDS: seconds(10),
  /** SQLite's synchronous pragma: full (default) survives a power cut with every acknowledged write; normal may lose the last ones. */
  SQLITE_SYNCHRONOUS: z.enum(['full', 'normal'], { message: 'must be full or normal' }).default('full'),
  /** Hours of readers' views that "Most read" counts. */
  MOST_READ_HOURS: z.coerce.number({ message: 'must be a whole number of hours' }).int().min(1).max(24 * 30).default(24),
  /** Seconds between adding this process's counted views to the database. */
  VIEWS_FLUSH_SECONDS: seconds(10),
  /** Seconds between recomputing "Most read" (pages showing it are re-rendered only when it changed). */
  MOST_READ_REFRESH_SECONDS: seconds(60),
  /**
   * Hosts that outbound requests (webhooks, fetched pages) may reach although they are inside the
   * network (loopback, private, link-local …): comma-separated `host` or `host:port`, IPv6 in
   * brackets ("127.0.0.1:4010, hooks.internal, [::1]:8080"). Empty: public addresses only.
   */
  OUTBOUND_ALLOW_HOSTS: z
    .string()
    .regex(
      /^\s*((\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?\s*(,\s*|$))*$/,
      'must be comma-separated host or host:port entries, IPv6 in brackets, such as 127.0.0.1:4010,hooks.internal',
    )
    .default(''),
  /**
   * Seconds between two requests of the copy monitor to one host (a robots.txt Crawl-delay that
   * asks for more wins, up to a minute); 0 in tests only: sites expect a crawler to pace itself.
   */
  MONITOR_HOST_DELAY_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).min(0).max(60).default(2),
  /** Seconds one request of the copy monitor may take, redirects and body included: a slow site must not hold up a poll. */
  MONITOR_TIMEOUT_SECONDS: seconds(20),
  /**
   * Where uploaded media and their variants live: unset, the media folder under DATA_DIR; or
   * s3://bucket/prefix, S3-compatible object storage that several app hosts share.
   */
  MEDIA_STORE: z
    .string()
    .regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[A-Za-z0-9!_.*'()\/-]*)?$/, 'must be s3://bucket or s3://bucket/prefix (leave it unset for the media folder)')
    .optional(),
  /** The S3 API's origin for a store other than AWS (MinIO, Ceph, R2, a provider's region URL); unset: AWS's own. */
  S3_ENDPOINT: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://s3.example.com' }).optional(),
  /** The bucket's region (many S3-compatible stores accept any). */
  S3_REGION: z.string().regex(/^[a-z0-9-]{2,40}$/, 'must be a region name such as us-east-1').default('us-east-1'),
  /** Access key id and secret; unset: the AWS SDK's own chain (AWS_* variables, instance roles). */
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Address buckets as endpoint/bucket/key (MinIO and most S3-compatible stores) rather than bucket.endpoint/key; default: on with S3_ENDPOINT. */
  S3_FORCE_PATH_STYLE: z.enum(['on', 'off'], { message: 'must be on or off' }).optional(),
  /** Where readers' browsers fetch media directly (a CDN or the bucket's public origin): /media/KEY then redirects to it; unset: the app serves media itself. */
  MEDIA_PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://media.example.kz' }).optional(),
  /** Content API requests a minute per API key, or per client address without one, in each process; 0: no limit. */
  CONTENT_API_RATE_LIMIT: z.coerce.number({ message: 'must be a whole number of requests a minute, 0 for no limit' }).int().min(0).default(600),
}).refine((e) => (e.S3_ACCESS_KEY_ID === undefined) === (e.S3_SECRET_ACCESS_KEY === undefined), {
  path: ['S3_SECRET_ACCESS_KEY'],
  message: 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both or neither',
}).refine((e) => e.HEADERS_TIMEOUT_SECONDS <= e.REQUEST_TIMEOUT_SECONDS, {
  path: ['HEADERS_TIMEOUT_SECONDS'],
  message: 'must not exceed REQUEST_TIMEOUT_SECONDS',
}).refine((e) => e.DRAIN_SECONDS < e.SHUTDOWN_TIMEOUT_SECONDS, {
  path: ['DRAIN_SECONDS'],
  message: 'must be less than SHUTDOWN_TIMEOUT_SECONDS (the hard deadline counts from the signal)',
});

/** A duration in (possibly fractional, so tests can shorten it) seconds. */
function seconds(fallback: number, minimum = 0.1) {
  return z.coerce.number({ message: 'must be a number of seconds' }).min(minimum, `must be at least ${minimum} seconds`).max(86400).default(fallback);
}

export type Config = {
  port: number;
  host: string;
  baseUrl: string;
  dataDir: string;
  mediaDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  smtpUrl: string | undefined;
  mailFrom: string;
  runJobs: boolean;
  /** Processes `qalam serve` runs (one per core unless WORKERS says). */
  workers: number;
  /** Bytes the public page cache may hold; 0: no cache. */
  pageCacheBytes: number;
  /** Fastify's trustProxy: which forwarded client addresses to believe (rate limits key on them). */
  trustProxy: boolean | string;
  /** Whether cookies get the Secure flag: true when the public origin is https. */
  secureCookies: boolean;
  /** Connection limits of the HTTP server, in milliseconds and connections. */
  http: { headersTimeoutMs: number; requestTimeoutMs: number; idleTimeoutMs: number; maxConnectionsPerClient: number };
  /** Stopping on SIGTERM: how long to keep serving while saying "draining", and when to cut what is left. */
  shutdown: { drainMs: number; deadlineMs: number };
  sqliteSynchronous: 'full' | 'normal';
  /** "Most read": its window, and how often views are flushed and the list recomputed. */
  mostRead: { windowHours: number; flushMs: number; refreshMs: number };
  /** Hosts outbound requests may reach although inside the network ("host" or "host:port"); see lib/safe-fetch.ts. */
  outboundAllowHosts: string[];
  /** Content API requests a minute per key or address (per process); 0: unlimited. */
  contentApiRateLimit: number;
  /** The copy monitor's pacing per host and time limit per request, in milliseconds (MONITOR_HOST_DELAY_SECONDS, MONITOR_TIMEOUT_SECONDS). */
  monitor: { hostDelayMs: number; timeoutMs: number };
  /** Where media files live: the media folder, or a bucket (and key prefix) of S3-compatible storage. */
  mediaStore: MediaStoreConfig;
  /** An origin readers fetch media from directly (/media/KEY redirects there); undefined: the app serves them. */
  mediaPublicUrl: string | undefined;
};

/** Where media files live (see MEDIA_STORE). */
export type MediaStoreConfig =
  | { kind: 'local'; dir: string }
  | {
      kind: 's3';
      bucket: string;
      /** Key prefix without a trailing slash; '' for the bucket's root. */
      prefix: string;
      endpoint: string | undefined;
      region: string;
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
      forcePathStyle: boolean;
    };

/** The media store MEDIA_STORE and the S3_* variables describe. */
function mediaStoreConfig(e: z.infer<typeof environmentSchema>, mediaDir: string): MediaStoreConfig {
  if (!e.MEDIA_STORE) return { kind: 'local', dir: mediaDir };
  const [bucket, ...rest] = e.MEDIA_STORE.slice('s3://'.length).split('/');
  return {
    kind: 's3',
    bucket: bucket!,
    prefix: rest.join('/').replace(/\/+$/, ''),
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION,
    credentials: e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } : undefined,
    forcePathStyle: e.S3_FORCE_PATH_STYLE ? e.S3_FORCE_PATH_STYLE === 'on' : e.S3_ENDPOINT !== undefined,
  };
}

/** Thrown for an environment that Qalam cannot start with; the message names every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses and validates the environment; throws ConfigError naming each bad variable and why. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = environmentSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '?');
      return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    baseUrl,
    dataDir,
    mediaDir: path.join(dataDir, 'media'),
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'sqlite', file: path.join(dataDir, 'qalam.db') },
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    runJobs: e.JOBS === 'on',
    workers: e.WORKERS ?? os.availableParallelism(),
    pageCacheBytes: Math.round(e.PAGE_CACHE_MB * 1024 * 1024),
    trustProxy: e.TRUST_PROXY === 'off' ? false : e.TRUST_PROXY === 'on' ? true : e.TRUST_PROXY,
    secureCookies: baseUrl.startsWith('https://'),
    http: {
      headersTimeoutMs: e.HEADERS_TIMEOUT_SECONDS * 1000,
      requestTimeoutMs: e.REQUEST_TIMEOUT_SECONDS * 1000,
      idleTimeoutMs: e.IDLE_TIMEOUT_SECONDS * 1000,
      maxConnectionsPerClient: e.MAX_CONNECTIONS_PER_CLIENT,
    },
    shutdown: { drainMs: e.DRAIN_SECONDS * 1000, deadlineMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000 },
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    mostRead: { windowHours: e.MOST_READ_HOURS, flushMs: e.VIEWS_FLUSH_SECONDS * 1000, refreshMs: e.MOST_READ_REFRESH_SECONDS * 1000 },
    outboundAllowHosts: e.OUTBOUND_ALLOW_HOSTS.split(',').map((entry) => entry.trim()).filter(Boolean),
    contentApiRateLimit: e.CONTENT_API_RATE_LIMIT,
    monitor: { hostDelayMs: Math.round(e.MONITOR_HOST_DELAY_SECONDS * 1000), timeoutMs: Math.round(e.MONITOR_TIMEOUT_SECONDS * 1000) },
    mediaStore: mediaStoreConfig(e, path.join(dataDir, 'media')),
    mediaPublicUrl: e.MEDIA_PUBLIC_URL?.replace(/\/+$/, ''),
  };
}
