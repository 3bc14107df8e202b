import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLogThrottle } from './logger.ts';

describe('createLogThrottle', () => {
  it('logs a cause once per interval, without a stack, and counts what it left out', () => {
    let now = 0;
    const lines: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
    const logger = {
      info: (fields: object, message: string) => lines.push({ level: 'info', fields: fields as Record<string, unknown>, message }),
      warn: (fields: object, message: string) => lines.push({ level: 'warn', fields: fields as Record<string, unknown>, message }),
    } as never;
    const log = createLogThrottle(10_000, () => now);
    for (let i = 0; i < 122; i++) {
      log(logger, 'warn', 'database-unreachable:ECONNREFUSED', 'The database is unreachable');
      log(logger, 'info', 'client-gone', 'A client went away');
      now += 150; // 122 requests over about 18 s
    }
    assert.deepEqual(
      lines.map((l) => [l.level, l.fields.cause, l.fields.sameCauseLeftOut]),
      [
        ['warn', 'database-unreachable:ECONNREFUSED', undefined],
        ['info', 'client-gone', undefined],
        ['warn', 'database-unreachable:ECONNREFUSED', 66],
        ['info', 'client-gone', 66],
      ],
    );
    assert.ok(lines.every((l) => !('err' in l.fields) && !('stack' in l.fields)));
  });
});
