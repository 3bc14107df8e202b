import { z } from 'zod';

/**
 * The largest row id or version: PostgreSQL's `integer` column. A larger number sent by a client
 * would reach the driver and fail there (a 500); bounded here, it is a 400 naming the field.
 */
export const MAX_ROW_NUMBER = 2_147_483_647;

/** A row id or version in a JSON body: a whole number from 1 to MAX_ROW_NUMBER. */
export function rowNumberField() {
  return z.number().int().positive().max(MAX_ROW_NUMBER);
}

/** The same in a URL (path segment or query string), where it arrives as text. */
export function rowNumberParam() {
  return z.coerce.number().int().positive().max(MAX_ROW_NUMBER);
}
