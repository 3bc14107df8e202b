import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The editor's files under /assets: the Vite bundle (dist/client) and its stylesheet (public). */
const FILES = { script: path.join(ROOT, 'dist/client/newsroom-editor.js'), styles: path.join(ROOT, 'public/newsroom-editor.css') };

function version(file: string): string {
  try {
    return createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 10);
  } catch {
    // Not built yet (`npm run build:client`): the page still names the file; the island just will not load.
    return '0';
  }
}

/**
 * The editor's asset URLs with a content hash, read when the server starts: /assets may be cached
 * for an hour, and after a deploy every editor must get the new bundle at once.
 */
export function editorAssetUrls(): { script: string; styles: string } {
  return {
    script: `/assets/newsroom-editor.js?v=${version(FILES.script)}`,
    styles: `/assets/newsroom-editor.css?v=${version(FILES.styles)}`,
  };
}
