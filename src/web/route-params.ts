import { z } from 'zod';
import { rowNumberParam } from '#src/lib/id-input.ts';

/** A database id in a URL segment: a positive whole number. */
export const idSchema = rowNumberParam();

/** `/:id` route parameters, shared by every route that names one row. */
export const idParamsSchema = z.object({ id: idSchema });
