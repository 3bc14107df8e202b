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
});
