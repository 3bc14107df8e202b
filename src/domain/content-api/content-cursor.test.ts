import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { Invalid } from '#src/lib/errors.ts';
import { decodeCursor, encodeCursor } from './content-cursor.ts';

const position = z.strictObject({ k: z.literal('published'), v: z.iso.datetime(), i: z.number().int().positive() });

describe('content cursors', () => {
  it('give back the position they were made from', () => {
    const at = { k: 'published' as const, v: '2026-03-01T09:00:00.000Z', i: 42 };
    const cursor = encodeCursor(at);
    assert.match(cursor, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(decodeCursor(cursor, position), at);
  });

  it('refuse anything else as Invalid naming cursor', () => {
    const bad = [
      '',
      'not base64!',
      encodeCursor({ k: 'updated', v: '2026-03-01T09:00:00.000Z', i: 1 }),
      encodeCursor({ k: 'published', v: 'yesterday', i: 1 }),
      encodeCursor({ k: 'published', v: '2026-03-01T09:00:00.000Z', i: -1 }),
      Buffer.from('{"k":').toString('base64url'),
      'A'.repeat(501),
    ];
    for (const text of bad) {
      assert.throws(() => decodeCursor(text, position), (error: unknown) => error instanceof Invalid && error.field === 'cursor', JSON.stringify(text));
    }
  });
});
