import type SharpFunction from 'sharp';
import { loadAtFirstUse } from './load-at-first-use.ts';

/**
 * sharp, loaded at its first call rather than when a module that may use it is imported: loading
 * it brings in libvips (about 30 MB of the process's memory), which commands that never touch an
 * image (`qalam import` without images, `qalam user`, migrations) should not carry. Loaded through
 * require because an ES import of a package is hoisted to the top of the bundled server.
 */
const loadSharp = loadAtFirstUse<typeof SharpFunction>('sharp');

export function sharp(...args: Parameters<typeof SharpFunction>): ReturnType<typeof SharpFunction> {
  return loadSharp()(...args);
}
