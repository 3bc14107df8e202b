import fs from 'node:fs';
import { sql } from 'kysely';
import { loadConfig } from '#src/config/config.ts';
import { openDatabase, type Db } from '#src/db/database.ts';
import { LIST_PAGE_SIZE } from '#src/web/site/page-params.ts';

/**
 * Writes the path of every published article in the site's default language into `file`, one a
 * line (what bench/random-path.lua reads), and answers how many there are. Other languages' articles
 * sit under a prefix with their section's slug in that language, so their bare path would be a 404.
 */
export async function writeArticlePaths(env: NodeJS.ProcessEnv, file: string): Promise<number> {
  const database = openDatabase(loadConfig(env));
  try {
    const db = database.db;
    const { default_language: language } = await db.selectFrom('site_settings').select('default_language').executeTakeFirstOrThrow();
    const articles = await db
      .selectFrom('articles as a')
      .innerJoin('sections as s', 's.id', 'a.section_id')
      .select(['s.slug as section', 'a.slug as slug'])
      .where('a.status', '=', 'published')
      .where('a.language', '=', language)
      .execute();
    fs.writeFileSync(file, articles.map((a) => `/${a.section}/${a.slug}`).join('\n'));
    return articles.length;
  } finally {
    await database.close();
  }
}

/** The slug of the tag or author with the most articles. */
async function mostUsed(db: Db, link: 'article_tags' | 'article_authors', key: 'tag_id' | 'author_id', named: 'tags' | 'authors'): Promise<string> {
  const { rows } = await sql<{ slug: string }>`select n.slug from ${sql.table(link)} l join ${sql.table(named)} n on n.id = l.${sql.ref(key)}
    group by n.slug order by count(*) desc limit 1`.execute(db);
  if (!rows[0]) throw new Error(`no ${named} in use`);
  return rows[0].slug;
}

/**
 * The fullest lists of an install, the ones that grow with the archive: the section with the most
 * published articles in the default language and the number of its last page there (what
 * `/<section>?page=N` lists), and the most used tag and author.
 */
export async function busiestLists(db: Db): Promise<{ section: string; lastSectionPage: number; tag: string; author: string }> {
  const { default_language: language } = await db.selectFrom('site_settings').select('default_language').executeTakeFirstOrThrow();
  const section = await db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .select(['s.slug', sql<number>`count(*)`.as('n')])
    .where('a.status', '=', 'published')
    .where('a.language', '=', language)
    .groupBy('s.slug')
    .orderBy('n', 'desc')
    .executeTakeFirstOrThrow();
  return {
    section: section.slug,
    lastSectionPage: Math.max(1, Math.ceil(Number(section.n) / LIST_PAGE_SIZE)),
    tag: await mostUsed(db, 'article_tags', 'tag_id', 'tags'),
    author: await mostUsed(db, 'article_authors', 'author_id', 'authors'),
  };
}
