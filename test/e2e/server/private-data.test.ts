import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { createCliInstall, startServeProcess, type CliInstall, type ServeProcess } from '../../support/serve-process.ts';
import { loginAs, uploadImage } from '../../support/auth.ts';

const modeOf = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

/** Every file under a folder. */
function filesUnder(folder: string): string[] {
  return fs.readdirSync(folder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('private data on disk and in the log, started under umask 022', () => {
  let install: CliInstall;
  let serve: ServeProcess;
  before(async () => {
    install = await createCliInstall();
    serve = await startServeProcess(install, { umask: '022' });
  });
  after(async () => {
    await serve.stop();
    await install.dispose();
  });

  it('keeps the data folder 0700 and the database files and uploaded media 0600', async () => {
    const user = { email: 'desk@example.kz', password: 'Tulip-Orbit-Harness-42' };
    const created = install.run(['user', 'create', '--email', user.email, '--role', 'editor', '--password', user.password]);
    assert.equal(created.status, 0, created.stderr);
    const session = await loginAs(serve, user);
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#369' } }).png().toBuffer();
    const upload = await uploadImage(serve, session, png, 'photo.png');
    assert.equal(upload.status, 201, await upload.text());

    assert.equal(modeOf(install.dataDir), '700');
    const media = path.join(install.dataDir, 'media');
    assert.equal(modeOf(media), '700');
    const mediaFiles = filesUnder(media);
    assert.ok(mediaFiles.length > 0);
    for (const file of mediaFiles) assert.equal(modeOf(file), '600', file);
    if (!process.env.DATABASE_URL) {
      for (const suffix of ['', '-wal', '-shm']) assert.equal(modeOf(path.join(install.dataDir, `qalam.db${suffix}`)), '600', `qalam.db${suffix}`);
    }
  });

  it('tightens a data folder an older version left readable', async () => {
    fs.chmodSync(install.dataDir, 0o755);
    if (!process.env.DATABASE_URL) fs.chmodSync(path.join(install.dataDir, 'qalam.db'), 0o644);
    assert.equal(install.run(['migrate']).status, 0);
    assert.equal(modeOf(install.dataDir), '700');
    if (!process.env.DATABASE_URL) assert.equal(modeOf(path.join(install.dataDir, 'qalam.db')), '600');
  });

  it('prints the first admin one-time password on the terminal only, never in the JSON log', () => {
    const output = serve.output();
    const password = /with the one-time password (\S+)/.exec(output)?.[1];
    assert.ok(password, output);
    const logLines = output.split('\n').filter((line) => line.startsWith('{'));
    assert.ok(logLines.some((line) => line.includes('First start')), 'the log says an admin was created');
    assert.deepEqual(logLines.filter((line) => line.includes(password)), [], 'no log line carries the password');
  });
});
