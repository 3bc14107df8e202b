import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { loadConfig } from '#src/config/config.ts';
import { createContext } from '#src/cli/bootstrap.ts';
import { runAdminQuery, startTestServer, type TestServer } from '../../support/test-server.ts';
import { signedInAs, uploadImage } from '../../support/auth.ts';
import { createPublishedArticle, createSectionFixture } from '../../support/factories.ts';

const BIN = path.resolve('bin/qalam.js');

/** Runs the real CLI to its end with the given environment. */
function qalam(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += String(c)));
    child.stderr.on('data', (c: Buffer) => (stderr += String(c)));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

function envOf(config: { dataDir: string; database: { kind: string; url?: string } }): Record<string, string> {
  return { DATA_DIR: config.dataDir, ...(config.database.kind === 'postgres' ? { DATABASE_URL: (config.database as { url: string }).url } : {}) };
}

describe('qalam backup and restore', () => {
  let server: TestServer;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-backup-'));
  let cleanups: Array<() => Promise<void>> = [];
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.close();
    for (const cleanup of cleanups) await cleanup();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('copies while writes continue, and restores every article and image acknowledged before it started', async () => {
    const section = await createSectionFixture(server.context);
    const editor = await signedInAs(server, 'editor');
    const acknowledged: string[] = [];
    for (let i = 0; i < 10; i++) acknowledged.push((await createPublishedArticle(server.context, { sectionId: section.id, title: `Before ${i}`, slug: `before-${i}` })).slug);
    const images: string[] = [];
    for (let i = 0; i < 3; i++) {
      const png = await sharp({ create: { width: 32 + i, height: 24, channels: 3, background: '#a52' } }).png().toBuffer();
      const upload = await uploadImage(server, editor, png, `photo-${i}.png`);
      assert.equal(upload.status, 201, await upload.text());
    }
    for (const row of await server.context.database.db.selectFrom('media').select('file_key').execute()) images.push(row.file_key);

    // Writes go on while the backup runs.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await createPublishedArticle(server.context, { sectionId: section.id, title: `During ${written}`, slug: `during-${written++}` });
        // SQLite answers in microtasks only: let the event loop hear from the backup process.
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const backupDir = path.join(root, 'backup');
    const taken = await qalam(['backup', '--to', backupDir], envOf(server.context.config));
    writing = false;
    await writer;
    assert.equal(taken.status, 0, taken.stderr);
    assert.ok(written > 0, 'writes went on during the backup');
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'));
    assert.equal(manifest.database, server.context.database.kind);
    assert.ok(manifest.counts.articles >= 10 && manifest.counts.media === 3, JSON.stringify(manifest));

    // An empty target: a new data folder, and on PostgreSQL a new database with the same schema name.
    const targetEnv: Record<string, string> = { DATA_DIR: path.join(root, 'restored') };
    if (server.context.config.database.kind === 'postgres') {
      const base = process.env.DATABASE_URL!;
      const name = `restore_${randomBytes(5).toString('hex')}`;
      await runAdminQuery(base, `create database ${name}`);
      cleanups.push(() => runAdminQuery(base, `drop database ${name} with (force)`));
      const url = new URL(server.context.config.database.url);
      url.pathname = `/${name}`;
      targetEnv.DATABASE_URL = url.toString();
    }
    const restored = await qalam(['restore', '--from', backupDir], targetEnv);
    assert.equal(restored.status, 0, restored.stderr);

    const context = createContext(loadConfig({ ...targetEnv, LOG_LEVEL: 'silent' }));
    try {
      const slugs = new Set((await context.database.db.selectFrom('articles').select('slug').execute()).map((r) => r.slug));
      for (const slug of acknowledged) assert.ok(slugs.has(slug), `article ${slug} restored`);
      const keys = (await context.database.db.selectFrom('media').select('file_key').execute()).map((r) => r.file_key);
      assert.deepEqual(keys.sort(), [...images].sort());
      for (const key of keys) assert.ok(fs.statSync(path.join(context.config.mediaDir, key)).size > 0, `image ${key} restored`);
    } finally {
      await context.database.close();
    }

    const again = await qalam(['restore', '--from', backupDir], targetEnv);
    assert.notEqual(again.status, 0);
    assert.match(again.stderr, /not empty/);
  });
});
