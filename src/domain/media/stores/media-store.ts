import type { Readable } from 'node:stream';

/**
 * Where uploaded media and their variants live, by file key (`ab/abcdef…/w640.webp`, see
 * image-variants.ts): the media folder on local disk (the default), or S3-compatible object
 * storage that several app hosts on one database share (MEDIA_STORE=s3://bucket/prefix). Keys are
 * content-addressed, so a key is written once and never changes meaning; two hosts writing the
 * same key write the same bytes.
 */
export type MediaStore = {
  /** What and where, for logs and messages ("the media folder /data/media", "s3://bucket/prefix"). */
  readonly description: string;
  /** Stores `data` (bytes, or the file at that path) under `key` with its type (default: by the key's extension); answers its size in bytes. */
  put(key: string, data: Buffer | { path: string }, contentType?: string): Promise<number>;
  /** A stored file to send, or undefined when there is none under `key`. */
  get(key: string): Promise<StoredMedia | undefined>;
  /** Every key stored, in no particular order (backups walk them). */
  keys(): AsyncIterable<string>;
};

/** A stored file opened for sending. */
export type StoredMedia = {
  body: Readable;
  /** Bytes. */
  size: number;
  /** When it was written (an HTTP date is made from it). */
  modifiedAt: Date;
  contentType: string;
};

/** The media types of the files Qalam writes, by extension. */
const CONTENT_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', avif: 'image/avif' };

/** The media type of a key by its extension; application/octet-stream for anything else. */
export function contentTypeOfKey(key: string): string {
  return CONTENT_TYPES[key.slice(key.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}

/** A file key as Qalam writes them: folders and a name of letters, digits, "-", "_" and ".", nothing that climbs out. */
const KEY_PATTERN = /^(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*\/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

/** Whether `key` is a file key a store may be asked for (no "..", no absolute path, no empty part). */
export function isMediaKey(key: string): boolean {
  return key.length <= 300 && KEY_PATTERN.test(key) && !key.split('/').includes('..');
}

/** The store could not write a file (unreachable, refused, disk full): a fault of the server, not of the upload. */
export class MediaStoreError extends Error {
  override name = 'MediaStoreError';
  constructor(description: string, cause: unknown) {
    super(`Could not write to ${description}: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}
