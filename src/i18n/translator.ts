import { IntlMessageFormat } from 'intl-messageformat';
import { zonedDateParts } from '#src/lib/dateline.ts';
import { catalogueOf, REFERENCE_CATALOGUE, type MessageKey } from './catalogues.ts';
import { toKazakhLatin } from './kazakh-latin.ts';
import { languageInfo, REFERENCE_LANGUAGE, type LanguageCode, type LanguageInfo } from './languages.ts';

export type { MessageKey } from './catalogues.ts';

/** Values for a message's arguments. */
export type MessageValues = Record<string, string | number>;

/** One piece of a formatted list: the index of an item, or the words between items. */
export type ListPart = { item: number } | { literal: string };

/** Everything a page needs to speak one language: messages, dates, numbers, lists. */
export type Translator = {
  language: LanguageInfo;
  /** The message `key` with its arguments filled in; a key missing here comes from English. */
  t(key: MessageKey, values?: MessageValues): string;
  /** Like t(), but argument values may be elements (links, <time>): the result is a list of strings and those values. */
  rich<T>(key: MessageKey, values: Record<string, string | number | T>): Array<string | T>;
  /** "Astana, Kazakhstan • 08 February, 2023 | 10:28" (the place is given in this language); without a place, the date alone. */
  dateline(instant: string, timeZone: string, placeLabel?: string): string;
  /** "08 February, 2023": a date without the time, for lists. */
  shortDate(instant: string, timeZone: string): string;
  /** "5 min read", "5 минут чтения": at least one minute. */
  readingTime(minutes: number): string;
  /** A number with this language's separators ("1,234.5", "1 234,5"). */
  number(n: number): string;
  /** How `count` items are joined ("A, B and C", "A, B и C"), as parts to draw items into. */
  listParts(count: number): ListPart[];
};

function compile(pattern: string, locale: string): IntlMessageFormat {
  // ignoreTag: a "<" a translator writes is text, not the start of a rich-text tag.
  return new IntlMessageFormat(pattern, locale, undefined, { ignoreTag: true });
}

function createTranslator(language: LanguageInfo): Translator {
  const own = catalogueOf(language.catalogue);
  const script = language.script === 'kazakh-latin' ? toKazakhLatin : (text: string) => text;
  const reference = languageInfo(REFERENCE_LANGUAGE);
  const compiled = new Map<MessageKey, IntlMessageFormat>();
  // Messages compile on first use and stay compiled: compiling costs far more than formatting.
  const message = (key: MessageKey): IntlMessageFormat => {
    let format = compiled.get(key);
    if (!format) {
      const pattern = own[key];
      // ICU syntax (argument names, plural keywords) is ASCII, so a script conversion of the
      // pattern changes only its words.
      format = pattern !== undefined ? compile(script(pattern), language.intlLocale) : compile(REFERENCE_CATALOGUE[key], reference.intlLocale);
      compiled.set(key, format);
    }
    return format;
  };
  const t = (key: MessageKey, values?: MessageValues): string => String(message(key).format(values));
  const numbers = new Intl.NumberFormat(language.intlLocale);
  const lists = new Intl.ListFormat(language.intlLocale, { type: 'conjunction', style: 'long' });
  const dateValues = (instant: string, timeZone: string) => {
    const parts = zonedDateParts(instant, timeZone, language.intlLocale);
    return { ...parts, month: script(parts.month) };
  };
  return {
    language,
    t,
    rich<T>(key: MessageKey, values: Record<string, string | number | T>): Array<string | T> {
      const result = message(key).format<T>(values);
      return Array.isArray(result) ? result : [result];
    },
    dateline(instant, timeZone, placeLabel) {
      const date = t('dateline.full', dateValues(instant, timeZone));
      return placeLabel ? t('dateline.withPlace', { place: placeLabel, date }) : date;
    },
    shortDate: (instant, timeZone) => t('dateline.short', dateValues(instant, timeZone)),
    readingTime: (minutes) => t('article.readingTime', { minutes: Math.max(1, Math.round(minutes)) }),
    number: (n) => numbers.format(n),
    listParts(count) {
      let item = 0;
      return lists.formatToParts(Array.from({ length: count }, (_, i) => String(i))).map((part) => (part.type === 'element' ? { item: item++ } : { literal: script(part.value) }));
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
