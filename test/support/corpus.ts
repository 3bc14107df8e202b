import { fileURLToPath } from 'node:url';

/** A file of the shared corpus, which sits beside the project as ../shared (not at one machine's path). */
export function corpusFile(relative: string): string {
  return fileURLToPath(new URL(`../../../shared/corpus/${relative}`, import.meta.url));
}
