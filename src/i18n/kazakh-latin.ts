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

// Every letter above is in the Cyrillic block U+0400–U+04FF: tables indexed by code - 0x400 spare
// the per-character string and map work (this runs over every text node of every /kk-latn/ page).
const CYRILLIC_FIRST = 0x400;
const CYRILLIC_LAST = 0x4ff;
const LOWER_BY_CODE: Array<string | undefined> = [];
const UPPER_BY_CODE: Array<{ caps: string; title: string } | undefined> = [];
for (const [cyr, latin] of Object.entries(LOWER)) LOWER_BY_CODE[cyr.charCodeAt(0) - CYRILLIC_FIRST] = latin;
for (const [cyr, forms] of UPPER) UPPER_BY_CODE[cyr.charCodeAt(0) - CYRILLIC_FIRST] = forms;

/** The whole code point after index i (a surrogate pair counts as one), as [...text] would give it. */
const codePointAfter = (text: string, i: number) => (i + 1 < text.length ? String.fromCodePoint(text.codePointAt(i + 1)!) : undefined);
/** The whole code point before index i. */
function codePointBefore(text: string, i: number): string | undefined {
  if (i === 0) return undefined;
  const low = text.charCodeAt(i - 1);
  const isPair = low >= 0xdc00 && low <= 0xdfff && i >= 2 && text.charCodeAt(i - 2) >= 0xd800 && text.charCodeAt(i - 2) <= 0xdbff;
  return isPair ? text.slice(i - 2, i) : text[i - 1];
}

/** Kazakh Cyrillic text in the 2021 Latin alphabet; Latin letters, digits and punctuation pass unchanged. */
export function toKazakhLatin(text: string): string {
  let out = '';
  // Where the run of characters that pass unchanged began: copied in one slice, not one by one.
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const index = text.charCodeAt(i) - CYRILLIC_FIRST;
    if (index < 0 || index > CYRILLIC_LAST - CYRILLIC_FIRST) continue;
    const lower = LOWER_BY_CODE[index];
    const upper = lower === undefined ? UPPER_BY_CODE[index] : undefined;
    if (lower === undefined && upper === undefined) continue;
    out += text.slice(from, i);
    from = i + 1;
    if (lower !== undefined) out += lower;
    else if (upper!.caps.length <= 1) out += upper!.caps;
    else {
      // A capital that becomes two letters: "CH" inside a word in capitals ("ЧЕМПИОН"), "Ch" at the
      // head of a capitalised word ("Чемпион"). The next letter decides; at a word's end, the one before.
      const next = codePointAfter(text, i);
      const allCaps = isLetter(next) ? isUpperLetter(next) : isUpperLetter(codePointBefore(text, i));
      out += allCaps ? upper!.caps : upper!.title;
    }
  }
  // Text without Kazakh letters (markup, digits, Latin) comes back as the very string it was.
  return from === 0 ? text : out + text.slice(from);
}
