import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { loadAtFirstUse } from '#src/lib/load-at-first-use.ts';

// The dictionaries (common and breached passwords, words, names) are loaded and indexed at the first
// check, not at start: evaluating them was ~2% of every start-up's CPU, and most starts check no
// password. A require, not an import, keeps the check synchronous and out of the server bundle.
const loadCommonDictionaries = loadAtFirstUse<typeof import('@zxcvbn-ts/language-common')>('@zxcvbn-ts/language-common');
// The scorer too (ADR 0067): `serve` imports this module through the sign-in service, and evaluating
// the package was ~1% of every start-up's CPU.
const loadScorer = loadAtFirstUse<typeof import('@zxcvbn-ts/core')>('@zxcvbn-ts/core');
let checker: ZxcvbnFactory | undefined;

// zxcvbn's warnings, said plainly. Anything else gets the general reason.
const REASONS: Record<string, string> = {
  topTen: 'This is one of the most used passwords; attackers try it first.',
  topHundred: 'This is one of the most used passwords; attackers try it first.',
  common: 'This password is on the lists of common and leaked passwords that attackers try first.',
  similarToCommon: 'This is a common password with small changes; attackers try those variants too.',
  simpleRepeat: 'Repeated characters such as "1111111111" are guessed in seconds.',
  extendedRepeat: 'A repeated pattern such as "abcabcabc" is guessed in seconds.',
  sequences: 'A sequence such as "1234567890" or "abcdefgh" is guessed in seconds.',
  straightRow: 'A row of keys on the keyboard is guessed in seconds.',
  keyPattern: 'A short keyboard pattern is guessed in seconds.',
  recentYears: 'Years are easy to guess.',
  dates: 'Dates are easy to guess.',
  wordByItself: 'A single word is easy to guess.',
  namesByThemselves: 'Names on their own are easy to guess.',
  commonNames: 'Common names are easy to guess.',
};
const GENERAL_REASON = 'This password would be guessed too quickly.';
const ADVICE = 'Use a longer one, such as three or four unrelated words.';

/**
 * Why a password is too easy to guess, or null when it is acceptable: refused when zxcvbn scores it
 * below 3 (guessable in under about 10^8 tries) or when the whole password is an entry of the
 * common/breached password lists, whatever its score. Offline: the lists ship with the package.
 */
export function weakPasswordReason(password: string, userInputs: string[] = []): string | null {
  if (!checker) {
    const common = loadCommonDictionaries();
    checker = new (loadScorer().ZxcvbnFactory)({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  }
  const result = checker.check(password, userInputs);
  const whole = result.sequence.length === 1 ? result.sequence[0] : undefined;
  const listed = whole?.pattern === 'dictionary' && String((whole as { dictionaryName?: string }).dictionaryName).startsWith('passwords');
  if (result.score >= 3 && !listed) return null;
  const warning = result.feedback.warning;
  const reason = listed ? REASONS.common! : (warning && REASONS[warning]) || GENERAL_REASON;
  return `${reason} ${ADVICE}`;
}
