import { rememberedOr } from '#src/lib/bounded-memo.ts';
import { zonedDateParts } from '#src/lib/dateline.ts';
import { catalogueOf, REFERENCE_CATALOGUE, type MessageKey } from './catalogues.ts';
import { toKazakhLatin } from './kazakh-latin.ts';
import { languageInfo, REFERENCE_LANGUAGE, type LanguageCode, type LanguageInfo } from './languages.ts';
import { createMessageFormatter, type MessageFormatter } from './message-formatter.ts';

export type { MessageKey } from './catalogues.ts';
export type { MessageValues } from './message-formatter.ts';

/** One piece of a formatted list: the index of an item, or the words between items. */
export type ListPart = { item: number } | { literal: string };

/** Everything a page needs to speak one language: messages, dates, numbers, lists. */
export type Translator = MessageFormatter<MessageKey> & {
  language: LanguageInfo;
  /** "Astana, Kazakhstan • 08 February, 2023 | 10:28" (the place is given in this language); without a place, the date alone. */
  dateline(instant: string, timeZone: string, placeLabel?: string): string;
  /** "08 February, 2023": a date without the time, for lists. */
  shortDate(instant: string, timeZone: string): string;
  /** "5 min read", "5 минут чтения": at least one minute. */
  readingTime(minutes: number): string;
  /** A number with this language's separators ("1,234.5", "1 234,5"). */
  number(n: number): string;
  /** How `count` items are joined ("A, B and C", "A, B и C"), as parts to draw items into. */
  listParts(count: number): readonly ListPart[];
};

/**
 * The messages of `own` in `language`, a key it lacks from the reference (English) catalogue.
 * ICU syntax (argument names, plural keywords) is ASCII, so a script conversion of a pattern
 * changes only its words.
 */
export function catalogueFormatter<Key extends string>(language: LanguageInfo, own: Readonly<Partial<Record<Key, string>>>, reference: Readonly<Record<Key, string>>): MessageFormatter<Key> {
  const script = scriptOf(language);
  const referenceLocale = languageInfo(REFERENCE_LANGUAGE).intlLocale;
  return createMessageFormatter<Key>((key) => {
    const pattern = own[key];
    return pattern !== undefined ? { pattern: script(pattern), locale: language.intlLocale } : { pattern: reference[key], locale: referenceLocale };
  });
}

/** The script conversion a language applies to text Intl writes (month names), or none. */
export function scriptOf(language: LanguageInfo): (text: string) => string {
  return language.script === 'kazakh-latin' ? toKazakhLatin : (text: string) => text;
}

/** Entries each of a translator's memos holds at most (see rememberBounded). */
const MEMO_LIMIT = 1000;

function createTranslator(language: LanguageInfo): Translator {
  const messages = catalogueFormatter<MessageKey>(language, catalogueOf(language.catalogue), REFERENCE_CATALOGUE);
  const { t } = messages;
  const script = scriptOf(language);
  const numbers = new Intl.NumberFormat(language.intlLocale);
  const lists = new Intl.ListFormat(language.intlLocale, { type: 'conjunction', style: 'long' });
  // What depends only on a number, kept (each was a formatToParts or a plural message per page).
  const readingTimes = new Map<number, string>();
  const listPartsByCount = new Map<number, readonly ListPart[]>();
  const dateValues = (instant: string, timeZone: string) => {
    const parts = zonedDateParts(instant, timeZone, language.intlLocale);
    return { ...parts, month: script(parts.month) };
  };
  return {
    ...messages,
    language,
    dateline(instant, timeZone, placeLabel) {
      const date = t('dateline.full', dateValues(instant, timeZone));
      return placeLabel ? t('dateline.withPlace', { place: placeLabel, date }) : date;
    },
    shortDate: (instant, timeZone) => t('dateline.short', dateValues(instant, timeZone)),
    readingTime(minutes) {
      // A plural message, formatted once for each number of minutes (a few dozen in an archive).
      return rememberedOr(readingTimes, MEMO_LIMIT, Math.max(1, Math.round(minutes)), (whole) => t('article.readingTime', { minutes: whole }));
    },
    number: (n) => numbers.format(n),
    listParts(count) {
      return rememberedOr(listPartsByCount, MEMO_LIMIT, count, () => {
        let item = 0;
        return lists.formatToParts(Array.from({ length: count }, (_, i) => String(i))).map((part) => (part.type === 'element' ? { item: item++ } : { literal: script(part.value) }));
      });
    },
  };
}

const translators = new Map<LanguageCode, Translator>();

/** The translator of a supported language, built once per process (Intl formatters are costly to make). */
export function translatorFor(code: LanguageCode): Translator {
  let translator = translators.get(code);
  if (!translator) {
    translator = createTranslator(languageInfo(code));
    translators.set(code, translator);
  }
  return translator;
}
