import type { AppContext } from '#src/app-context.ts';
import { commitAudited } from '#src/domain/audit/audited-change.ts';
import { assertAllowed, type Actor } from '#src/domain/people/actor.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Invalid } from '#src/lib/errors.ts';
import type { SafeFetchOptions } from '#src/lib/safe-fetch.ts';
import { cleanText } from '#src/lib/text-input.ts';
import { countIndex } from './fingerprint-repository.ts';
import type { LicenceCheck } from './licences.ts';
import { licenceCheckAt } from '#src/domain/licences/licence-check.ts';
import { fetchPage } from './page-fetch.ts';
import { assertNotBinaryText } from './page-input.ts';
import { extractPageText } from './page-text.ts';
import { checkPage, type CheckedPage, type ReuseReport } from './reuse-checker.ts';
import { linksInText } from './reuse-links.ts';
import { loadReusePolicy, saveReuseRules, type ReusePolicy, type ReuseRules } from './reuse-policy-repository.ts';
import { can, type RightsAction } from './rights-policy.ts';
import type { CheckRequest } from './rights-schema.ts';

function assertCan(actor: Actor, action: RightsAction, what: string): void {
  assertAllowed(actor, can(actor, action), what);
}

function absoluteUrl(field: string, value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // Refused below.
  }
  throw new Invalid(field, 'Give the page’s address as an absolute http(s) URL.');
}

/** The page of an HTML source: its main text and links (binary data refused, control characters cleaned). */
export function pageFromHtml(html: string, pageUrl: string | null, field = 'html'): CheckedPage {
  assertNotBinaryText(field, html);
  const page = extractPageText(cleanText(html, { multiline: true }), pageUrl);
  return { ...page, isText: false };
}

/** The page of a plain text: its words, and the addresses written in it as its links. */
export function pageFromText(text: string, pageUrl: string | null, field = 'text'): CheckedPage {
  assertNotBinaryText(field, text);
  const clean = cleanText(text, { multiline: true }).trim();
  return { text: clean, links: linksInText(clean), url: pageUrl, robotsNofollow: false, isText: true };
}

/** Options for tests and the command: how pages are fetched (limits, resolver) and how licences are looked up. */
export type RightsServiceOptions = {
  fetch?: Pick<SafeFetchOptions, 'resolve' | 'timeoutMs' | 'connectTimeoutMs'>;
  isLicensed?: LicenceCheck;
};

/** The rights desk: every method takes the actor first and decides by rights-policy.ts. */
export function createRightsService(context: Pick<AppContext, 'database' | 'events' | 'config'>, options: RightsServiceOptions = {}) {
  const db = context.database.db;

  /** The page a request names: fetched, parsed or taken as text. */
  async function pageOf(request: CheckRequest): Promise<CheckedPage> {
    const given = (['html', 'text', 'url'] as const).filter((key) => request[key] !== undefined);
    if (given.length !== 1) throw new Invalid(given[1] ?? 'text', 'Give exactly one of html, text or url to check.');
    if (request.url !== undefined) {
      const fetched = await fetchPage(request.url, { allowHosts: context.config.outboundAllowHosts, ...options.fetch });
      return fetched.isHtml ? pageFromHtml(fetched.body, fetched.url, 'url') : pageFromText(fetched.body, fetched.url, 'url');
    }
    const pageUrl = absoluteUrl('pageUrl', request.pageUrl);
    if (request.html !== undefined) return pageFromHtml(request.html, pageUrl);
    return pageFromText(request.text!, pageUrl);
  }

  return {
    /** Checks a page (HTML, text or URL) against our published articles under the current policy. */
    async check(actor: Actor, request: CheckRequest): Promise<ReuseReport> {
      assertCan(actor, 'check', 'check pages for reuse');
      return this.checkPage(actor, await pageOf(request));
    },

    /** Checks a page already reduced to text and links (the command reads files itself). */
    async checkPage(actor: Actor, page: CheckedPage): Promise<ReuseReport> {
      assertCan(actor, 'check', 'check pages for reuse');
      const policy = await loadReusePolicy(db);
      return checkPage(db, page, { policy, baseUrl: context.config.baseUrl, isLicensed: options.isLicensed ?? licenceCheckAt(db, nowIso()), now: nowIso() });
    },

    /** The reuse policy (the site settings' share with the stored rules). */
    async getPolicy(actor: Actor): Promise<ReusePolicy> {
      assertCan(actor, 'read-policy', 'read the reuse policy');
      return loadReusePolicy(db);
    },

    /** How many articles and fingerprints the index holds. */
    async indexSize(actor: Actor): Promise<{ fingerprints: number; hashes: number; articles: number }> {
      assertCan(actor, 'read-policy', 'read the reuse index');
      return countIndex(db);
    },

    /** Replaces the policy's rules (the share of the original stays in the site settings); audited 'rights.policy_updated'. */
    async updateRules(actor: Actor, rules: ReuseRules): Promise<void> {
      assertCan(actor, 'update-policy', 'change the reuse policy');
      if (rules.maxTextSharePercent !== null && (!Number.isInteger(rules.maxTextSharePercent) || rules.maxTextSharePercent < 0 || rules.maxTextSharePercent > 100)) {
        throw new Invalid('maxTextSharePercent', 'The share of the reusing text must be a whole number from 0 to 100, or empty for no limit.');
      }
      await commitAudited(
        context,
        actor,
        (tx) => saveReuseRules(tx, rules),
        () => ({ action: 'rights.policy_updated' as const, subjectType: 'reuse_policy', subjectId: 1, details: { rules } }),
      );
    },
  };
}

/** The rights desk bound to one app context. */
export type RightsService = ReturnType<typeof createRightsService>;
