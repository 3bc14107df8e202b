import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Standard Webhooks (standardwebhooks.com) signing, by its reference library: a receiver verifies
 * a delivery with `new Webhook(secret).verify(body, headers)` in any language it has.
 */

/** A new signing secret: `whsec_` and 24 random bytes in base64 (the spec asks for 24 to 64 bytes). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** A new message id (the webhook-id header): unique per message, kept across retries so receivers can drop duplicates. */
export function newMessageId(): string {
  return `msg_${randomBytes(16).toString('hex')}`;
}

/** The headers that sign `body` for `secret`: webhook-id, webhook-timestamp (seconds) and webhook-signature (v1, HMAC-SHA256). */
export function signedHeaders(secret: string, messageId: string, at: Date, body: string): Record<string, string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(messageId, at, body),
  };
}
