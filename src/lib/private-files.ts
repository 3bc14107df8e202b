import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '#src/config/config.ts';

/** Owner-only modes for what Qalam writes: accounts, sessions, drafts and media are nobody else's business. */
export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Makes the process create files owner-only whatever umask it was started with, creates the data
 * folder owner-only, and tightens what an older install left readable (the folder, the media
 * folder and the SQLite files). Media files inside stay behind the folder's 0700.
 */
export function makeDataFolderPrivate(config: Pick<Config, 'dataDir' | 'mediaDir' | 'database'>): void {
  process.umask(0o077);
  fs.mkdirSync(config.dataDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  chmodIfPresent(config.dataDir, PRIVATE_FOLDER_MODE);
  chmodIfPresent(config.mediaDir, PRIVATE_FOLDER_MODE);
  if (config.database.kind === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm', '-journal']) chmodIfPresent(`${config.database.file}${suffix}`, PRIVATE_FILE_MODE);
  }
}

function chmodIfPresent(file: string, mode: number): void {
  try {
    fs.chmodSync(path.resolve(file), mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
