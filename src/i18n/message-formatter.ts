import { IntlMessageFormat } from 'intl-messageformat';

/**
 * ICU messages by key, compiled on first use and kept compiled. No Node API here: the newsroom's
 * client islands format their messages with this same module.
 */

/** Values for a message's arguments. */
export type MessageValues = Record<string, string | number>;

/** Where a key's message comes from: its ICU pattern and the locale whose plural rules and numbers it uses. */
export type MessageSource = { pattern: string; locale: string };

/** Formats the messages of one catalogue in one language. */
export type MessageFormatter<Key extends string> = {
  /** The message `key` with its arguments filled in. */
  t(key: Key, values?: MessageValues): string;
  /** Like t(), but argument values may be elements (links, <time>): the result is a list of strings and those values. */
  rich<T>(key: Key, values: Record<string, string | number | T>): Array<string | T>;
};

/** Compiles an ICU pattern; a "<" a translator writes is text, not the start of a rich-text tag. */
export function compileMessage(pattern: string, locale: string): IntlMessageFormat {
  return new IntlMessageFormat(pattern, locale, undefined, { ignoreTag: true });
}

/** A formatter over `source`, which says for each key what to compile (a catalogue's own message, or its fallback). */
export function createMessageFormatter<Key extends string>(source: (key: Key) => MessageSource): MessageFormatter<Key> {
  const compiled = new Map<Key, IntlMessageFormat>();
  // Compiling costs far more than formatting, so each message compiles once.
  const message = (key: Key): IntlMessageFormat => {
    let format = compiled.get(key);
    if (!format) {
      const { pattern, locale } = source(key);
      format = compileMessage(pattern, locale);
      compiled.set(key, format);
    }
    return format;
  };
  return {
    t: (key, values) => String(message(key).format(values)),
    rich<T>(key: Key, values: Record<string, string | number | T>): Array<string | T> {
      const result = message(key).format<T>(values);
      return Array.isArray(result) ? result : [result];
    },
  };
}
