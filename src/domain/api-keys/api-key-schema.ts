import { z } from 'zod';
import type { Role } from '#src/db/schema.ts';
import { ROLES } from '#src/domain/people/actor.ts';
import { textField } from '#src/lib/text-input.ts';

/** Input of a new API key, as the newsroom form (or any later entrance) hands it to the service. */
export const newApiKeySchema = z.object({
  /** What the key is for, so a list of keys can be read ("Mobile app", "CMS importer"). */
  name: textField().trim().min(1, 'Give the key a name that says what uses it.').max(100, 'Use at most 100 characters.'),
  /** The rights the key acts with: contributor, author, editor or admin. */
  role: z.enum(ROLES as [Role, ...Role[]], { message: `Choose one of: ${ROLES.join(', ')}.` }),
  /** When the key stops working (ISO-8601 instant), or null for never. */
  expiresAt: z.iso.datetime({ offset: true, message: 'Give the expiry as a date.' }).nullable(),
});
export type NewApiKeyInput = z.input<typeof newApiKeySchema>;
