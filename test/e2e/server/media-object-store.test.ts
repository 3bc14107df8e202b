import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import sharp from 'sharp';
import { createContext } from '#src/cli/bootstrap.ts';
import { ConfigError, loadConfig } from '#src/config/config.ts';
import { runAdminQuery, startTestServer, type TestServer } from '../../support/test-server.ts';
import { signedInAs, uploadImage } from '../../support/auth.ts';

const BIN = path.resolve('bin/qalam.js');
const BUCKET = 'qalam-media';
// s3rver accepts any signature made with its default key pair.
const KEYS = { S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' };

type MediaView = { id: number; url: string; variants: Array<{ url: string; format: string; width: number }> };

function qalam(args: string[], env: Record<string, string>): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env } });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += String(c)));
    child.on('exit', (status) => resolve({ status, stderr }));
  });
}

describe('media in S3-compatible object storage (MEDIA_STORE=s3://…)', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-s3-'));
  let s3: S3rver;
  let endpoint: string;
  let client: S3Client;
  let server: TestServer;
  let storeEnv: Record<string, string>;
  let uploaded: MediaView;
  const cleanups: Array<() => Promise<void>> = [];

  /**
   * The environment of a new install beside the server's: its own data folder (and PostgreSQL
   * database), media under `prefix` of the bucket. `sameSchema`: the URL still selects the server's
   * schema by name (a restore recreates it); otherwise the new database's default one.
   */
  async function emptyInstall(name: string, prefix: string, { sameSchema }: { sameSchema: boolean }): Promise<Record<string, string>> {
    const env: Record<string, string> = { DATA_DIR: path.join(root, name), ...storeEnv, MEDIA_STORE: `s3://${BUCKET}/${prefix}` };
    if (server.context.config.database.kind === 'postgres') {
      const base = process.env.DATABASE_URL!;
      const database = `${name}_${randomBytes(5).toString('hex')}`;
      await runAdminQuery(base, `create database ${database}`);
      cleanups.push(() => runAdminQuery(base, `drop database ${database} with (force)`));
      const url = new URL(server.context.config.database.url);
      url.pathname = `/${database}`;
      if (!sameSchema) url.searchParams.delete('options');
      env.DATABASE_URL = url.toString();
    }
    return env;
  }

  const objectKeys = async (prefix: string) =>
    ((await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${prefix}/` }))).Contents ?? []).map((object) => object.Key!.slice(prefix.length + 1)).sort();
  const objectBytes = async (key: string) => Buffer.from(await (await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToByteArray());

  before(async () => {
    s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(root, 's3'), configureBuckets: [{ name: BUCKET, configs: [] }] });
    const { port } = await s3.run();
    endpoint = `http://127.0.0.1:${port}`;
    client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    storeEnv = { MEDIA_STORE: `s3://${BUCKET}/site-a`, S3_ENDPOINT: endpoint, ...KEYS };
    server = await startTestServer(storeEnv);
    const editor = await signedInAs(server, 'editor');
    const png = await sharp({ create: { width: 700, height: 400, channels: 3, background: '#2a6' } }).png().toBuffer();
    const response = await uploadImage(server, editor, png, 'field.png', { caption: 'A field' });
    const text = await response.text();
    assert.equal(response.status, 201, text);
    uploaded = JSON.parse(text) as MediaView;
  });
  after(async () => {
    await server.close();
    for (const cleanup of cleanups) await cleanup();
    client.destroy();
    await s3.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('writes an upload’s original and variants to the bucket under the prefix, none to the media folder', async () => {
    const keys = await objectKeys('site-a');
    const expected = [uploaded.url, ...uploaded.variants.map((v) => v.url)].map((url) => decodeURIComponent(url.replace(/^\/media\//, ''))).sort();
    assert.deepEqual(keys, expected);
    assert.ok(keys.some((key) => key.endsWith('.webp')) && keys.some((key) => /\/original\.png$/.test(key)));
    const mediaDir = server.context.config.mediaDir;
    assert.ok(!fs.existsSync(mediaDir) || fs.readdirSync(mediaDir, { recursive: true }).length === 0, 'nothing on local disk');
  });

  it('serves them through the app with the media folder’s headers, a 304 to a matching ETag, and 404 for what is not there', async () => {
    const local = await startTestServer();
    try {
      const editor = await signedInAs(local, 'editor');
      const png = await sharp({ create: { width: 700, height: 400, channels: 3, background: '#2a6' } }).png().toBuffer();
      const localView = (await (await uploadImage(local, editor, png, 'field.png')).json()) as MediaView;
      const variant = uploaded.variants.find((v) => v.format === 'webp')!;
      const fromS3 = await fetch(`${server.url}${variant.url}`);
      const fromDisk = await fetch(`${local.url}${localView.variants.find((v) => v.format === 'webp')!.url}`);
      assert.equal(fromS3.status, 200);
      const body = Buffer.from(await fromS3.arrayBuffer());
      assert.deepEqual(body, await objectBytes(`site-a/${decodeURIComponent(variant.url.replace(/^\/media\//, ''))}`));
      await fromDisk.arrayBuffer();
      for (const name of ['cache-control', 'content-type']) assert.equal(fromS3.headers.get(name), fromDisk.headers.get(name), name);
      assert.equal(fromS3.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(fromS3.headers.get('content-length'), String(body.length));
      assert.ok(fromS3.headers.get('last-modified'));

      const head = await fetch(`${server.url}${variant.url}`, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('content-length'), String(body.length));
      assert.equal((await head.arrayBuffer()).byteLength, 0);
      const again = await fetch(`${server.url}${variant.url}`, { headers: { 'if-none-match': fromS3.headers.get('etag')! } });
      assert.equal(again.status, 304);
      for (const missing of ['/media/ab/nothing-here/w320.webp', '/media/..%2F..%2Fetc/passwd', '/media/']) {
        const response = await fetch(`${server.url}${missing}`);
        assert.equal(response.status, 404, missing);
        await response.arrayBuffer();
      }
    } finally {
      await local.close();
    }
  });

  it('lets a second app host on the same database serve what the first uploaded', async () => {
    const second = await startTestServer(storeEnv, { databaseOf: server });
    try {
      const response = await fetch(`${second.url}${uploaded.url}`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'image/png');
      await response.arrayBuffer();
    } finally {
      await second.close();
    }
  });

  it('redirects to a public media origin when one is configured', async () => {
    const redirecting = await startTestServer({ ...storeEnv, MEDIA_PUBLIC_URL: 'https://media.example.test/site-a/' }, { databaseOf: server });
    try {
      const response = await fetch(`${redirecting.url}${uploaded.url}`, { redirect: 'manual' });
      assert.equal(response.status, 302);
      assert.equal(response.headers.get('location'), `https://media.example.test/site-a${uploaded.url.replace(/^\/media/, '')}`);
    } finally {
      await redirecting.close();
    }
  });

  it('is backed up file by file and restored into an empty prefix', async () => {
    const backupDir = path.join(root, 'backup');
    const sourceEnv = { DATA_DIR: server.context.config.dataDir, ...storeEnv, ...(server.context.config.database.kind === 'postgres' ? { DATABASE_URL: server.context.config.database.url } : {}) };
    const taken = await qalam(['backup', '--to', backupDir], sourceEnv);
    assert.equal(taken.status, 0, taken.stderr);
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'));
    const keys = await objectKeys('site-a');
    assert.equal(manifest.mediaFiles, keys.length);
    for (const key of keys) assert.deepEqual(fs.readFileSync(path.join(backupDir, 'media', key)), await objectBytes(`site-a/${key}`));

    const targetEnv = await emptyInstall('restored', 'site-b', { sameSchema: true });
    const restored = await qalam(['restore', '--from', backupDir], targetEnv);
    assert.equal(restored.status, 0, restored.stderr);
    assert.deepEqual(await objectKeys('site-b'), keys);
    const context = createContext(loadConfig({ ...targetEnv, LOG_LEVEL: 'silent' }));
    try {
      const rows = await context.database.db.selectFrom('media').select('file_key').execute();
      assert.ok(rows.length > 0 && rows.every((row) => keys.includes(row.file_key)));
    } finally {
      await context.database.close();
    }

    const refused = await qalam(['restore', '--from', backupDir], { ...targetEnv, DATA_DIR: path.join(root, 'restored-again'), ...(targetEnv.DATABASE_URL ? {} : {}) });
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /not empty/);
  });

  it('is exported with its files and imported into another install’s prefix', async () => {
    const exportDir = path.join(root, 'export');
    const sourceEnv = { DATA_DIR: server.context.config.dataDir, ...storeEnv, ...(server.context.config.database.kind === 'postgres' ? { DATABASE_URL: server.context.config.database.url } : {}) };
    const exported = await qalam(['export', '--to', exportDir], sourceEnv);
    assert.equal(exported.status, 0, exported.stderr);
    const keys = await objectKeys('site-a');
    const manifest = JSON.parse(fs.readFileSync(path.join(exportDir, 'manifest.json'), 'utf8'));
    assert.equal(manifest.media.files, keys.length);
    for (const key of keys) assert.deepEqual(fs.readFileSync(path.join(exportDir, 'media', key)), await objectBytes(`site-a/${key}`));

    const imported = await qalam(['import', 'qalam', exportDir], await emptyInstall('imported', 'site-c', { sameSchema: false }));
    assert.equal(imported.status, 0, imported.stderr);
    assert.deepEqual(await objectKeys('site-c'), keys);
    for (const key of keys) assert.deepEqual(await objectBytes(`site-c/${key}`), await objectBytes(`site-a/${key}`));
  });
});

describe('the media store configuration', () => {
  it('takes s3://bucket/prefix with the S3 settings, and defaults to the media folder', () => {
    const config = loadConfig({ DATA_DIR: '/srv/qalam', MEDIA_STORE: 's3://news-media/prod/', S3_ENDPOINT: 'https://s3.example.kz', ...KEYS });
    assert.deepEqual(config.mediaStore, {
      kind: 's3',
      bucket: 'news-media',
      prefix: 'prod',
      endpoint: 'https://s3.example.kz',
      region: 'us-east-1',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      forcePathStyle: true,
    });
    assert.deepEqual(loadConfig({ DATA_DIR: '/srv/qalam' }).mediaStore, { kind: 'local', dir: '/srv/qalam/media' });
  });

  it('refuses a malformed store, half a key pair and a non-http public origin, naming the variable', () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ MEDIA_STORE: 'bucket/prefix' }, /MEDIA_STORE=.*s3:\/\/bucket/],
      [{ MEDIA_STORE: 's3://Bad_Bucket' }, /MEDIA_STORE=/],
      [{ MEDIA_STORE: 's3://media', S3_ACCESS_KEY_ID: 'only-id' }, /S3_SECRET_ACCESS_KEY=.*set both or neither/],
      [{ MEDIA_PUBLIC_URL: 'ftp://media.example' }, /MEDIA_PUBLIC_URL=/],
    ];
    for (const [env, message] of cases) assert.throws(() => loadConfig(env), (error: unknown) => error instanceof ConfigError && message.test(error.message), JSON.stringify(env));
  });
});
