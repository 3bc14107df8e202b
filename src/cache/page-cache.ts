import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, brotliDecompressSync, constants as zlibConstants, gunzipSync, gzip, gzipSync } from 'node:zlib';
import { contentDigest } from '#src/lib/content-digest.ts';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** The content codings a cached page is kept in. */
export type Encoding = 'br' | 'gzip' | 'identity';

/**
 * A rendered page. Its UTF-8 bytes are there from the start; a compressed coding is made the
 * first time a client asks for it and kept with the page, so a miss pays for one coding at most
 * and a hit for none. Once the cache holds a compressed coding of a page it lets the UTF-8 bytes
 * go (three to five times the size of the coding, and nearly every reader's browser asks for br
 * or gzip): a client that asks for none has them decoded from the compressed coding, and kept.
 */
export type CachedPage = {
  /** The strong validator of the identity bytes, without quotes; each coding adds a suffix. */
  hash: string;
  /** The page's bytes in each coding kept: identity from the start, see above for when it leaves. */
  bodies: Partial<Record<Encoding, Buffer>>;
  /** Surrogate keys: what this page shows (article:ID, section:ID, media:ID, lists, ...). */
  tags: string[];
  /** The Content-Type it is served with. */
  contentType: string;
  /** An HTTP date for Last-Modified (feeds: their newest item), when the page has one. */
  lastModified?: string;
  /** Bytes held for this entry: every coding it keeps, and ENTRY_BYTES for the rest of it. */
  size: number;
  /** When it was stored (ms since the epoch), set by PageCache.set. */
  storedAt?: number;
  /** When it goes out of date by itself (ms since the epoch: a banner's end), whatever its age; unset: only maxAgeMs bounds it. */
  expiresAt?: number;
  /** The article whose view each reader's request of this page counts, where views are counted on the server (ADR 0073). */
  viewOf?: number;
};

/** The ETag of a page in a coding: a different coding is a different representation (RFC 9110 §8.8.3). */
export function etagFor(page: CachedPage, encoding: Encoding): string {
  return encoding === 'identity' ? `"${page.hash}"` : `"${page.hash}-${encoding === 'br' ? 'br' : 'gz'}"`;
}

/** Whether an If-None-Match header matches the page in any coding (weak comparison, RFC 9110 §13.1.2). */
export function matchesIfNoneMatch(header: string | undefined, page: CachedPage): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((raw) => {
    const tag = raw.trim().replace(/^W\//, '');
    return tag === `"${page.hash}"` || tag === `"${page.hash}-br"` || tag === `"${page.hash}-gz"`;
  });
}

/**
 * Whether a conditional GET's If-Modified-Since is satisfied: only without If-None-Match, which
 * takes precedence (RFC 9110 §13.1.3), and only for a page that has a Last-Modified.
 */
export function notModifiedSince(ifModifiedSince: string | undefined, ifNoneMatch: string | undefined, page: CachedPage): boolean {
  if (!ifModifiedSince || ifNoneMatch || !page.lastModified) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && Date.parse(page.lastModified) <= since;
}

/**
 * The bytes in a memory block of their own, exactly their size. A Buffer may be a view of a larger
 * block that stays allocated as long as the view does: zlib hands back a slice of its 16 KB output
 * chunk (a 5 KB Brotli page held 16 KB), and Buffer.from puts a short string in a shared 8 KB pool
 * slab. A cached page lives for minutes, so what it keeps alive must be what the budget counts.
 */
function ownBytes(bytes: Buffer): Buffer {
  if (bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length) return bytes;
  const own = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(own);
  return own;
}

/**
 * What a cached page holds besides its bodies, counted against the budget with them: its key, tags
 * and their index, the page object, and the header blocks the cache front keeps for it. Measured
 * at ~2 KB a page (a worker's heap after a full collection, 4,000 against 16,000 cached articles).
 * Small beside a page's UTF-8 bytes, but not beside its Brotli coding: 64 MB of 3.4 KB article
 * codings kept another 32 MB of heap the budget did not see.
 */
export const ENTRY_BYTES = 2048;

const utf8 = new TextEncoder();
/** Where a page's UTF-8 is written before it is copied into a block of its own: room for 87,000 UTF-16 units (3 bytes each at most). */
let scratch: Buffer | undefined;
const SCRATCH_BYTES = 256 * 1024;

/**
 * A text's UTF-8 bytes in a block of their own. A rendered page is a rope of many pieces with some
 * two-byte text (the language switcher's names, a dash): Buffer.from measures it and then writes it,
 * two passes over the flattened rope; encoding into a scratch block is one pass and a copy, ~7 µs
 * less for an article page (ADR 0068). Lone surrogates become U+FFFD either way (WHATWG encode).
 */
function utf8Bytes(text: string): Buffer {
  if (text.length * 3 > SCRATCH_BYTES) return ownBytes(Buffer.from(text, 'utf8'));
  scratch ??= Buffer.allocUnsafeSlow(SCRATCH_BYTES);
  const { written } = utf8.encodeInto(text, scratch);
  const own = Buffer.allocUnsafeSlow(written);
  scratch.copy(own, 0, 0, written);
  return own;
}

