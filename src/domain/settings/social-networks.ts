/** Networks the site header links to, in the seed page's order. */
export const SOCIAL_NETWORKS = ['facebook', 'instagram', 'tiktok', 'x', 'telegram', 'youtube', 'rss'] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

/** Each network's name as readers and editors see it (the link's accessible name, the settings field's label). */
export const SOCIAL_NETWORK_LABELS: Readonly<Record<SocialNetwork, string>> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  tiktok: 'TikTok',
  x: 'X (Twitter)',
  telegram: 'Telegram',
  youtube: 'YouTube',
  rss: 'RSS feed',
};
