import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createCliInstall, startServeProcess, type CliInstall, type ServeProcess } from '../../support/serve-process.ts';

describe('the compiled server (npm run build:server)', () => {
  // Inside the project, so the bundle finds node_modules as dist/qalam.js does.
  const outDir = path.resolve('dist', `test-${randomBytes(4).toString('hex')}`);
  const bundle = path.join(outDir, 'qalam.js');
  let install: CliInstall;
  let serve: ServeProcess | undefined;

  before(async () => {
    const built = spawnSync(process.execPath, ['scripts/build-server.js', '--out', bundle], { encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    install = await createCliInstall();
  });
  after(async () => {
    await serve?.stop();
    await install?.dispose();
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('serves every kind of page, its assets and the newsroom from plain JavaScript, with workers, and stops cleanly', async () => {
    serve = await startServeProcess(install, { bin: bundle, args: ['--workers', '2'], env: { DRAIN_SECONDS: '0' } });
    for (const page of ['/', '/ru/', '/kk-latn/', '/feed.xml', '/sitemap.xml', '/favicon.ico', '/newsroom/login', '/search?q=qalam', '/api/content/articles', '/api/openapi.json']) {
      assert.equal((await fetch(`${serve.url}${page}`)).status, 200, page);
    }
    const home = await (await fetch(`${serve.url}/`)).text();
    const stylesheet = /href="(\/assets\/site\.css\?v=[^"]+)"/.exec(home)?.[1];
    assert.ok(stylesheet, 'the page names its stylesheet, fingerprinted from the file beside the sources');
    assert.equal((await fetch(`${serve.url}${stylesheet}`)).status, 200);
    serve.child.kill('SIGTERM');
    assert.equal((await serve.exited).code, 0, serve.output());
  });
});
