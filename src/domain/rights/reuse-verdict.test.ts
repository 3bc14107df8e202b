import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ReusePolicy } from './reuse-policy-repository.ts';
import { verdictFor, worstVerdict, type VerdictFacts } from './reuse-verdict.ts';

const POLICY: ReusePolicy = {
  maxOriginalSharePercent: 30,
  maxTextSharePercent: null,
  link: { required: true, toArticle: true, indexable: true, placement: 'anywhere' },
  fullRepublicationNeedsLicence: true,
};
const facts = (changes: Partial<VerdictFacts>): VerdictFacts => ({ shareOfOriginal: 20, shareOfText: 50, link: { present: true, compliant: true }, licensed: false, ...changes });

describe('verdicts', () => {
  it('checks over-quota, then the link’s presence, then its rules', () => {
    assert.equal(verdictFor(facts({ shareOfOriginal: 30.1, link: { present: false, compliant: false } }), POLICY), 'over-quota');
    assert.equal(verdictFor(facts({ shareOfOriginal: 30 }), POLICY), 'within-policy');
    assert.equal(verdictFor(facts({ link: { present: false, compliant: false } }), POLICY), 'missing-link');
    assert.equal(verdictFor(facts({ link: { present: true, compliant: false } }), POLICY), 'link-not-compliant');
    assert.equal(verdictFor(facts({}), POLICY), 'within-policy');
  });

  it('lets a licence win over everything', () => {
    assert.equal(verdictFor(facts({ shareOfOriginal: 100, link: { present: false, compliant: false }, licensed: true }), POLICY), 'licensed');
  });

  it('applies the share of the reusing text when the policy sets one', () => {
    const policy = { ...POLICY, maxTextSharePercent: 20 };
    assert.equal(verdictFor(facts({ shareOfText: 20.1 }), policy), 'over-quota');
    assert.equal(verdictFor(facts({ shareOfText: 20 }), policy), 'within-policy');
  });

  it('allows whole articles with a compliant link when the policy needs no licence, and no link when none is required', () => {
    assert.equal(verdictFor(facts({ shareOfOriginal: 100 }), { ...POLICY, fullRepublicationNeedsLicence: false }), 'within-policy');
    assert.equal(verdictFor(facts({ link: { present: false, compliant: false } }), { ...POLICY, link: { ...POLICY.link, required: false } }), 'within-policy');
  });

  it('gives the page its worst match’s verdict, or no-match', () => {
    assert.equal(worstVerdict([]), 'no-match');
    assert.equal(worstVerdict(['within-policy', 'link-not-compliant', 'licensed']), 'link-not-compliant');
    assert.equal(worstVerdict(['missing-link', 'over-quota']), 'over-quota');
  });
});
