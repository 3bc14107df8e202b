import { z } from 'zod';

/** A database id in a URL segment: a positive whole number. */
export const idSchema = z.coerce.number().int().positive();

/** `/:id` route parameters, shared by every route that names one row. */
export const idParamsSchema = z.object({ id: idSchema });
