import type { PageLink } from './page-text.ts';
import type { ReusePolicy } from './reuse-policy-repository.ts';

/**
 * Does the page link to the original, and does the link meet the policy? A link to the original
 * is one to its canonical address (any scheme, with or without www., query string or fragment),
 * to its Kazakh Latin reading, or to any address of ours that redirects to it. A link to our home
 * page or a section is not a link to the original (unless the policy does not ask for the article).
 */

/** What the checker reports about the link. */
export type LinkFinding = {
  present: boolean;
  /** The link found (the best one when there are several), or null. */
  href: string | null;
  compliant: boolean;
  /** Why, in words: what was found and which rule it meets or breaks. */
  reason: string;
};

/** Where the original lives: our origin and the paths that show it. */
export type OriginalAddress = {
  /** Our site's base URL (BASE_URL). */
  baseUrl: string;
  /** The article's canonical path and the other paths that show it (the Kazakh Latin reading). */
  paths: string[];
  /** Where one of our old paths now redirects to (the redirects table), or undefined. */
  redirectOf: (path: string) => Promise<string | undefined>;
};

/** rel words that tell search engines not to pass credit through the link (Google: "Qualify your outbound links"). */
const UNFOLLOWED_REL = ['nofollow', 'ugc', 'sponsored'];

/** Characters of main text within which a link counts as near a reused passage. */
export const NEAR_CHARS = 400;

/** A host without a leading www., lower case: example.kz and www.example.kz are one site. */
function siteHost(url: URL): string {
  return url.hostname.toLowerCase().replace(/^www\./, '');
}

function normalPath(pathname: string): string {
  let path = pathname;
  try {
    path = decodeURI(pathname);
  } catch {
    // An undecodable path compares as written.
  }
  return (path.length > 1 ? path.replace(/\/+$/, '') : path).toLowerCase();
}

function parse(href: string): URL | undefined {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `href` is an address on our site (any scheme, with or without www.). */
export function isOurAddress(href: string, baseUrl: string): boolean {
  const url = parse(href);
  return url !== undefined && siteHost(url) === siteHost(new URL(baseUrl));
}

type Kind = 'article' | 'masked' | 'site';

/** What a link leads to: the original, the original through someone's redirector, another page of ours, or elsewhere. */
async function classify(link: PageLink, ours: URL, address: OriginalAddress, targets: Set<string>): Promise<Kind | undefined> {
  const url = parse(link.href);
  if (!url) return undefined;
  if (siteHost(url) === siteHost(ours)) {
    const path = normalPath(url.pathname);
    if (targets.has(path)) return 'article';
    const moved = await address.redirectOf(path === '/' ? path : url.pathname.replace(/\/+$/, ''));
    if (moved && targets.has(normalPath(moved))) return 'article';
    return 'site';
  }
  // Our address carried inside another site's address (away.php?to=…, a shortener's preview): a masked link.
  let decoded = `${url.search}${url.hash}`;
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // Keep it as written.
  }
  for (const candidate of decoded.match(/https?:\/\/[^\s&"'<>]+/gi) ?? []) {
    const inner = parse(candidate);
    if (inner && siteHost(inner) === siteHost(ours) && targets.has(normalPath(inner.pathname))) return 'masked';
  }
  return undefined;
}

/** The rules a link to the original breaks, in words (none: compliant). */
function brokenRules(link: PageLink, kind: Kind, robotsNofollow: boolean, policy: ReusePolicy, passages: Array<[number, number]>, isText: boolean): string[] {
  const broken: string[] = [];
  if (policy.link.indexable) {
    const rel = link.rel.filter((word) => UNFOLLOWED_REL.includes(word));
    if (rel.length > 0) broken.push(`it carries rel="${rel.join(' ')}", so search engines do not follow it`);
    if (robotsNofollow) broken.push('the page tells robots not to follow its links (meta robots nofollow)');
    if (kind === 'masked') broken.push(`it goes through a redirect at ${new URL(link.href).host} instead of pointing at us`);
    if (isText) broken.push('it is an address written in the text, not a link');
  }
  if (policy.link.placement === 'near-quote') {
    if (link.offset === null) broken.push('it sits outside the main text (in the page’s header, footer or sidebar), not near the reused text');
    else if (!passages.some(([start, end]) => link.offset! >= start - NEAR_CHARS && link.offset! <= end + NEAR_CHARS)) broken.push('it is not near the reused text');
  }
  return broken;
}

/** The link finding for one original on a page, under `policy`; `passages` are the reused text's offsets in the page's main text. */
export async function findLink(
  page: { links: PageLink[]; robotsNofollow: boolean; isText: boolean },
  address: OriginalAddress,
  policy: ReusePolicy,
  passages: Array<[number, number]>,
): Promise<LinkFinding> {
  const ours = new URL(address.baseUrl);
  const targets = new Set(address.paths.map(normalPath));
  const found: Array<{ link: PageLink; kind: Kind; broken: string[] }> = [];
  for (const link of page.links) {
    const kind = await classify(link, ours, address, targets);
    if (!kind || (kind === 'site' && policy.link.toArticle)) {
      if (kind === 'site') found.push({ link, kind, broken: ['it leads to our home page or a section, not to the original article'] });
      continue;
    }
    found.push({ link, kind, broken: brokenRules(link, kind, page.robotsNofollow, policy, passages, page.isText) });
  }
  const toOriginal = found.filter((f) => f.kind !== 'site' || !policy.link.toArticle);
  const best = toOriginal.find((f) => f.broken.length === 0) ?? toOriginal[0];
  if (best) {
    const compliant = best.broken.length === 0;
    const where = best.link.offset === null ? 'outside the main text' : 'in the main text';
    return {
      present: true,
      href: best.link.href,
      compliant,
      reason: compliant ? `Links to the original ${where}; the link meets the policy.` : `Links to the original, but ${best.broken.join('; ')}.`,
    };
  }
  const home = found.find((f) => f.kind === 'site');
  if (home) return { present: false, href: home.link.href, compliant: false, reason: 'Links only to our home page or a section, not to the original article.' };
  return { present: false, href: null, compliant: false, reason: page.isText ? 'The text names no address of the original.' : 'No link to the original on the page.' };
}

/** Addresses written in a plain text (the links a pasted text can still carry), with their offsets. */
export function linksInText(text: string): PageLink[] {
  return [...text.matchAll(/https?:\/\/[^\s<>"«»]+[^\s<>"«».,;:!?)\]]/gi)].map((match) => ({ href: match[0], rel: [], offset: match.index, end: match.index + match[0].length, text: match[0] }));
}
