import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { createMessageFormatter, type MessageFormatter } from '#src/i18n/message-formatter.ts';
import type { IslandMessages, NewsroomMessageKey } from '#src/i18n/newsroom-translator.ts';

/** The messages the article editor island is sent (its own, the media picker's, statuses, common words). */
export const EDITOR_MESSAGE_PREFIXES = ['editor.', 'media.', 'status.', 'common.'] as const;

/** The messages the media library island is sent. */
export const MEDIA_LIBRARY_MESSAGE_PREFIXES = ['media.', 'status.', 'common.'] as const;

/** An island's words in the user's newsroom language: the server's messages, formatted here with the same ICU engine. */
export type IslandTranslator = MessageFormatter<NewsroomMessageKey> & {
  /** BCP 47 tag of the interface language. */
  lang: string;
  /** The locale Intl formats dates and numbers with. */
  locale: string;
};

/**
 * A translator over the messages the page sent the island (IslandData). The server sends every key
 * under the island's prefixes (a test checks the islands use no other), with English in place of any
 * a translation lacks.
 */
export function islandTranslator(data: IslandMessages): IslandTranslator {
  const formatter = createMessageFormatter<NewsroomMessageKey>((key) => ({ pattern: data.messages[key] ?? '', locale: data.locale }));
  return { ...formatter, lang: data.lang, locale: data.locale };
}

/** The island's translator, provided at its root. */
export const IslandI18n = createContext<IslandTranslator | null>(null);

/** The translator of the island being rendered (its root provides it). */
export function useIslandT(): IslandTranslator {
  const translator = useContext(IslandI18n);
  if (!translator) throw new Error('An island component rendered outside its IslandI18n provider.');
  return translator;
}
