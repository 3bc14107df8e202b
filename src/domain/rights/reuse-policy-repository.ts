import type { Executor } from '#src/db/database.ts';
import type { LinkPlacement } from '#src/db/schema.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import { nowIso } from '#src/lib/clock.ts';

/** The republication policy as data: what the checker measures a page against. */
export type ReusePolicy = {
  /** Largest share (percent) of an original others may reuse: the site settings' share, which the public notice shows. */
  maxOriginalSharePercent: number;
  /** Largest share (percent) of the reusing page's own text that may be ours; null: no limit. */
  maxTextSharePercent: number | null;
  link: {
    /** Reuse needs a link to us. */
    required: boolean;
    /** The link must lead to the original article (not our home page or a section). */
    toArticle: boolean;
    /** The link must be one search engines follow: no rel nofollow, ugc or sponsored, no redirect masking, no robots nofollow on the page. */
    indexable: boolean;
    /** Anywhere on the page, or near a reused passage. */
    placement: LinkPlacement;
  };
  /** Reuse beyond the shares needs a licence; false: anything may be republished with a compliant link. */
  fullRepublicationNeedsLicence: boolean;
};

/** The rules stored in reuse_policy (everything but the share of the original, which lives in the site settings). */
export type ReuseRules = Omit<ReusePolicy, 'maxOriginalSharePercent'>;

/** What an install starts with: 30% with a followed link to the article anywhere on the page; more needs a licence. */
export const DEFAULT_REUSE_RULES: ReuseRules = {
  maxTextSharePercent: null,
  link: { required: true, toArticle: true, indexable: true, placement: 'anywhere' },
  fullRepublicationNeedsLicence: true,
};

const POLICY_ROW_ID = 1;

/** The policy: the stored rules (the defaults where none are stored) with the settings' share of the original. */
export async function loadReusePolicy(db: Executor): Promise<ReusePolicy> {
  const [settings, row] = await Promise.all([loadSettings(db), db.selectFrom('reuse_policy').selectAll().where('id', '=', POLICY_ROW_ID).executeTakeFirst()]);
  const rules: ReuseRules = row
    ? {
        maxTextSharePercent: row.max_text_share_percent,
        link: { required: row.link_required === 1, toArticle: row.link_to_article === 1, indexable: row.link_indexable === 1, placement: row.link_placement },
        fullRepublicationNeedsLicence: row.full_needs_licence === 1,
      }
    : DEFAULT_REUSE_RULES;
  return { maxOriginalSharePercent: settings.reuseSharePercent, ...rules };
}

/** Writes the rules (insert or update the one row). */
export async function saveReuseRules(db: Executor, rules: ReuseRules): Promise<void> {
  const values = {
    max_text_share_percent: rules.maxTextSharePercent,
    link_required: rules.link.required ? 1 : 0,
    link_to_article: rules.link.toArticle ? 1 : 0,
    link_indexable: rules.link.indexable ? 1 : 0,
    link_placement: rules.link.placement,
    full_needs_licence: rules.fullRepublicationNeedsLicence ? 1 : 0,
    updated_at: nowIso(),
  };
  await db
    .insertInto('reuse_policy')
    .values({ id: POLICY_ROW_ID, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}
