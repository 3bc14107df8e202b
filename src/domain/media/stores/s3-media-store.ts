import fsp from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { MediaStoreConfig } from '#src/config/config.ts';
import { contentTypeOfKey, isMediaKey, type MediaStore } from './media-store.ts';

/** How long a store request may take: an image of 25 MB over a slow link, at most. */
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * Media in S3-compatible object storage (AWS S3, MinIO, Ceph, R2 …), under the bucket and key
 * prefix MEDIA_STORE names: every app host on one database reads and writes the same files.
 */
export function createS3MediaStore(config: Extract<MediaStoreConfig, { kind: 's3' }>): MediaStore {
  // The SDK is loaded at the first request, not at start: evaluating it took about 5% of a start-up's
  // CPU on every install, and most keep their media on local disk.
  let connection: Promise<{ sdk: typeof import('@aws-sdk/client-s3'); client: S3Client }> | undefined;
  const connect = () =>
    (connection ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: config.region,
        ...(config.endpoint ? { endpoint: config.endpoint } : {}),
        ...(config.credentials ? { credentials: config.credentials } : {}),
        forcePathStyle: config.forcePathStyle,
        requestHandler: { requestTimeout: REQUEST_TIMEOUT_MS, connectionTimeout: 5_000 },
      }),
    })));
  const objectKey = (key: string) => (config.prefix ? `${config.prefix}/${key}` : key);
  const listPrefix = config.prefix ? `${config.prefix}/` : '';
  return {
    description: `s3://${config.bucket}${config.prefix ? `/${config.prefix}` : ''}`,

    async put(key, data, contentType) {
      if (!isMediaKey(key)) throw new Error(`Not a media key: ${JSON.stringify(key)}`);
      // Images are at most 25 MB (ADR 0008): one PUT, no multipart upload.
      const body = Buffer.isBuffer(data) ? data : await fsp.readFile(data.path);
      const { sdk, client } = await connect();
      await client.send(new sdk.PutObjectCommand({ Bucket: config.bucket, Key: objectKey(key), Body: body, ContentType: contentType ?? contentTypeOfKey(key), ContentLength: body.length }));
      return body.length;
    },

    async get(key) {
      if (!isMediaKey(key)) return undefined;
      const { sdk, client } = await connect();
      try {
        const object = await client.send(new sdk.GetObjectCommand({ Bucket: config.bucket, Key: objectKey(key) }));
        if (!(object.Body instanceof Readable)) throw new Error(`The store answered ${key} without a readable body.`);
        return {
          body: object.Body,
          size: object.ContentLength ?? 0,
          modifiedAt: object.LastModified ?? new Date(0),
          contentType: object.ContentType ?? 'application/octet-stream',
        };
      } catch (error) {
        if (error instanceof sdk.NoSuchKey || (error instanceof sdk.S3ServiceException && error.$metadata.httpStatusCode === 404)) return undefined;
        throw error;
      }
    },

    async *keys() {
      const { sdk, client } = await connect();
      let token: string | undefined;
      do {
        const page = await client.send(new sdk.ListObjectsV2Command({ Bucket: config.bucket, Prefix: listPrefix, ContinuationToken: token }));
        for (const object of page.Contents ?? []) if (object.Key) yield object.Key.slice(listPrefix.length);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
  };
}
