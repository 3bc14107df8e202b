import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NEWSROOM_REFERENCE_CATALOGUE } from '#src/i18n/catalogues.ts';
import { newsroomTranslatorFor } from '#src/i18n/newsroom-translator.ts';
import { EDITOR_MESSAGE_PREFIXES, MEDIA_LIBRARY_MESSAGE_PREFIXES, islandTranslator } from './island-i18n.ts';

const CLIENT = path.dirname(fileURLToPath(import.meta.url));

/** The media library island's own modules (the rest of client/ is the editor's). */
const MEDIA_LIBRARY_FILES = ['media-library.tsx', 'media-library-item.tsx', 'media-library-entry.tsx', 'error-text.ts', 'island-i18n.ts'];

/**
 * The catalogue keys a module names: string literals that are keys, and the fixed start of a
 * template literal that builds one (`status.${…}`).
 */
function keysNamedIn(file: string): string[] {
  const source = fs.readFileSync(path.join(CLIENT, file), 'utf8');
  const literals = [...source.matchAll(/'([a-z][A-Za-z]*(?:\.[A-Za-z0-9]+)+)'/g)].map((m) => m[1]!).filter((key) => key in NEWSROOM_REFERENCE_CATALOGUE);
  const templates = [...source.matchAll(/`([a-z][A-Za-z]*\.(?:[A-Za-z0-9]+\.)*)\$\{/g)].map((m) => m[1]!);
  return [...literals, ...templates];
}

const sources = fs.readdirSync(CLIENT).filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.test.ts'));

describe('the islands’ messages', () => {
  it('uses in the editor only messages the editor page sends it', () => {
    const outside = sources.flatMap((file) => keysNamedIn(file).filter((key) => !EDITOR_MESSAGE_PREFIXES.some((p) => key.startsWith(p))).map((key) => `${file}: ${key}`));
    assert.deepEqual(outside, []);
  });

  it('uses in the media library only messages its page sends it', () => {
    const outside = MEDIA_LIBRARY_FILES.flatMap((file) => keysNamedIn(file).filter((key) => !MEDIA_LIBRARY_MESSAGE_PREFIXES.some((p) => key.startsWith(p))).map((key) => `${file}: ${key}`));
    assert.deepEqual(outside, []);
  });

  it('formats what the server sends with the plural rules of the user’s language', () => {
    const ru = islandTranslator(newsroomTranslatorFor('ru').islandMessages(MEDIA_LIBRARY_MESSAGE_PREFIXES));
    assert.equal(ru.t('media.count', { total: 1 }), '1 изображение.');
    assert.equal(ru.t('media.count', { total: 3 }), '3 изображения.');
    assert.equal(ru.t('media.count', { total: 5 }), '5 изображений.');
    const en = islandTranslator(newsroomTranslatorFor('en').islandMessages(MEDIA_LIBRARY_MESSAGE_PREFIXES));
    assert.equal(en.t('media.count', { total: 1 }), '1 image.');
  });

  it('sends an island its own messages only, not the whole catalogue', () => {
    const sent = Object.keys(newsroomTranslatorFor('kk').islandMessages(MEDIA_LIBRARY_MESSAGE_PREFIXES).messages);
    assert.ok(sent.includes('media.whereUsed'));
    assert.ok(!sent.some((key) => key.startsWith('editor.') || key.startsWith('users.')));
  });

  it('sends Kazakh in Latin script to a kk-Latn newsroom', () => {
    const latin = islandTranslator(newsroomTranslatorFor('kk-Latn').islandMessages(MEDIA_LIBRARY_MESSAGE_PREFIXES));
    assert.equal(latin.t('media.search'), 'Izdeu');
  });
});