/** A page from its text: UTF-8 bytes and a content hash; no coding made yet. */
export function makePage(text: string, tags: string[], contentType = 'text/html; charset=utf-8', lastModified?: string): CachedPage {
  const identity = utf8Bytes(text);
  const hash = contentDigest(identity);
  return { hash, bodies: { identity }, tags, contentType, size: identity.length + ENTRY_BYTES, ...(lastModified ? { lastModified } : {}) };
}

/**
 * The page's UTF-8 bytes: kept, or decoded from a compressed coding kept in their place (gzip
 * first: it inflates faster than Brotli decodes). At once on the event loop: decoding a page's few
 * KB takes tens of µs, less than a trip through the thread pool costs.
 */
function identityOf(page: CachedPage): Buffer {
  const { identity, gzip: gzipped, br } = page.bodies;
  if (identity) return identity;
  if (gzipped) return gunzipSync(gzipped);
  if (br) return brotliDecompressSync(br);
  throw new Error(`page ${page.hash} has no body`);
}

/**
 * How hard a coding is worked for: 'kept' for a page the cache holds, compressed once and sent many
 * times; 'once' for a page sent once and dropped (cache off or full, a signed-in person's page), on
 * the request path of every such request.
 */
type Effort = 'kept' | 'once';

/**
 * The smallest Brotli window (2^bits bytes, 2^10 to the default 2^22) holding all of `length`: a
 * larger one compresses no better (there is nothing further back to refer to) but makes each call
 * allocate a 4 MB ring buffer and hash tables, which the thread pool's malloc arenas keep after the
 * call: tens of MB of a worker's resident memory.
 */
function windowBits(length: number): number {
  return Math.min(22, Math.max(10, Math.ceil(Math.log2(length + 16))));
}

