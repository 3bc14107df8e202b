import type { AppContext } from '#src/app-context.ts';

/** Adds the demo content to a database without articles; answers how many articles it created. */
export async function seedDemoContent(_context: AppContext, _options: { onlyIfEmpty: boolean }): Promise<number> {
  return 0;
}
