import { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);

/**
 * A package loaded at its first use instead of when a module that may use it is imported: an ES
 * import of a package is hoisted to the top of the bundled server, so every start would evaluate
 * it (and a native one load its binding) whether or not this process ever needs it. A require by a
 * name esbuild cannot follow also keeps the package out of the bundle; it stays in node_modules.
 */
export function loadAtFirstUse<T>(packageName: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireFromHere(packageName) as T);
}
