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

/**
 * A message made of text and plain `{name}` arguments only, as the pieces to join: text, or the
 * name of an argument. Formatting one is joining its pieces, with what IntlMessageFormat writes for
 * a plain argument (a string as is, a number as String() writes it); undefined for any other message.
 */
type PlainPieces = Array<string | { argument: string }>;

/** The ICU parser's element types for text and a plain argument (TYPE.literal, TYPE.argument of @formatjs/icu-messageformat-parser). */
const LITERAL = 0;
const ARGUMENT = 1;

function plainPiecesOf(format: IntlMessageFormat): PlainPieces | undefined {
  const pieces: PlainPieces = [];
  for (const element of format.getAst() as ReadonlyArray<{ type: number; value?: unknown }>) {
    if (element.type === LITERAL && typeof element.value === 'string') pieces.push(element.value);
    else if (element.type === ARGUMENT && typeof element.value === 'string') pieces.push({ argument: element.value });
    else return undefined;
  }
  return pieces;
}

/** A compiled message, and its pieces when it is plain (see PlainPieces). */
type Compiled = { format: IntlMessageFormat; plain: PlainPieces | undefined };

/** A formatter over `source`, which says for each key what to compile (a catalogue's own message, or its fallback). */
export function createMessageFormatter<Key extends string>(source: (key: Key) => MessageSource): MessageFormatter<Key> {
  const compiled = new Map<Key, Compiled>();
  // Compiling costs far more than formatting, so each message compiles once.
  const message = (key: Key): Compiled => {
    let entry = compiled.get(key);
    if (!entry) {
      const { pattern, locale } = source(key);
      const format = compileMessage(pattern, locale);
      entry = { format, plain: plainPiecesOf(format) };
      compiled.set(key, entry);
    }
    return entry;
  };
  return {
    t(key, values) {
      const { format, plain } = message(key);
      // Plain messages (datelines, titles) are joined here: IntlMessageFormat's parts and their
      // merging were a few percent of an uncached article page, for the same string.
      if (plain) {
        let text = '';
        for (const piece of plain) {
          if (typeof piece === 'string') {
            text += piece;
            continue;
          }
          const value = values?.[piece.argument];
          if (typeof value !== 'string' && typeof value !== 'number') return String(format.format(values));
          text += value;
        }
        return text;
      }
      return String(format.format(values));
    },
    rich<T>(key: Key, values: Record<string, string | number | T>): Array<string | T> {
      const result = message(key).format.format<T>(values);
      return Array.isArray(result) ? result : [result];
    },
  };
}
