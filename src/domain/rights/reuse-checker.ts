import type { Executor } from '#src/db/database.ts';
import { publicArticlePath } from '#src/domain/articles/article-public-path.ts';
import { findRedirect } from '#src/domain/redirects/redirect-repository.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import { Invalid } from '#src/lib/errors.ts';
import { findFingerprintHits, findOriginals, type OriginalRecord } from './fingerprint-repository.ts';
import type { LicenceCheck } from './licences.ts';
import type { PageLink } from './page-text.ts';
import { alignWords } from './reuse-alignment.ts';
import { originalText } from './reuse-index.ts';
import { findLink, isOurAddress, type LinkFinding } from './reuse-links.ts';
import type { ReusePolicy } from './reuse-policy-repository.ts';
import { verdictFor, worstVerdict, type NO_MATCH, type Verdict } from './reuse-verdict.ts';
import { sentenceStarts, splitWords, type Word } from './reuse-words.ts';
import { lookupHashes } from './winnowing.ts';

/**
 * The reuse check: which of our published articles a page reproduces, how much, with what link,
 * and the verdict under the policy. Candidates come from the fingerprint index (hash lookups,
 * never a scan of the articles); each candidate is then aligned word by word (reuse-alignment.ts).
 */

/** A fingerprint in more articles than this is a common phrase ("the ministry said on"): not looked up. */
export const COMMON_PHRASE_ARTICLES = 20;

/** Candidates aligned per check, those sharing the most fingerprints with the page first. */
export const MAX_CANDIDATES = 12;

/** A page reduced to what is checked: its main text, its links, its address. */
export type CheckedPage = {
  text: string;
  links: PageLink[];
  url: string | null;
  robotsNofollow: boolean;
  /** The page came as plain text: its "links" are addresses written in it. */
  isText: boolean;
};

/** A passage the page reproduces: offsets [start, end) in the original's text and in the page's main text (UTF-16 units), and the page's words. */
export type ReusedPassage = { original: [number, number]; page: [number, number]; text: string };

/** What the page reproduces of one article. */
export type ReuseMatch = {
  article: { id: number; url: string; title: string };
  /** Percent (one decimal) of the original's words (title, standfirst, body) the page reproduces. */
  shareOfOriginal: number;
  /** Percent (one decimal) of the page's main-text words that are the original's. */
  shareOfText: number;
  link: LinkFinding;
  licensed: boolean;
  verdict: Verdict;
  passages: ReusedPassage[];
  /** The original's text the passages' `original` offsets index. */
  originalText: string;
};

/** The check's whole answer. */
export type ReuseReport = {
  verdict: Verdict | typeof NO_MATCH;
  /** Matches, the largest share of the original first. */
  matches: ReuseMatch[];
  page: { text: string; url: string | null; words: number };
};

/** Percent with one decimal. */
function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10;
}

/**
 * The page's word hashes, with the words of links to our site made unmatchable: a credit line
 * ("Source: <a>the original's headline</a>", or our address written out, whose slug repeats the
 * headline) attributes the text; it is not a reuse of it. Each such word gets a number no word
 * hash can be (hashes are 32-bit), so it still counts among the page's words.
 */
function attributionExcluded(words: Word[], links: PageLink[], baseUrl: string): number[] {
  const hashes = words.map((w) => w.hash);
  for (const link of links) {
    if (link.offset === null || link.end === null || !isOurAddress(link.href, baseUrl)) continue;
    words.forEach((word, k) => {
      if (word.start >= link.offset! && word.end <= link.end!) hashes[k] = 2 ** 32 + k;
    });
  }
  return hashes;
}

/** The candidates: articles sharing the most index fingerprints with the page. */
async function candidates(db: Executor, hashes: number[]): Promise<number[]> {
  const hits = await findFingerprintHits(db, lookupHashes(hashes), COMMON_PHRASE_ARTICLES);
  const shared = new Map<number, number>();
  for (const hit of hits) shared.set(hit.articleId, (shared.get(hit.articleId) ?? 0) + 1);
  return [...shared.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MAX_CANDIDATES)
    .map(([id]) => id);
}

/** The paths that show an article: its canonical one and, for Kazakh, its Latin reading. */
async function articlePaths(db: Executor, original: OriginalRecord, kazakhLatin: boolean): Promise<string[]> {
  const path = await publicArticlePath(db, original);
  if (original.language !== 'kk' || !kazakhLatin) return [path];
  return [path, `/kk-latn${path.replace(/^\/kk(?=\/)/, '')}`];
}

/** Checks a page against the index under `policy`. */
export async function checkPage(
  db: Executor,
  page: CheckedPage,
  options: { policy: ReusePolicy; baseUrl: string; isLicensed: LicenceCheck; now: string },
): Promise<ReuseReport> {
  const words = splitWords(page.text);
  if (words.length === 0) throw new Invalid(page.isText ? 'text' : 'html', 'The page has no words to check.');
  const pageHashes = attributionExcluded(words, page.links, options.baseUrl);
  const ids = await candidates(db, pageHashes);
  const originals = await findOriginals(db, ids, options.now);
  const settings = await loadSettings(db);
  const pageStarts = sentenceStarts(page.text, words);
  const matches: ReuseMatch[] = [];
  for (const original of originals) {
    const text = originalText(original);
    const originalWords = splitWords(text);
    const alignment = alignWords(
      originalWords.map((w) => w.hash),
      pageHashes,
      { original: sentenceStarts(text, originalWords), page: pageStarts },
    );
    if (alignment.passages.length === 0) continue;
    const passages: ReusedPassage[] = alignment.passages.map((p) => {
      const pageRange: [number, number] = [words[p.page[0]]!.start, words[p.page[1] - 1]!.end];
      return { original: [originalWords[p.original[0]]!.start, originalWords[p.original[1] - 1]!.end], page: pageRange, text: page.text.slice(...pageRange) };
    });
    const paths = await articlePaths(db, original, settings.kazakhLatin);
    const link = await findLink(page, { baseUrl: options.baseUrl, paths, redirectOf: (path) => findRedirect(db, path) }, options.policy, passages.map((p) => p.page));
    const shareOfOriginal = percent(alignment.originalWords, originalWords.length);
    const shareOfText = percent(alignment.pageWords, words.length);
    const licensed = await options.isLicensed(original.id, page.url);
    matches.push({
      article: { id: original.id, url: new URL(paths[0]!, options.baseUrl).href, title: original.title },
      shareOfOriginal,
      shareOfText,
      link,
      licensed,
      verdict: verdictFor({ shareOfOriginal, shareOfText, link, licensed }, options.policy),
      passages,
      originalText: text,
    });
  }
  matches.sort((a, b) => b.shareOfOriginal - a.shareOfOriginal || a.article.id - b.article.id);
  return { verdict: worstVerdict(matches.map((m) => m.verdict)), matches, page: { text: page.text, url: page.url, words: words.length } };
}

/** The report in the JSON shape of `qalam rights check` (issue 10): verdict, then per match the article, shares, link, verdict and passages. */
export function reportJson(report: ReuseReport) {
  return {
    verdict: report.verdict,
    matches: report.matches.map((m) => ({
      article: m.article,
      shareOfOriginal: m.shareOfOriginal,
      shareOfText: m.shareOfText,
      link: { present: m.link.present, href: m.link.href, compliant: m.link.compliant, reason: m.link.reason },
      verdict: m.verdict,
      passages: m.passages.map((p) => ({ original: p.original, page: p.page, text: p.text })),
    })),
  };
}
