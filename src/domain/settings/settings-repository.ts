import type { Executor } from '#src/db/database.ts';
import { nowIso } from '#src/lib/clock.ts';
import type { SocialNetwork } from './social-networks.ts';

/** The site's settings as the domain uses them. */
export type SiteSettings = {
  name: string;
  tagline: string;
  logoMediaId: number | null;
  /** Network → URL, in display order; known networks are listed in SOCIAL_NETWORKS. */
  socialLinks: Partial<Record<SocialNetwork, string>>;
  timeZone: string;
  /** Share of an article (percent) others may reuse with a link. */
  reuseSharePercent: number;
  /** The republication notice; `{share}` stands for the percentage, `{site}` for the site name. */
  reusePolicyText: string;
};

/** What a new install starts with (a row every install needs, written by `migrate`). */
export const DEFAULT_SETTINGS: SiteSettings = {
  name: 'Qalam News',
  tagline: 'News and stories from Qazaqstan',
  logoMediaId: null,
  socialLinks: { rss: '/feed.xml' },
  timeZone: 'Asia/Almaty',
  reuseSharePercent: 30,
  reusePolicyText:
    'Only {share}% of an article published on {site} may be used, with a mandatory hyperlink to the original. To republish a full article, written permission from the editors is required.',
};

const SETTINGS_ROW_ID = 1;

/** Reads the settings row; an install that has none yet gets the defaults. */
export async function loadSettings(db: Executor): Promise<SiteSettings> {
  const row = await db.selectFrom('site_settings').selectAll().where('id', '=', SETTINGS_ROW_ID).executeTakeFirst();
  if (!row) return DEFAULT_SETTINGS;
  return {
    name: row.name,
    tagline: row.tagline,
    logoMediaId: row.logo_media_id,
    socialLinks: JSON.parse(row.social_links) as SiteSettings['socialLinks'],
    timeZone: row.time_zone,
    reuseSharePercent: row.reuse_share_percent,
    reusePolicyText: row.reuse_policy_text,
  };
}

/** Writes the whole settings row (insert or update). */
export async function saveSettings(db: Executor, settings: SiteSettings): Promise<void> {
  const values = {
    name: settings.name,
    tagline: settings.tagline,
    logo_media_id: settings.logoMediaId,
    social_links: JSON.stringify(settings.socialLinks),
    time_zone: settings.timeZone,
    reuse_share_percent: settings.reuseSharePercent,
    reuse_policy_text: settings.reusePolicyText,
    updated_at: nowIso(),
  };
  await db
    .insertInto('site_settings')
    .values({ id: SETTINGS_ROW_ID, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

/** Creates the settings row with defaults if the install has none. */
export async function ensureSettings(db: Executor): Promise<void> {
  const row = await db.selectFrom('site_settings').select('id').where('id', '=', SETTINGS_ROW_ID).executeTakeFirst();
  if (!row) await saveSettings(db, DEFAULT_SETTINGS);
}

/** The republication notice with its placeholders filled in. */
export function reusePolicyNotice(settings: SiteSettings): string {
  return settings.reusePolicyText
    .replaceAll('{share}', String(settings.reuseSharePercent))
    .replaceAll('{site}', settings.name);
}
