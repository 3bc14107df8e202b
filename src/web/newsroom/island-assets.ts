import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function version(file: string): string {
  try {
    return createHash('sha256').update(fs.readFileSync(path.join(ROOT, file))).digest('hex').slice(0, 10);
  } catch {
    // Not built yet (`npm run build:client`): the page still names the file; the island just will not load.
    return '0';
  }
}

/**
 * An island's script and stylesheet URLs with a content hash, read when the server starts: /assets
 * may be cached for an hour, and after a deploy every newsroom page must get the new files at once.
 * `script` is the Vite entry's name in dist/client; `styles` a stylesheet's path under public/.
 */
function islandAssetUrls(script: string, styles: string): { script: string; styles: string } {
  return {
    script: `/assets/${script}.js?v=${version(`dist/client/${script}.js`)}`,
    styles: `/assets/${styles}?v=${version(`public/${styles}`)}`,
  };
}

/** The article editor's bundle and stylesheet (the stylesheet also styles the dashboard and revisions). */
export function editorAssetUrls(): { script: string; styles: string } {
  return islandAssetUrls('newsroom-editor', 'newsroom-editor.css');
}

/** The media library's bundle and stylesheet. */
export function mediaLibraryAssetUrls(): { script: string; styles: string } {
  return islandAssetUrls('newsroom-media-library', 'newsroom/media-library.css');
}

/** The static page form's body editor: its own small entry over the article editor's modules and stylesheet. */
export function pageEditorAssetUrls(): { script: string; styles: string } {
  return islandAssetUrls('newsroom-page-editor', 'newsroom-editor.css');
}
