import fs from 'node:fs';
import en from './messages/en.json' with { type: 'json' };
import type { LanguageInfo } from './languages.ts';

/** The name of a message: a key of the reference (English) catalogue. */
export type MessageKey = keyof typeof en;

/** A catalogue as read: key → ICU message. Others may lack keys (they fall back to English). */
export type Catalogue = Readonly<Partial<Record<MessageKey, string>>>;

/** The reference catalogue: complete by definition, and the fallback of every other one. */
export const REFERENCE_CATALOGUE: Readonly<Record<MessageKey, string>> = en;

const loaded = new Map<string, Catalogue>([['en', en]]);

/**
 * The messages of a catalogue file (./messages/NAME.json), read once. Read by name rather than
 * imported one by one, so a new language needs no code beyond its entry in languages.ts.
 */
export function catalogueOf(name: LanguageInfo['catalogue']): Catalogue {
  let catalogue = loaded.get(name);
  if (!catalogue) {
    catalogue = JSON.parse(fs.readFileSync(new URL(`./messages/${name}.json`, import.meta.url), 'utf8')) as Catalogue;
    loaded.set(name, catalogue);
  }
  return catalogue;
}
