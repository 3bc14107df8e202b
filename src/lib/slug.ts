/**
 * URL slugs from titles in Kazakh, Russian or Latin-script languages: lowercase ASCII words joined
 * by single hyphens, at most SLUG_MAX_LENGTH characters, never empty.
 *
 * Kazakh follows the official Kazakh Latin alphabet of January 2021 (the revision of the 2017
 * decree No. 569: Ä Ğ Q Ñ Ö Ū Ü Ş Ç I/İ ...), reduced to ASCII because a slug must be plain ASCII:
 * each Latin letter keeps its base letter (Ä→a, Ğ→g, Ñ→n, Ö→o, Ū→u, Ü→u, Ұ→u), Q stays q (it is a
 * letter of its own for Қ, which is why "Қазақстан" is "qazaqstan", as the state itself writes
 * it), and the two letters with a cedilla become the digraphs of the 2018 version (Ş→sh, Ç→ch) so
 * that ш and с stay apart. Ж is J and Х/Һ are H in that alphabet.
 *
 * Russian follows ICAO Doc 9303 (the machine-readable passport scheme Russia has used since 2013):
 * ж→zh, х→kh, ц→ts, ч→ch, ш→sh, щ→shch, ы→y, ю→iu, я→ia, ё→e, э→e, й→i, ь dropped. One
 * deviation: ICAO writes ъ as "ie" (объявление → obieiavlenie); we drop it like ь, as Russian URL
 * slugs customarily do, since the sign carries no sound a reader would type.
 *
 * The two alphabets share most letters and agree on all but ж (j/zh), х (h/kh), щ and ё. Rule: a
 * title containing any letter only Kazakh has (ә ғ қ ң ө ұ ү һ і) is read as Kazakh throughout;
 * any other Cyrillic title is read as Russian. So "Жаңа заң" → "jana-zan", "Журнал" → "zhurnal".
 */

/** Longest slug we make, in characters; cut at a word boundary below it. */
export const SLUG_MAX_LENGTH = 80;

/** What an all-symbol or empty title becomes. */
export const FALLBACK_SLUG = 'article';

/** Letters only Kazakh has among Cyrillic alphabets; their presence marks a Kazakh title. */
const KAZAKH_ONLY = /[әғқңөұүһі]/i;

/** Letters whose reading is the same in both schemes. */
const COMMON: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  ы: 'y',
  ъ: '',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  // Ukrainian and Belarusian letters a Russian-language title may quote; ICAO readings.
  є: 'ie',
  ї: 'i',
  ґ: 'g',
  ў: 'u',
};

/** Kazakh: the 2021 official Latin letters, reduced to their ASCII base (see the file comment). */
const KAZAKH: Record<string, string> = {
  ...COMMON,
  ә: 'a',
  ғ: 'g',
  қ: 'q',
  ң: 'n',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  і: 'i',
  ж: 'j',
  х: 'h',
  // Щ appears in loanwords and a few native words as a long ш (Ş Ş in the 2021 table).
  щ: 'shsh',
  ё: 'io',
};

/** Russian: ICAO Doc 9303 (see the file comment). */
const RUSSIAN: Record<string, string> = {
  ...COMMON,
  ж: 'zh',
  х: 'kh',
  щ: 'shch',
  ё: 'e',
  // A Kazakh letter in an otherwise Russian-read title cannot happen (KAZAKH_ONLY picks Kazakh).
};

/** Latin letters that Unicode decomposition does not reduce to a base letter. */
const LATIN_EXTRA: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
  ŋ: 'n',
  ħ: 'h',
};

function transliterate(text: string): string {
  const table = KAZAKH_ONLY.test(text) ? KAZAKH : RUSSIAN;
  let out = '';
  for (const char of text.toLowerCase()) {
    out += table[char] ?? LATIN_EXTRA[char] ?? char;
  }
  return out;
}

/** Cuts a hyphenated slug to at most `max` characters, at a hyphen when one is in reach. */
function cutAtWord(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const lastHyphen = cut.lastIndexOf('-');
  // One very long word: cut inside it rather than leave nothing.
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, max)).replace(/-+$/, '');
}

/** The URL slug of a title: lowercase ASCII words and hyphens, ≤ 80 characters, never empty. */
export function slugify(text: string, maxLength = SLUG_MAX_LENGTH): string {
  const ascii = transliterate(text.normalize('NFC'))
    .normalize('NFKD')
    // Combining marks left by decomposition (é → e + ◌́) go; so do apostrophes inside words ("don't" → "dont").
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’ʼ`]/g, '')
    .toLowerCase();
  const slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const cut = cutAtWord(slug, maxLength);
  return cut === '' ? FALLBACK_SLUG : cut;
}

/** A URL slug: lower-case ASCII letters and digits in runs joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Longest slug anyone may type or store (characters); keeps paths and unique indexes reasonable. */
export const MAX_SLUG_LENGTH = 120;

/** Whether a string is already a well-formed slug (the format every slug column holds). */
export function isSlug(value: string): boolean {
  return SLUG_PATTERN.test(value) && value.length <= MAX_SLUG_LENGTH;
}
