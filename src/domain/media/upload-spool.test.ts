import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STALE_UPLOAD_MS, sweepStaleUploads } from './upload-spool.ts';

describe('sweepStaleUploads', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-spool-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('removes uploads older than a request can live and keeps fresh ones and other files', async () => {
    const now = Date.now();
    const write = (name: string, ageMs: number) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, 'x');
      const when = new Date(now - ageMs);
      fs.utimesSync(file, when, when);
    };
    write('upload-left-by-a-crash', STALE_UPLOAD_MS + 60_000);
    write('upload-in-progress', 5_000);
    write('not-an-upload', STALE_UPLOAD_MS * 2);
    assert.equal(await sweepStaleUploads(dir, STALE_UPLOAD_MS, now), 1);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['not-an-upload', 'upload-in-progress']);
  });

  it('answers 0 when the folder does not exist yet', async () => {
    assert.equal(await sweepStaleUploads(path.join(dir, 'missing')), 0);
  });
});
