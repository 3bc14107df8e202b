import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BIN = path.resolve('bin/qalam.js');
const PREVIEW = path.resolve('../shared/corpus/wxr/theme-preview.xml');

function qalam(args: string[], dataDir: string) {
  const { PATH, HOME } = process.env;
  return spawnSync(process.execPath, [BIN, ...args], { cwd: os.tmpdir(), env: { PATH, HOME, LOG_LEVEL: 'silent', DATA_DIR: dataDir }, encoding: 'utf8' });
}

describe('qalam import on the command line', () => {
  it('prints a dry run without writing, then imports, then finds nothing new on a second run', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-import-cli-'));
    try {
      const dry = qalam(['import', 'wordpress', PREVIEW, '--dry-run', '--no-media-fetch'], dataDir);
      assert.equal(dry.status, 0, dry.stderr);
      assert.match(dry.stdout, /Dry run of the WordPress import/);
      assert.match(dry.stdout, /articles\s+7 new/);
      const real = qalam(['import', 'wordpress', PREVIEW, '--no-media-fetch', '--json'], dataDir);
      assert.equal(real.status, 0, real.stderr);
      const report = JSON.parse(real.stdout) as { counts: { articles: { created: number } } };
      assert.equal(report.counts.articles.created, 7, 'the dry run wrote nothing');
      const again = qalam(['import', 'wordpress', PREVIEW, '--no-media-fetch'], dataDir);
      assert.match(again.stdout, /articles\s+0 new, 0 updated, 7 unchanged/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses an entity bomb and a missing file with exit 2 and a message', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-import-cli-'));
    try {
      const bomb = path.join(dataDir, 'bomb.xml');
      fs.writeFileSync(bomb, '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;">]><rss><channel>&lol1;</channel></rss>');
      const refused = qalam(['import', 'wordpress', bomb], dataDir);
      assert.equal(refused.status, 2);
      assert.match(refused.stderr, /DOCTYPE/);
      assert.match(refused.stderr, /Nothing was imported/);
      const missing = qalam(['import', 'ghost', path.join(dataDir, 'nope.json')], dataDir);
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /no such file/);
      const unnamed = qalam(['import'], dataDir);
      assert.equal(unnamed.status, 2);
      assert.match(unnamed.stderr, /wordpress or ghost/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
