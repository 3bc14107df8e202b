import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { workerExecArgv } from './cluster.ts';

describe('workerExecArgv', () => {
  it('gives workers smaller semi-spaces, after the primary’s own flags', () => {
    assert.deepEqual(workerExecArgv(['--enable-source-maps'], ''), ['--enable-source-maps', '--max-semi-space-size=4']);
  });

  it('leaves a size the operator set, on the command line or in NODE_OPTIONS, in either spelling', () => {
    assert.deepEqual(workerExecArgv(['--max-semi-space-size=16'], ''), ['--max-semi-space-size=16']);
    assert.deepEqual(workerExecArgv(['--max_semi_space_size=16'], ''), ['--max_semi_space_size=16']);
    assert.deepEqual(workerExecArgv([], '--max-old-space-size=512 --max-semi-space-size=32'), []);
  });
});
