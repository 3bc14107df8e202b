import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { workerExecArgv } from './cluster.ts';

describe('workerExecArgv', () => {
  it('gives workers smaller semi-spaces and a closer old-generation bound, after the primary’s own flags', () => {
    assert.deepEqual(workerExecArgv(['--enable-source-maps'], ''), ['--enable-source-maps', '--max-semi-space-size=4', '--heap-growing-percent=50']);
  });

  it('leaves a semi-space size the operator set, on the command line or in NODE_OPTIONS, in either spelling', () => {
    assert.deepEqual(workerExecArgv(['--max-semi-space-size=16'], ''), ['--max-semi-space-size=16', '--heap-growing-percent=50']);
    assert.deepEqual(workerExecArgv(['--max_semi_space_size=16'], ''), ['--max_semi_space_size=16', '--heap-growing-percent=50']);
    assert.deepEqual(workerExecArgv([], '--max-old-space-size=512 --max-semi-space-size=32'), ['--heap-growing-percent=50']);
  });

  it('leaves a growing bound the operator set on the command line, in either spelling', () => {
    assert.deepEqual(workerExecArgv(['--heap-growing-percent=100'], ''), ['--heap-growing-percent=100', '--max-semi-space-size=4']);
    assert.deepEqual(workerExecArgv(['--heap_growing_percent=20'], ''), ['--heap_growing_percent=20', '--max-semi-space-size=4']);
  });
});
