import type { Executor } from '#src/db/database.ts';
import { recordPathChange } from './redirect-repository.ts';

/** A slug change a repository is about to write, and the public paths built from the slug. */
export type SlugRename = {
  /** The stored slug before the write (undefined when the row does not exist). */
  from: string | undefined;
  /** The slug being written (undefined when the write leaves the slug alone). */
  to: string | undefined;
  /** The public page of the thing under a slug (one of public-paths.ts, e.g. tagPath). */
  pathOf: (slug: string) => string;
  /** Pages below that page that readers may have seen (a section's published articles), as path segments. */
  children?: (executor: Executor) => Promise<string[]>;
};

/**
 * Runs `update` (the write that changes the slug); when the slug did change, readers and search
 * engines that knew the old addresses get a 301 to the new ones. Answers what `update` answers.
 */
export async function renameWithRedirect<T>(db: Executor, rename: SlugRename, update: () => Promise<T>): Promise<T> {
  const result = await update();
  const { from, to, pathOf } = rename;
  if (from === undefined || to === undefined || from === to) return result;
  await recordPathChange(db, pathOf(from), pathOf(to));
  for (const child of (await rename.children?.(db)) ?? []) await recordPathChange(db, `${pathOf(from)}/${child}`, `${pathOf(to)}/${child}`);
  return result;
}
