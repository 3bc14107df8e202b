/**
 * Kazakh Cyrillic → the Kazakh Latin alphabet of 2021 (the version presented by the Government on
 * 28 January 2021: Ä, Ğ, I ı, İ i, Ñ, Ö, Ş, Ū, Ü, Y). Sources: the letter table and the worked
 * example in Wikipedia's "Kazakh alphabets" (Latin script section: «Бұрыңғы … сый беріп» →
 * «Būryñğy … syi berıp»), which follow that presentation. Letters found only in Russian loanwords
 * (ц, ч, щ, ё, ю, я, э, ъ, ь) have no letter of their own in the 2021 table; they are written as
 * the Latin reading suggests (ts, ch, şş, io, iu, ia, e, dropped), the usage of Kazakh media that
 * publish in Latin script.
 */

/** Cyrillic lower case → Latin lower case; the upper case forms are in UPPER below. */
const LOWER: Record<string, string> = {
  а: 'a', ә: 'ä', б: 'b', в: 'v', г: 'g', ғ: 'ğ', д: 'd', е: 'e', ё: 'io', ж: 'j', з: 'z',
  и: 'i', й: 'i', к: 'k', қ: 'q', л: 'l', м: 'm', н: 'n', ң: 'ñ', о: 'o', ө: 'ö', п: 'p',
  р: 'r', с: 's', т: 't', у: 'u', ұ: 'ū', ү: 'ü', ф: 'f', х: 'h', һ: 'h', ц: 'ts', ч: 'ch',
  ш: 'ş', щ: 'şş', ъ: '', ы: 'y', і: 'ı', ь: '', э: 'e', ю: 'iu', я: 'ia',
};

// Written out, not derived with toUpperCase(): the table pairs i with İ and ı with I (as Turkish
// does), which JavaScript's case mapping does not know.
const UPPER_OF: Record<string, string> = { i: 'İ', ı: 'I' };
const upperLatin = (latin: string) => [...latin].map((c) => UPPER_OF[c] ?? c.toUpperCase()).join('');

/** Cyrillic capital → its Latin form in ALL CAPS and in Title case ("CH" and "Ch"). */
const UPPER = new Map<string, { caps: string; title: string }>(
  Object.entries(LOWER).map(([cyr, latin]) => {
    const caps = upperLatin(latin);
    return [cyr.toUpperCase(), { caps, title: caps.slice(0, 1) + latin.slice(1) }];
  }),
);

const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);
const isUpperLetter = (c: string | undefined) => isLetter(c) && c !== c!.toLowerCase();

/** Kazakh Cyrillic text in the 2021 Latin alphabet; Latin letters, digits and punctuation pass unchanged. */
export function toKazakhLatin(text: string): string {
  // Most text on a page is markup, digits or already Latin: leave it untouched, cheaply.
  if (!/[\u0400-\u04ff]/.test(text)) return text;
  const chars = [...text];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const lower = LOWER[c];
    if (lower !== undefined) {
      out += lower;
      continue;
    }
    const upper = UPPER.get(c);
    if (!upper) {
      out += c;
      continue;
    }
    if (upper.caps.length <= 1) {
      out += upper.caps;
      continue;
    }
    // A capital that becomes two letters: "CH" inside a word in capitals ("ЧЕМПИОН"), "Ch" at the
    // head of a capitalised word ("Чемпион"). The next letter decides; at a word's end, the one before.
    const next = chars[i + 1];
    const allCaps = isLetter(next) ? isUpperLetter(next) : isUpperLetter(chars[i - 1]);
    out += allCaps ? upper.caps : upper.title;
  }
  return out;
}
