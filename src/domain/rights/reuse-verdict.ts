import type { ReusePolicy } from './reuse-policy-repository.ts';

/**
 * A match's verdict, checked in this order: over the allowed share, no link, a link that breaks the
 * rules, licensed, within the policy; except that a licence covering the page wins over all.
 */
export const VERDICTS = ['over-quota', 'missing-link', 'link-not-compliant', 'licensed', 'within-policy'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** What a page's verdict is when it reproduces none of our articles. */
export const NO_MATCH = 'no-match';

/** Worst first: the page's verdict is its worst match's. A licensed copy is the most clearly allowed. */
const SEVERITY: readonly Verdict[] = ['over-quota', 'missing-link', 'link-not-compliant', 'within-policy', 'licensed'];

/** The facts a verdict is drawn from. */
export type VerdictFacts = {
  shareOfOriginal: number;
  shareOfText: number;
  link: { present: boolean; compliant: boolean };
  licensed: boolean;
};

/** Whether the reuse is larger than the policy allows without a licence. */
export function isOverQuota(facts: Pick<VerdictFacts, 'shareOfOriginal' | 'shareOfText'>, policy: ReusePolicy): boolean {
  if (!policy.fullRepublicationNeedsLicence) return false;
  if (facts.shareOfOriginal > policy.maxOriginalSharePercent) return true;
  return policy.maxTextSharePercent !== null && facts.shareOfText > policy.maxTextSharePercent;
}

/** The verdict on one match under `policy`. */
export function verdictFor(facts: VerdictFacts, policy: ReusePolicy): Verdict {
  if (facts.licensed) return 'licensed';
  if (isOverQuota(facts, policy)) return 'over-quota';
  if (policy.link.required && !facts.link.present) return 'missing-link';
  if (policy.link.required && !facts.link.compliant) return 'link-not-compliant';
  return 'within-policy';
}

/** The page's verdict: its worst match's, or no-match. */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict | typeof NO_MATCH {
  if (verdicts.length === 0) return NO_MATCH;
  return verdicts.reduce((worst, verdict) => (SEVERITY.indexOf(verdict) < SEVERITY.indexOf(worst) ? verdict : worst));
}

/** A verdict in plain words, for the newsroom. */
export const VERDICT_WORDS: Record<Verdict | typeof NO_MATCH, string> = {
  'over-quota': 'Reuses more than the policy allows without a licence',
  'missing-link': 'Reuses our text without a link to the original',
  'link-not-compliant': 'Links to the original, but not as the policy requires',
  licensed: 'Covered by a licence',
  'within-policy': 'Within the policy',
  'no-match': 'Reproduces none of our published articles',
};
