import type { z } from 'zod';
import { Invalid } from '#src/lib/errors.ts';

/**
 * Opaque cursors for keyset pagination: the position of the last item of a page (its sort value and
 * id), as base64url JSON. Clients pass them back untouched; they carry no rights (every query still
 * applies the published scope), so they need no signature, only a strict check on the way in.
 */

const BAD_CURSOR = 'This cursor is not one this API gave out: pass the nextCursor of the previous page unchanged, or leave cursor out for the first page.';

/** The cursor text of a position. */
export function encodeCursor(position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** The position a cursor holds, checked against `schema`; Invalid naming `cursor` (a 4xx) for anything else. */
export function decodeCursor<T>(text: string, schema: z.ZodType<T>): T {
  if (!/^[A-Za-z0-9_-]{1,500}$/.test(text)) throw new Invalid('cursor', BAD_CURSOR);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new Invalid('cursor', BAD_CURSOR);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Invalid('cursor', BAD_CURSOR);
  return parsed.data;
}
