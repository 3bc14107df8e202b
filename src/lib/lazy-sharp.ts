import { createRequire } from 'node:module';
import type SharpFunction from 'sharp';

/**
 * sharp, loaded at its first call rather than when a module that may use it is imported: loading
 * it brings in libvips (about 30 MB of the process's memory), which commands that never touch an
 * image (`qalam import` without images, `qalam user`, migrations) should not carry. Loaded through
 * require because an ES import of a package is hoisted to the top of the bundled server.
 */
const requireFromHere = createRequire(import.meta.url);
let loaded: typeof SharpFunction | undefined;

export function sharp(...args: Parameters<typeof SharpFunction>): ReturnType<typeof SharpFunction> {
  loaded ??= requireFromHere('sharp') as typeof SharpFunction;
  return loaded(...args);
}
