import fs from 'node:fs';
import en from './messages/en.json' with { type: 'json' };
import newsroomEn from './messages/newsroom/en.json' with { type: 'json' };
import type { LanguageInfo } from './languages.ts';

/**
 * Two families of catalogues, one file per language in each: the public site's (./messages/NAME.json)
 * and the newsroom's (./messages/newsroom/NAME.json). Translators of the site never wade through the
 * newsroom's screens, and a newsroom page never loads the site's words.
 */

/** The name of a public-site message: a key of the reference (English) catalogue. */
export type MessageKey = keyof typeof en;

/** The name of a newsroom message: a key of the newsroom's reference (English) catalogue. */
export type NewsroomMessageKey = keyof typeof newsroomEn;

/** A catalogue as read: key → ICU message. Others may lack keys (they fall back to English). */
export type Catalogue<Key extends string = MessageKey> = Readonly<Partial<Record<Key, string>>>;

/** The site's reference catalogue: complete by definition, and the fallback of every other one. */
export const REFERENCE_CATALOGUE: Readonly<Record<MessageKey, string>> = en;

/** The newsroom's reference catalogue: complete by definition, and the fallback of every other one. */
export const NEWSROOM_REFERENCE_CATALOGUE: Readonly<Record<NewsroomMessageKey, string>> = newsroomEn;

/**
 * A reader of one family's catalogue files (`folder` NAME.json), each read once. Read by name rather
 * than imported one by one, so a new language needs no code beyond its entry in languages.ts.
 */
function catalogueReader<Key extends string>(folder: string, reference: Readonly<Record<Key, string>>): (name: LanguageInfo['catalogue']) => Catalogue<Key> {
  const loaded = new Map<string, Catalogue<Key>>([['en', reference]]);
  return (name) => {
    let catalogue = loaded.get(name);
    if (!catalogue) {
      catalogue = JSON.parse(fs.readFileSync(new URL(`${folder}${name}.json`, import.meta.url), 'utf8')) as Catalogue<Key>;
      loaded.set(name, catalogue);
    }
    return catalogue;
  };
}

/** The public site's messages of a catalogue file (./messages/NAME.json). */
export const catalogueOf = catalogueReader<MessageKey>('./messages/', REFERENCE_CATALOGUE);

/** The newsroom's messages of a catalogue file (./messages/newsroom/NAME.json). */
export const newsroomCatalogueOf = catalogueReader<NewsroomMessageKey>('./messages/newsroom/', NEWSROOM_REFERENCE_CATALOGUE);