function compress(identity: Buffer, encoding: Exclude<Encoding, 'identity'>, effort: Effort): Promise<Buffer> {
  if (effort === 'once') {
    // Brotli quality 0 against 5: about 20% more bytes for a sixth of the CPU or less (~40 µs
    // against ~300 µs for a 12 KB article); quality 1 came out 1% smaller for ~14 µs more a page
    // (ADR 0068). A 256 KB window (pages are smaller) saves allocating the default 4 MB. That
    // little work costs less done at once than handed to the thread pool (~100-200 µs of the
    // event loop's time per call in the stream machinery).
    if (encoding === 'gzip') return Promise.resolve(gzipSync(identity, { level: 1 }));
    return Promise.resolve(
      brotliCompressSync(identity, {
        params: {
          [zlibConstants.BROTLI_PARAM_QUALITY]: 0,
          [zlibConstants.BROTLI_PARAM_LGWIN]: 18,
          [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
          [zlibConstants.BROTLI_PARAM_SIZE_HINT]: identity.length,
        },
      }),
    );
  }
  if (encoding === 'gzip') return gzipAsync(identity, { level: 6 });
  // Quality 5: on our pages it came out within 0.5% of quality 9's size at about 1/25 of its CPU
  // (0.35 ms against 8.8 ms for an 11 KB article).
  return brotliAsync(identity, {
    params: {
      [zlibConstants.BROTLI_PARAM_QUALITY]: 5,
      [zlibConstants.BROTLI_PARAM_LGWIN]: windowBits(identity.length),
      [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: identity.length,
    },
  });
}

/**
 * Tags whose last invalidation is remembered at most; past it the oldest marks are forgotten and
 * a render that began before them is refused whatever its tags (safe, and only for a moment: a
 * render takes milliseconds, and thousands of distinct tags rarely change within one).
 */
const MAX_TAG_MARKS = 10_000;

/**
 * Rendered pages by key (a canonical path), bounded by bytes and evicting the least recently
 * used, with a tag index for precise invalidation. One per process; see cache-invalidation.ts.
 */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  /** The key `entries` holds last (the most recently used), if known. */
  private newestKey: string | undefined;
  private readonly keysByTag = new Map<string, Set<string>>();
  /** Each stored page's key, so a coding made later is counted against the right entry. */
  private readonly keyOf = new WeakMap<CachedPage, string>();
  private bytes = 0;
  /** Bumped by every invalidation: a render reads it when it begins (see `generation`). */
  private sequence = 0;
  /** The sequence number of each tag's last invalidation, oldest first. */
  private readonly tagMarks = new Map<string, number>();
  /** A render whose generation is below this is stale whatever its tags (after clear(), or when marks were forgotten). */
  private staleFloor = 0;
  /** Renders under way for anonymous readers, by key, that later readers of the key may wait for. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  /**
   * @param maxBytes bytes held at most (all codings); least recently used pages leave first
   * @param maxAgeMs how long a page may live without an invalidation: bounds staleness when another
   *   process changed something and no event reached this one
   */
  constructor(
    private readonly maxBytes = 24 * 1024 * 1024,
    private readonly maxAgeMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current invalidation generation, read before rendering and handed back to set(). */
  get generation(): number {
    return this.sequence;
  }

  /**
   * Whether a page with these tags, rendered from what the database held at `generation`, may be
   * out of date: one of its tags (or everything) was invalidated since. Per tag, so a live story
   * republished every second does not keep every other page out of the cache.
   */
  isStale(tags: readonly string[], generation: number): boolean {
    if (generation < this.staleFloor) return true;
    return tags.some((tag) => (this.tagMarks.get(tag) ?? 0) > generation);
  }

  /**
   * Runs `work` (a render that stores its page) once for every caller asking for `key` while it
   * runs: concurrent misses of one page render it once (single flight). A caller arriving after an
   * invalidation starts a new run, since the one under way may have read what was just changed.
   */
  singleFlight<T>(key: string, work: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const started = work().finally(() => {
      if (this.inFlight.get(key) === started) this.inFlight.delete(key);
    });
    this.inFlight.set(key, started);
    return started;
  }

  /** The cached page for a key, marked as recently used. */
  get(key: string): CachedPage | undefined {
    const page = this.entries.get(key);
    if (!page) return undefined;
    const now = this.now();
    if (now - (page.storedAt ?? 0) > this.maxAgeMs || (page.expiresAt !== undefined && now >= page.expiresAt)) {
      this.delete(key);
      return undefined;
    }
    // Already the most recently used (a page read over and over): moving it would change nothing,
    // and each move leaves a deleted slot the Map must later compact, on the cache front's every hit.
    if (key !== this.newestKey) {
      this.entries.delete(key);
      this.entries.set(key, page);
      this.newestKey = key;
    }
    return page;
  }

  /** Stores a page unless one of its tags was invalidated since `generation` was read; answers whether it did. */
  set(key: string, page: CachedPage, generation: number): boolean {
    if (this.isStale(page.tags, generation) || page.size > this.maxBytes) return false;
    this.delete(key);
    page.storedAt = this.now();
    this.entries.set(key, page);
    this.newestKey = key;
    this.keyOf.set(page, key);
    this.bytes += page.size;
    for (const tag of page.tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) this.keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    this.evictOverBudget();
    return true;
  }

  private evictOverBudget(): void {
    while (this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
  }

  /**
   * The page's bytes in a coding, made on first demand and kept with the page (and counted against
   * the budget while the page is cached). A page the cache does not hold is compressed fast:
   * nobody else will be sent those bytes. The first compressed coding a held page keeps takes the
   * place of its UTF-8 bytes, which are decoded from it when a client asks for them again.
   * Concurrent first requests may both make a coding; the first result is kept.
   */
  async bodyIn(page: CachedPage, encoding: Encoding): Promise<Buffer> {
    const made = page.bodies[encoding];
    if (made) return made;
    const key = this.keyOf.get(page);
    const isHeld = () => key !== undefined && this.entries.get(key) === page;
    const identity = identityOf(page);
    const body = encoding === 'identity' ? identity : await compress(identity, encoding, isHeld() ? 'kept' : 'once');
    if (page.bodies[encoding]) return page.bodies[encoding];
    if (!isHeld()) {
      // Kept for the others sent this same page (readers who waited for one render), not counted.
      page.bodies[encoding] = body;
      page.size += body.length;
      return body;
    }
    const kept = ownBytes(body);
    const replacesIdentity = encoding !== 'identity' && page.bodies.identity !== undefined && !page.bodies.br && !page.bodies.gzip;
    const freed = replacesIdentity ? page.bodies.identity!.length : 0;
    if (replacesIdentity) delete page.bodies.identity;
    page.bodies[encoding] = kept;
    page.size += kept.length - freed;
    this.bytes += kept.length - freed;
    this.evictOverBudget();
    return kept;
  }

  /** Drops every page carrying any of the tags, and marks them so a render under way is not stored. */
  invalidateTags(tags: string[]): void {
    this.sequence++;
    this.inFlight.clear();
    for (const tag of tags) {
      // Re-inserted, so the map stays ordered by age and the oldest marks are forgotten first.
      this.tagMarks.delete(tag);
      this.tagMarks.set(tag, this.sequence);
      for (const key of [...(this.keysByTag.get(tag) ?? [])]) this.delete(key);
    }
    for (const [tag, mark] of this.tagMarks) {
      if (this.tagMarks.size <= MAX_TAG_MARKS) break;
      this.tagMarks.delete(tag);
      this.staleFloor = Math.max(this.staleFloor, mark);
    }
  }

  /** Drops everything; no render under way is stored. */
  clear(): void {
    this.sequence++;
    this.staleFloor = this.sequence;
    this.tagMarks.clear();
    this.inFlight.clear();
    this.entries.clear();
    this.newestKey = undefined;
    this.keysByTag.clear();
    this.bytes = 0;
  }

  /** Number of cached pages and bytes held (for tests and monitoring). */
  stats(): { pages: number; bytes: number } {
    return { pages: this.entries.size, bytes: this.bytes };
  }

  private delete(key: string): void {
    const page = this.entries.get(key);
    if (!page) return;
    this.entries.delete(key);
    if (key === this.newestKey) this.newestKey = undefined;
    this.bytes -= page.size;
    for (const tag of page.tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys && keys.size === 0) this.keysByTag.delete(tag);
    }
  }
}
