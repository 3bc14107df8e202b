import fsp from 'node:fs/promises';
import { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { MediaStoreConfig } from '#src/config/config.ts';
import { contentTypeOfKey, isMediaKey, type MediaStore } from './media-store.ts';

/** How long a store request may take: an image of 25 MB over a slow link, at most. */
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * Media in S3-compatible object storage (AWS S3, MinIO, Ceph, R2 …), under the bucket and key
 * prefix MEDIA_STORE names: every app host on one database reads and writes the same files.
 */
export function createS3MediaStore(config: Extract<MediaStoreConfig, { kind: 's3' }>): MediaStore {
  const client = new S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    forcePathStyle: config.forcePathStyle,
    requestHandler: { requestTimeout: REQUEST_TIMEOUT_MS, connectionTimeout: 5_000 },
  });
  const objectKey = (key: string) => (config.prefix ? `${config.prefix}/${key}` : key);
  const listPrefix = config.prefix ? `${config.prefix}/` : '';
  return {
    description: `s3://${config.bucket}${config.prefix ? `/${config.prefix}` : ''}`,

    async put(key, data, contentType) {
      if (!isMediaKey(key)) throw new Error(`Not a media key: ${JSON.stringify(key)}`);
      // Images are at most 25 MB (ADR 0008): one PUT, no multipart upload.
      const body = Buffer.isBuffer(data) ? data : await fsp.readFile(data.path);
      await client.send(new PutObjectCommand({ Bucket: config.bucket, Key: objectKey(key), Body: body, ContentType: contentType ?? contentTypeOfKey(key), ContentLength: body.length }));
      return body.length;
    },

    async get(key) {
      if (!isMediaKey(key)) return undefined;
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: objectKey(key) }));
        if (!(object.Body instanceof Readable)) throw new Error(`The store answered ${key} without a readable body.`);
        return {
          body: object.Body,
          size: object.ContentLength ?? 0,
          modifiedAt: object.LastModified ?? new Date(0),
          contentType: object.ContentType ?? 'application/octet-stream',
        };
      } catch (error) {
        if (error instanceof NoSuchKey || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)) return undefined;
        throw error;
      }
    },

    async *keys() {
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: config.bucket, Prefix: listPrefix, ContinuationToken: token }));
        for (const object of page.Contents ?? []) if (object.Key) yield object.Key.slice(listPrefix.length);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
  };
}
