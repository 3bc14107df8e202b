import { z } from 'zod';
import { MAX_ROW_NUMBER, rowNumberParam } from '#src/lib/id-input.ts';
import { textField } from '#src/lib/text-input.ts';

/** A database id in a URL segment: a positive whole number. */
export const idSchema = rowNumberParam();

/** `/:id` route parameters, shared by every route that names one row. */
export const idParamsSchema = z.object({ id: idSchema });

/**
 * A form field holding an id or nothing (a select or a text box): empty is null, digits are an id
 * within the database's range, anything else is refused with `message`.
 */
export function optionalIdFormField(message: string) {
  return textField()
    .trim()
    .regex(/^\d*$/, message)
    .transform((value) => (value === '' ? null : Number(value)))
    .pipe(z.number().max(MAX_ROW_NUMBER, message).nullable());
}
