import type { Executor } from '#src/db/database.ts';
import { nowIso } from '#src/lib/clock.ts';
import type { SocialNetwork } from './social-networks.ts';
import { isCdnPurgeStyle, type CdnPurgeStyle } from './cdn-purge-settings.ts';
import { isViewCounting, type ViewCounting } from './view-counting.ts';

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
  /** BCP 47 codes the site publishes in, in the order the switcher lists them. */
  languages: string[];
  /** The language whose pages sit at the root and whose names are the terms' own (one of `languages`). */
  defaultLanguage: string;
  /** Whether Kazakh articles can also be read in Latin script (/kk-latn/…). */
  kazakhLatin: boolean;
  /** The site's name, tagline and notice in the other languages; a missing one reads the default's. */
  localized: Record<string, LocalizedSettings>;
  /** The WebSub hub that gets a publish ping for every feed an article change affects, and that feeds declare (rel="hub"); null: none. */
  websubHubUrl: string | null;
  /** The IndexNow endpoint changed URLs are posted to (e.g. https://api.indexnow.org/indexnow); null: none. */
  indexNowEndpoint: string | null;
  /** The site's IndexNow key (8–128 of a–z, A–Z, 0–9 and "-"), served at /<key>.txt; null while IndexNow is off. */
  indexNowKey: string | null;
  /** Whether feed items carry the full text followed by the republication notice (otherwise the standfirst only). */
  feedsFullText: boolean;
  /** Where the surrogate keys a change invalidates are posted, so a CDN drops those pages; null: no CDN purging. */
  cdnPurgeUrl: string | null;
  /** How purge requests are sent (see cdn-purge-settings.ts). */
  cdnPurgeStyle: CdnPurgeStyle;
  /** The token purge requests carry (a secret: never shown back); null: none. */
  cdnPurgeToken: string | null;
  /** How readers' views are counted: the page request itself, or a beacon the page sends (behind a CDN). */
  viewCounting: ViewCounting;
};

/** The texts of the settings that have a value per language. */
export type LocalizedSettings = { name?: string; tagline?: string; reusePolicyText?: string };

/** The settings' texts that have a value per language, listed once (the form and settingsIn use it). */
export const LOCALIZED_SETTING_KEYS = ['name', 'tagline', 'reusePolicyText'] as const;

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
  languages: ['en', 'kk', 'ru'],
  defaultLanguage: 'en',
  kazakhLatin: true,
  localized: {},
  websubHubUrl: null,
  indexNowEndpoint: null,
  indexNowKey: null,
  feedsFullText: false,
  cdnPurgeUrl: null,
  cdnPurgeStyle: 'generic',
  cdnPurgeToken: null,
  viewCounting: 'server',
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
    languages: JSON.parse(row.languages) as string[],
    defaultLanguage: row.default_language,
    kazakhLatin: row.kazakh_latin === 1,
    localized: JSON.parse(row.localized) as SiteSettings['localized'],
    websubHubUrl: row.websub_hub_url,
    indexNowEndpoint: row.indexnow_endpoint,
    indexNowKey: row.indexnow_key,
    feedsFullText: row.feeds_full_text === 1,
    cdnPurgeUrl: row.cdn_purge_url,
    cdnPurgeStyle: isCdnPurgeStyle(row.cdn_purge_style) ? row.cdn_purge_style : 'generic',
    cdnPurgeToken: row.cdn_purge_token,
    viewCounting: isViewCounting(row.view_counting) ? row.view_counting : 'server',
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
    languages: JSON.stringify(settings.languages),
    default_language: settings.defaultLanguage,
    kazakh_latin: settings.kazakhLatin ? 1 : 0,
    localized: JSON.stringify(settings.localized),
    websub_hub_url: settings.websubHubUrl,
    indexnow_endpoint: settings.indexNowEndpoint,
    indexnow_key: settings.indexNowKey,
    feeds_full_text: settings.feedsFullText ? 1 : 0,
    cdn_purge_url: settings.cdnPurgeUrl,
    cdn_purge_style: settings.cdnPurgeStyle,
    cdn_purge_token: settings.cdnPurgeToken,
    view_counting: settings.viewCounting,
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

/**
 * The settings as a page in `language` shows them: the site name, tagline and republication notice
 * in that language where one is set, the default language's otherwise. Everything else is shared.
 */
export function settingsIn(settings: SiteSettings, language: string): SiteSettings {
  const texts = language === settings.defaultLanguage ? undefined : settings.localized[language];
  if (!texts) return settings;
  const pick = (key: (typeof LOCALIZED_SETTING_KEYS)[number]) => (texts[key]?.trim() ? texts[key] : settings[key]);
  return { ...settings, name: pick('name'), tagline: pick('tagline'), reusePolicyText: pick('reusePolicyText') };
}
