import { z } from 'zod';
import type { Role } from '#src/db/schema.ts';
import { textField } from '#src/lib/text-input.ts';
import { ROLES } from './actor.ts';

/** Input of a new account; without a password one is generated (and must be changed at first sign-in). */
export const newUserSchema = z.object({
  /** Sign-in address; unique, compared without case. */
  email: textField().trim().max(320, 'This email address is too long.').pipe(z.email('Enter a valid email address, such as name@example.kz.')),
  /** Display name; defaults to the part of the email before "@". */
  name: textField().trim().max(120, 'Use at most 120 characters.').optional(),
  /** contributor, author, editor or admin. */
  role: z.enum(ROLES as [Role, ...Role[]], { message: `Choose one of: ${ROLES.join(', ')}.` }),
  /** Chosen password (never cleaned: every character counts); omitted: a generated temporary one. */
  password: z.string().optional(),
});
export type NewUserInput = z.input<typeof newUserSchema>;
