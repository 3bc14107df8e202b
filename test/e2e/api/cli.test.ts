import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BIN = path.resolve('bin/qalam.js');

function qalam(args: string[], env: Record<string, string>) {
  const { PATH, HOME } = process.env;
  // From another working directory, as `npx qalam` or a service manager may run it.
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: os.tmpdir(),
    env: { PATH, HOME, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
  });
}

describe('the qalam command', () => {
  it('stops the start with a message naming a bad environment value', () => {
    const result = qalam(['migrate'], { PORT: 'eighty' });
    assert.equal(result.status, 78);
    assert.match(result.stderr, /PORT="eighty"/);
  });

  it('migrates a new SQLite database in DATA_DIR and reports it up to date the second time', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-cli-'));
    try {
      const first = qalam(['migrate'], { DATA_DIR: dataDir });
      assert.equal(first.status, 0, first.stderr);
      assert.match(first.stdout, /Applied: 0001-init/);
      assert.ok(fs.existsSync(path.join(dataDir, 'qalam.db')));
      const second = qalam(['migrate'], { DATA_DIR: dataDir });
      assert.equal(second.status, 0, second.stderr);
      assert.match(second.stdout, /up to date/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('names an unknown command and lists the real ones', () => {
    const result = qalam(['frobnicate'], {});
    assert.equal(result.status, 2);
    assert.match(result.stderr, /Unknown command "frobnicate"/);
    assert.match(result.stderr, /qalam migrate/);
  });

  it('exports a portal into a folder and imports it into a new data folder, refusing a second import and a source it does not read', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-cli-'));
    try {
      const from = path.join(root, 'from');
      const to = path.join(root, 'to');
      const out = path.join(root, 'export');
      assert.equal(qalam(['seed'], { DATA_DIR: from }).status, 0);
      const exported = qalam(['export', '--to', out], { DATA_DIR: from });
      assert.equal(exported.status, 0, exported.stderr);
      const articles = Number(/Exported (\d+) articles/.exec(exported.stdout)?.[1]);
      assert.ok(articles > 0, exported.stdout);
      assert.equal(JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).format, 'qalam-export');
      const imported = qalam(['import', 'qalam', out], { DATA_DIR: to });
      assert.equal(imported.status, 0, imported.stderr);
      assert.match(imported.stdout, new RegExp(`${articles} articles`));
      const again = qalam(['import', 'qalam', out], { DATA_DIR: to });
      assert.equal(again.status, 2);
      assert.match(again.stderr, /already has/);
      const other = qalam(['import', 'drupal', out], { DATA_DIR: to });
      assert.equal(other.status, 2);
      assert.match(other.stderr, /Unknown source "drupal"/);
      const notEmpty = qalam(['export', '--to', out], { DATA_DIR: from });
      assert.equal(notEmpty.status, 2);
      assert.match(notEmpty.stderr, /not empty/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
