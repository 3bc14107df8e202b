/** What a person can be notified of (issue 11, item 5); stored in notifications.kind. */
export const NOTIFICATION_KINDS = [
  'review_submitted',
  'review_returned',
  'review_approved',
  'mention',
  'schedule_published',
  'schedule_failed',
  'correction_added',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Where a kind of notification reaches a person. */
export type Channels = { inApp: boolean; byMail: boolean };

/**
 * Defaults for someone who chose nothing: everything in the newsroom; by mail what asks the
 * person to act (a submission to review, their article returned, a mention, a failed schedule, a
 * correction to their text), not what merely confirms (approved, published on schedule).
 */
export const DEFAULT_CHANNELS: Readonly<Record<NotificationKind, Channels>> = {
  review_submitted: { inApp: true, byMail: true },
  review_returned: { inApp: true, byMail: true },
  review_approved: { inApp: true, byMail: false },
  mention: { inApp: true, byMail: true },
  schedule_published: { inApp: true, byMail: false },
  schedule_failed: { inApp: true, byMail: true },
  correction_added: { inApp: true, byMail: true },
};

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}
