import { isSupportedLanguage, SUPPORTED_LANGUAGES } from '#src/i18n/languages.ts';
import type { AppContext } from '#src/app-context.ts';
import { commitAudited } from '#src/domain/audit/audited-change.ts';
import { findMediaByIds } from '#src/domain/media/media-repository.ts';
import { assertAllowed, type Actor } from '#src/domain/people/actor.ts';
import { Invalid } from '#src/lib/errors.ts';
import { listArticleLanguages } from '#src/domain/articles/article-repository.ts';
import type { Executor } from '#src/db/database.ts';
import { listSections } from '#src/domain/sections/section-repository.ts';
import { checkedDistribution } from './distribution-settings.ts';
import { checkedCdnPurge } from './cdn-purge-settings.ts';
import { isViewCounting, VIEW_COUNTING_MODES } from './view-counting.ts';
import { CONVERTED_EDITIONS, isLanguageCode } from './language-codes.ts';
import { can } from './settings-policy.ts';
import { loadSettings, saveSettings, type SiteSettings } from './settings-repository.ts';

function changedFields(before: SiteSettings, after: SiteSettings): string[] {
  return (Object.keys(after) as Array<keyof SiteSettings>).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/**
 * Refuses a language setup the site cannot serve: no language, a code that is not BCP 47 as
 * LANGUAGE_CODE_PATTERN allows, a code twice, a default outside the list, texts for a language the
 * site does not have, or dropping a language articles are written in (their pages would vanish).
 */
async function assertLanguages(db: Executor, settings: SiteSettings): Promise<void> {
  const { languages, defaultLanguage } = settings;
  if (languages.length === 0) throw new Invalid('languages', 'The site needs at least one language.');
  for (const code of languages) {
    if (!isLanguageCode(code)) throw new Invalid('languages', `"${code}" is not a language code such as kk, ru or en.`);
    // A language needs a catalogue (src/i18n) before its pages can be drawn in it.
    if (!isSupportedLanguage(code)) {
      throw new Invalid('languages', `Qalam has no translation of its pages into "${code}" yet (it has ${SUPPORTED_LANGUAGES.filter((l) => !l.script).map((l) => l.code).join(', ')}).`);
    }
    const base = CONVERTED_EDITIONS.get(code);
    if (base) throw new Invalid('languages', `${code} is not written separately: its pages are the ${base} articles converted (the Kazakh Latin setting).`);
  }
  if (new Set(languages).size !== languages.length) throw new Invalid('languages', 'Each language may be listed once.');
  if (!languages.includes(defaultLanguage)) {
    throw new Invalid('defaultLanguage', `The default language must be one of the site's languages (${languages.join(', ')}).`);
  }
  for (const code of Object.keys(settings.localized)) {
    if (!languages.includes(code)) throw new Invalid('localized', `There are texts for "${code}", which is not one of the site's languages.`);
  }
  const sectionSlugs = new Set((await listSections(db)).map((section) => section.slug));
  const shadowed = languages.find((code) => sectionSlugs.has(code.toLowerCase()));
  if (shadowed) throw new Invalid('languages', `The section at /${shadowed.toLowerCase()} would hide the ${shadowed} pages: change its slug first.`);
  const orphaned = (await listArticleLanguages(db)).filter((code) => !languages.includes(code));
  if (orphaned.length > 0) {
    throw new Invalid('languages', `Articles are written in ${orphaned.join(', ')}: move or delete them before removing the language.`);
  }
}

/**
 * The site settings: every method takes the actor first and decides by settings-policy.ts. Without
 * `config` (callers that only read) no host counts as allowed inside the network for ping targets.
 */
export function createSettingsService(context: Pick<AppContext, 'database' | 'events'> & Partial<Pick<AppContext, 'config'>>) {
  const db = context.database.db;
  return {
    /** The site name, time zone and languages newsroom pages show: public facts (every page shows them), so no policy check. */
    async forDisplay(): Promise<Pick<SiteSettings, 'name' | 'timeZone' | 'languages' | 'defaultLanguage'>> {
      const { name, timeZone, languages, defaultLanguage } = await loadSettings(db);
      return { name, timeZone, languages, defaultLanguage };
    },

    /** The settings as stored (the defaults on an install that has none yet). */
    async get(actor: Actor): Promise<SiteSettings> {
      assertAllowed(actor, can(actor, 'read'), 'read the site settings');
      return loadSettings(db);
    },

    /**
     * Replaces the settings (the logo must be an image in the media library; the ping targets
     * checked by checkedDistribution, an IndexNow endpoint given a key if it has none); the audit
     * entry names the changed fields, and 'settings.updated' after commit lets the public site show them.
     */
    async update(actor: Actor, proposed: SiteSettings): Promise<void> {
      assertAllowed(actor, can(actor, 'update'), 'change the site settings');
      const allowHosts = context.config?.outboundAllowHosts ?? [];
      if (!isViewCounting(proposed.viewCounting)) throw new Invalid('viewCounting', `Choose one of: ${VIEW_COUNTING_MODES.join(', ')}.`);
      const settings = { ...proposed, ...checkedDistribution(proposed, allowHosts), ...checkedCdnPurge(proposed, allowHosts) };
      const change = async (tx: Parameters<typeof loadSettings>[0]) => {
        if (settings.logoMediaId !== null && !(await findMediaByIds(tx, [settings.logoMediaId])).has(settings.logoMediaId)) {
          throw new Invalid('logoMediaId', `There is no image #${settings.logoMediaId} in the media library.`);
        }
        await assertLanguages(tx, settings);
        const before = await loadSettings(tx);
        await saveSettings(tx, settings);
        return changedFields(before, settings);
      };
      const audit = (changed: string[]) => ({ action: 'settings.updated' as const, subjectType: 'settings', subjectId: 1, details: { changed } });
      await commitAudited(context, actor, change, audit, 'settings.updated');
    },
  };
}
