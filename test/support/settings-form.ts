import type { SiteSettings } from '#src/domain/settings/settings-repository.ts';

/**
 * The settings page's form fields that keep the stored settings as they are (the RSS link set, Kazakh
 * Latin on): tests spread it and add the fields they change.
 */
export function unchangedSettingsForm(stored: SiteSettings): Record<string, string> {
  return {
    name: stored.name,
    tagline: stored.tagline,
    logoMediaId: '',
    timeZone: stored.timeZone,
    reuseSharePercent: String(stored.reuseSharePercent),
    reusePolicyText: stored.reusePolicyText,
    social_rss: '/feed.xml',
    languages: stored.languages.join(', '),
    defaultLanguage: stored.defaultLanguage,
    kazakhLatin: 'on',
    viewCounting: stored.viewCounting,
  };
}
