/**
 * The events an endpoint may subscribe to. The article events are changes readers can see: an
 * article went live, a live article changed, or a live article was taken down (back to draft, or
 * to the trash). `rights.finding.opened` is the rights desk's: the copy monitor found an outside
 * page reusing an article against the policy (a new violation, or one seen again after it was resolved).
 */
export const WEBHOOK_EVENT_TYPES = ['article.published', 'article.updated', 'article.unpublished', 'article.trashed', 'rights.finding.opened'] as const;

/** One event type of WEBHOOK_EVENT_TYPES. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What each event means, for the newsroom's form. */
export const WEBHOOK_EVENT_HELP: Record<WebhookEventType, string> = {
  'article.published': 'an article goes live (published now, on schedule, approved, or restored from the trash)',
  'article.updated': 'a live article is saved again or gets a correction',
  'article.unpublished': 'a live article is taken back to draft',
  'article.trashed': 'a live article is moved to the trash',
  'rights.finding.opened': 'the copy monitor finds an outside page reusing an article against the policy',
};

/** Whether `value` names an event type. */
export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}
