import { NEWSROOM_REFERENCE_CATALOGUE, newsroomCatalogueOf, type NewsroomMessageKey } from './catalogues.ts';
import { canonicalLanguageCode, languageInfo, REFERENCE_LANGUAGE, type LanguageCode, type LanguageInfo } from './languages.ts';
import type { MessageFormatter } from './message-formatter.ts';
import { catalogueFormatter, scriptOf, translatorFor } from './translator.ts';

export type { NewsroomMessageKey } from './catalogues.ts';

/** The languages a newsroom user may choose for the newsroom's own interface, in the order the choice lists them. */
export const NEWSROOM_LANGUAGES: readonly LanguageCode[] = ['en', 'ru', 'kk'];

/** What a client island needs to speak the user's language: its locale and its messages (fallbacks already applied). */
export type IslandMessages = {
  /** BCP 47 tag of the interface language, as in <html lang>. */
  lang: string;
  /** The locale Intl formats with (plural rules, dates, numbers). */
  locale: string;
  messages: Partial<Record<NewsroomMessageKey, string>>;
};

/** The newsroom's words, dates and numbers in one language. */
export type NewsroomTranslator = MessageFormatter<NewsroomMessageKey> & {
  language: LanguageInfo;
  /** "08 February, 2023 | 10:28" in the zone, months in this language. */
  dateTime(instant: string, timeZone: string): string;
  /** A number with this language's separators ("1,234", "1 234"). */
  number(n: number): string;
  /** A language's name in this language ("Russian", "русский", "орыс тілі"), from the runtime's CLDR data. */
  languageName(code: string): string;
  /** "Russian (ru)": a language's name with its code, as choices and lists show it. */
  languageLabel(code: string): string;
  /** The messages whose keys start with one of `prefixes`, for a client island's data block (never the whole catalogue). */
  islandMessages(prefixes: readonly string[]): IslandMessages;
};

function createNewsroomTranslator(language: LanguageInfo): NewsroomTranslator {
  const messages = catalogueFormatter<NewsroomMessageKey>(language, newsroomCatalogueOf(language.catalogue), NEWSROOM_REFERENCE_CATALOGUE);
  const site = translatorFor(language.code);
  const own = newsroomCatalogueOf(language.catalogue);
  const script = scriptOf(language);
  const names = new Intl.DisplayNames([language.intlLocale], { type: 'language', fallback: 'code' });
  const languageName = (code: string): string => {
    try {
      return script(names.of(code) ?? code);
    } catch {
      return code; // not a well-formed tag: show it as it is
    }
  };
  return {
    ...messages,
    language,
    dateTime: (instant, timeZone) => site.dateline(instant, timeZone),
    number: (n) => site.number(n),
    languageName,
    languageLabel(code) {
      const name = languageName(code);
      return name === code ? code : messages.t('common.languageLabel', { name, code });
    },
    islandMessages(prefixes) {
      const keys = (Object.keys(NEWSROOM_REFERENCE_CATALOGUE) as NewsroomMessageKey[]).filter((key) => prefixes.some((prefix) => key.startsWith(prefix)));
      // Patterns go as written, in the language's script (the island compiles them); a key this catalogue lacks goes in English.
      const picked = Object.fromEntries(keys.map((key) => [key, own[key] !== undefined ? script(own[key]!) : NEWSROOM_REFERENCE_CATALOGUE[key]]));
      return { lang: language.code, locale: language.intlLocale, messages: picked };
    },
  };
}

const translators = new Map<LanguageCode, NewsroomTranslator>();

/** The newsroom translator of a supported language, built once per process. */
export function newsroomTranslatorFor(code: LanguageCode): NewsroomTranslator {
  let translator = translators.get(code);
  if (!translator) {
    translator = createNewsroomTranslator(languageInfo(code));
    translators.set(code, translator);
  }
  return translator;
}

/**
 * The language the newsroom speaks to someone: the user's own choice when it is one we have, else
 * the site's default language (before sign-in, and for users who chose none), else English.
 */
export function newsroomLanguage(userChoice: string | null | undefined, siteDefault: string): LanguageCode {
  const chosen = userChoice ? canonicalLanguageCode(userChoice) : null;
  if (chosen && NEWSROOM_LANGUAGES.includes(chosen)) return chosen;
  return canonicalLanguageCode(siteDefault) ?? REFERENCE_LANGUAGE;
}
