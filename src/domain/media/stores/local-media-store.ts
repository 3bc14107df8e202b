import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { contentTypeOfKey, isMediaKey, type MediaStore } from './media-store.ts';

/** Media in a folder on this host's disk (DATA_DIR/media): the default, for one host. */
export function createLocalMediaStore(dir: string): MediaStore {
  const fileOf = (key: string) => {
    if (!isMediaKey(key)) throw new Error(`Not a media key: ${JSON.stringify(key)}`);
    return path.join(dir, key);
  };
  return {
    description: `the media folder ${dir}`,

    async put(key, data) {
      const target = fileOf(key);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      // Written beside and renamed into place: a reader never sees half a file.
      const temporary = `${target}.${process.pid}.tmp`;
      if (Buffer.isBuffer(data)) await fsp.writeFile(temporary, data);
      else await fsp.copyFile(data.path, temporary);
      await fsp.rename(temporary, target);
      return (await fsp.stat(target)).size;
    },

    async get(key) {
      if (!isMediaKey(key)) return undefined;
      try {
        const handle = await fsp.open(fileOf(key), 'r');
        const stat = await handle.stat();
        if (!stat.isFile()) {
          await handle.close();
          return undefined;
        }
        return { body: handle.createReadStream(), size: stat.size, modifiedAt: stat.mtime, contentType: contentTypeOfKey(key) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
        throw error;
      }
    },

    async *keys() {
      if (!fs.existsSync(dir)) return;
      for (const entry of await fsp.readdir(dir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || entry.name.endsWith('.tmp')) continue;
        yield path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      }
    },
  };
}
