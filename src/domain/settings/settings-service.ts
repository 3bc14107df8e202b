import type { AppContext } from '#src/app-context.ts';
import { commitAudited } from '#src/domain/audit/audited-change.ts';
import { findMediaByIds } from '#src/domain/media/media-repository.ts';
import { assertAllowed, type Actor } from '#src/domain/people/actor.ts';
import { Invalid } from '#src/lib/errors.ts';
import { can } from './settings-policy.ts';
import { loadSettings, saveSettings, type SiteSettings } from './settings-repository.ts';

function changedFields(before: SiteSettings, after: SiteSettings): string[] {
  return (Object.keys(after) as Array<keyof SiteSettings>).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/** The site settings: every method takes the actor first and decides by settings-policy.ts. */
export function createSettingsService(context: Pick<AppContext, 'database' | 'events'>) {
  const db = context.database.db;
  return {
    /** The site name and time zone newsroom pages show: public facts (every page prints them), so no policy check. */
    async forDisplay(): Promise<Pick<SiteSettings, 'name' | 'timeZone'>> {
      const { name, timeZone } = await loadSettings(db);
      return { name, timeZone };
    },

    /** The settings as stored (the defaults on an install that has none yet). */
    async get(actor: Actor): Promise<SiteSettings> {
      assertAllowed(actor, can(actor, 'read'), 'read the site settings');
      return loadSettings(db);
    },

    /**
     * Replaces the settings (the logo must be an image in the media library); the audit entry names
     * the changed fields, and 'settings.updated' after commit lets the public site show them.
     */
    async update(actor: Actor, settings: SiteSettings): Promise<void> {
      assertAllowed(actor, can(actor, 'update'), 'change the site settings');
      const change = async (tx: Parameters<typeof loadSettings>[0]) => {
        if (settings.logoMediaId !== null && !(await findMediaByIds(tx, [settings.logoMediaId])).has(settings.logoMediaId)) {
          throw new Invalid('logoMediaId', `There is no image #${settings.logoMediaId} in the media library.`);
        }
        const before = await loadSettings(tx);
        await saveSettings(tx, settings);
        return changedFields(before, settings);
      };
      const audit = (changed: string[]) => ({ action: 'settings.updated' as const, subjectType: 'settings', subjectId: 1, details: { changed } });
      await commitAudited(context, actor, change, audit, 'settings.updated');
    },
  };
}
