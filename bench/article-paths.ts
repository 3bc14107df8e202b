import fs from 'node:fs';
import { loadConfig } from '#src/config/config.ts';
import { openDatabase } from '#src/db/database.ts';

/**
 * Writes the path of every published article of the env's install into `file`, one a line (what
 * bench/random-path.lua reads), and answers how many there are.
 */
export async function writeArticlePaths(env: NodeJS.ProcessEnv, file: string): Promise<number> {
  const database = openDatabase(loadConfig(env));
  try {
    const articles = await database.db
      .selectFrom('articles as a')
      .innerJoin('sections as s', 's.id', 'a.section_id')
      .select(['s.slug as section', 'a.slug as slug'])
      .where('a.status', '=', 'published')
      .execute();
    fs.writeFileSync(file, articles.map((a) => `/${a.section}/${a.slug}`).join('\n'));
    return articles.length;
  } finally {
    await database.close();
  }
}
