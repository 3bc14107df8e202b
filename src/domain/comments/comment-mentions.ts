/**
 * @mentions in review comments (ADR 0037). A mention is `@` followed either by a colleague's
 * handle (the part of their email address before the @, e.g. `@aigerim.bekova`) or by their name
 * as the newsroom shows it (`@Aigerim Bekova`), in any letter case. An `@` right after a letter or
 * digit (an email address in the text) is not a mention. Resolution happens once, when the
 * comment is written; the ids found are stored, so a later rename never changes who was told.
 */

/** A colleague as mentions see them. */
export type Colleague = { id: number; name: string; handle: string; isDisabled: boolean };

/** A resolved mention: the user and the text that named them (as typed, with the @). */
export type FoundMention = { userId: number; text: string };

/** Why a mention was refused: `text` is what was typed (with the @). */
export type MentionProblem = { text: string; reason: 'unknown' | 'disabled' | 'ambiguous' };

// A handle starts with a letter, so "@5pm" or "@10:00" is left alone rather than refused as unknown.
const HANDLE = /^[\p{L}](?:[\p{L}\p{N}._-]*[\p{L}\p{N}])?/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** The handle of a user: their email's local part, lower-cased. */
export function handleOf(email: string): string {
  const at = email.lastIndexOf('@');
  return (at === -1 ? email : email.slice(0, at)).toLowerCase();
}

function fold(text: string): string {
  // toLowerCase is Unicode's locale-free mapping (Cyrillic, Kazakh and Latin alike) and many times cheaper than toLocaleLowerCase.
  return text.normalize('NFC').toLowerCase();
}

/** Whether `text` at `index` starts with `expected`, in any letter case (compared on the original's own length). */
function startsWithFolded(text: string, index: number, expected: string): boolean {
  return fold(text.slice(index, index + expected.length)) === fold(expected);
}

/** Whether `text` has no letter or digit at `index` (the end of a name must not cut a word). */
function endsWordAt(text: string, index: number): boolean {
  return index >= text.length || !LETTER_OR_DIGIT.test(text[index]!);
}

/** The colleagues a stretch of text after an @ names, and its length. */
type Match = { length: number; fits: Colleague[] };

/** The longer of two matches; of two as long (the same text), the colleagues of both. */
function longer(a: Match | null, b: Match | null): Match | null {
  if (!a || !b) return a ?? b;
  if (a.length !== b.length) return a.length > b.length ? a : b;
  return { length: a.length, fits: [...new Set([...a.fits, ...b.fits])] };
}

/**
 * The mentions in `body`, resolved against `colleagues`, and the ones that could not be: the
 * longest name or handle that fits wins (so `@Aigerim Bekova` beats a colleague named `Aigerim`,
 * and the handle `@aigerim.b` beats the name `Aigerim`). A name or handle that fits only disabled colleagues is 'disabled'; one that fits two
 * enabled colleagues is 'ambiguous'; nothing at all is 'unknown'.
 */
export function findMentions(body: string, colleagues: readonly Colleague[]): { mentions: FoundMention[]; problems: MentionProblem[] } {
  // Names by length (longest first), then by folded text: one lookup per length at each @, not one comparison per colleague.
  const byLength = new Map<number, Map<string, Colleague[]>>();
  for (const colleague of colleagues) {
    const name = colleague.name.normalize('NFC');
    if (name.trim() === '') continue;
    const sameLength = byLength.get(name.length) ?? new Map<string, Colleague[]>();
    byLength.set(name.length, sameLength.set(fold(name), [...(sameLength.get(fold(name)) ?? []), colleague]));
  }
  const lengths = [...byLength.keys()].sort((a, b) => b - a);
  const mentions: FoundMention[] = [];
  const problems: MentionProblem[] = [];
  for (let at = body.indexOf('@'); at !== -1; at = body.indexOf('@', at + 1)) {
    if (at > 0 && LETTER_OR_DIGIT.test(body[at - 1]!)) continue;
    const rest = body.slice(at + 1);
    let byNameMatch: Match | null = null;
    for (const length of lengths) {
      if (length > rest.length || !endsWordAt(rest, length)) continue;
      const fits = byLength.get(length)!.get(fold(rest.slice(0, length)));
      if (fits) {
        byNameMatch = { length, fits };
        break;
      }
    }
    const token = HANDLE.exec(rest)?.[0];
    const handle = token ? fold(token) : '';
    const byHandle = token ? colleagues.filter((c) => c.handle === handle) : [];
    const byHandleMatch: Match | null = token && byHandle.length > 0 ? { length: token.length, fits: byHandle } : null;
    const matched = longer(byNameMatch, byHandleMatch) ?? (token ? { length: token.length, fits: [] } : null);
    if (!matched) continue; // a lone @ or "@ 5 pm": not a mention
    const text = `@${rest.slice(0, matched.length)}`;
    const enabled = matched.fits.filter((c) => !c.isDisabled);
    if (enabled.length === 1) mentions.push({ userId: enabled[0]!.id, text });
    else problems.push({ text, reason: enabled.length > 1 ? 'ambiguous' : matched.fits.length > 0 ? 'disabled' : 'unknown' });
    at += matched.length;
  }
  return { mentions, problems };
}

/** A piece of a comment's text: plain, or a mention of a user. */
export type CommentSegment = { text: string; userId?: number };

/**
 * Splits `body` into plain text and the stored mentions' texts, for showing mentions as
 * highlighted names. Works on what was stored, so it needs no lookup of current names.
 */
export function segmentComment(body: string, mentions: readonly FoundMention[]): CommentSegment[] {
  const texts = [...new Map(mentions.map((m) => [m.text, m.userId])).entries()].sort((a, b) => b[0].length - a[0].length);
  const segments: CommentSegment[] = [];
  let plainFrom = 0;
  for (let at = body.indexOf('@'); at !== -1; at = body.indexOf('@', at + 1)) {
    if (at > 0 && LETTER_OR_DIGIT.test(body[at - 1]!)) continue;
    const hit = texts.find(([text]) => startsWithFolded(body, at, text) && endsWordAt(body, at + text.length));
    if (!hit) continue;
    if (at > plainFrom) segments.push({ text: body.slice(plainFrom, at) });
    segments.push({ text: body.slice(at, at + hit[0].length), userId: hit[1] });
    plainFrom = at + hit[0].length;
    at = plainFrom - 1;
  }
  if (plainFrom < body.length) segments.push({ text: body.slice(plainFrom) });
  return segments;
}
