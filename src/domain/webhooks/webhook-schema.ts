import { z } from 'zod';
import { textField } from '#src/lib/text-input.ts';
import { WEBHOOK_EVENT_TYPES } from './webhook-events.ts';

/** Longest endpoint URL kept (characters). */
export const MAX_WEBHOOK_URL_LENGTH = 2000;

/** A new endpoint, as the API and the newsroom form send it; the service checks the URL further. */
export const webhookEndpointInputSchema = z.object({
  /** Where deliveries are POSTed: an absolute http or https URL. */
  url: textField().trim().min(1, 'Enter the URL deliveries go to.').max(MAX_WEBHOOK_URL_LENGTH),
  /** A note for the newsroom: who receives this and why. */
  description: textField().trim().max(300).default(''),
  /** The event types it receives; at least one. */
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, 'Choose at least one event.').max(WEBHOOK_EVENT_TYPES.length),
  /** Whether deliveries are sent (default yes). */
  enabled: z.boolean().default(true),
});
export type WebhookEndpointInput = z.infer<typeof webhookEndpointInputSchema>;

/** Changes to an endpoint: any of the fields above. Enabling one clears its failure count. */
export const webhookEndpointPatchSchema = z.object({
  url: webhookEndpointInputSchema.shape.url.optional(),
  description: textField().trim().max(300).optional(),
  events: webhookEndpointInputSchema.shape.events.optional(),
  enabled: z.boolean().optional(),
});
export type WebhookEndpointPatch = z.infer<typeof webhookEndpointPatchSchema>;
