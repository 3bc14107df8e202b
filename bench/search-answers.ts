import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '#src/db/database.ts';
import { parseSearchQuery } from '#src/domain/search/search-query.ts';
import * as current from '#src/domain/search/search-repository.ts';

/**
 * Whether a change to the search repository kept its answers: every query below (common, rare and
 * absent words in each language, filters by section and date, later pages) asked of this checkout's
 * searchArticleIds and of another checkout's (BENCH_BASELINE_SOURCE, the code before), on one
 * install at one instant; prints each query's count and whether the two answers (ids, their order,
 * the count) are the same. Exits 1 when any differs. Writes nothing (on SQLite, opening the file
 * may refresh its planner statistics, as the server does: point it at a copy).
 *
 * BENCH_DATA_DIR=/path: a SQLite install's data directory; or BENCH_DATABASE_URL=postgres://… .
 */
const DATA_DIR = process.env.BENCH_DATA_DIR;
const POSTGRES_URL = process.env.BENCH_DATABASE_URL;
const BASELINE_SOURCE = process.env.BENCH_BASELINE_SOURCE;
if (!BASELINE_SOURCE || (!DATA_DIR && !POSTGRES_URL)) throw new Error('BENCH_BASELINE_SOURCE (the checkout before) and BENCH_DATA_DIR or BENCH_DATABASE_URL are required.');

const DAY_MS = 86_400_000;
const database: DatabaseHandle = openDatabase({
  database: POSTGRES_URL ? { kind: 'postgres', url: POSTGRES_URL } : { kind: 'sqlite', file: path.join(DATA_DIR ?? '', 'qalam.db') },
});
const baseline = (await import(path.join(BASELINE_SOURCE, 'src/domain/search/search-repository.ts'))) as typeof current;

/** The section of the newest article of `language` (a section with recent articles) and its least used one. */
async function sectionsOf(language: string): Promise<{ busy: number; quiet: number }> {
  const { rows } = await sql<{ section_id: number; n: number }>`select section_id, count(*) as n from article_search_documents
    where language = ${language} group by section_id order by count(*) desc`.execute(database.db);
  return { busy: Number(rows[0]!.section_id), quiet: Number(rows.at(-1)!.section_id) };
}

type Case = { language: string; q: string; offset?: number; sectionIds?: number[]; from?: string; before?: string };

const now = new Date().toISOString();
const ago = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
const en = await sectionsOf('en');
const ru = await sectionsOf('ru');
const kk = await sectionsOf('kk');
const cases: Case[] = [
  { language: 'en', q: 'almaty' },
  { language: 'en', q: 'almaty', offset: 10 },
  { language: 'en', q: 'almaty', offset: 500 },
  { language: 'en', q: 'almaty', offset: 995 },
  { language: 'en', q: 'almaty council' },
  { language: 'en', q: 'museum' },
  { language: 'en', q: 'museum', offset: 20 },
  { language: 'en', q: 'museum', sectionIds: [en.busy] },
  { language: 'en', q: 'museum', sectionIds: [en.quiet] },
  { language: 'en', q: 'museum', from: ago(730), before: ago(365) },
  { language: 'en', q: 'almaty', sectionIds: [en.busy, en.quiet] },
  { language: 'en', q: 'almaty', before: ago(1500) },
  { language: 'en', q: 'xylophonic' },
  { language: 'en', q: 'астана' },
  { language: 'en', q: 'museum xylophonic' },
  { language: 'ru', q: 'алматы' },
  { language: 'ru', q: 'алматы', offset: 30 },
  { language: 'ru', q: 'музея' },
  { language: 'ru', q: 'музея', offset: 10 },
  { language: 'ru', q: 'музея', sectionIds: [ru.busy] },
  { language: 'ru', q: 'музея', from: ago(730) },
  { language: 'ru', q: 'astana' },
  { language: 'ru', q: 'ксилофон' },
  { language: 'kk', q: 'астана' },
  { language: 'kk', q: 'астана', from: ago(730), before: ago(365) },
  { language: 'kk', q: 'терминалы' },
  { language: 'kk', q: 'шахмат' },
  { language: 'kk', q: 'шахмат', offset: 10 },
  { language: 'kk', q: 'шахмат', sectionIds: [kk.quiet] },
  { language: 'kk', q: 'музея' },
  { language: 'kk', q: 'astana' },
  { language: 'kk', q: 'terminaly' },
  { language: 'kk', q: 'sahmat' },
  { language: 'kk', q: 'sahmat', offset: 40 },
  { language: 'kk', q: 'museum' },
];

let differing = 0;
try {
  for (const c of cases) {
    const filter = { language: c.language, terms: parseSearchQuery(c.q).terms, sectionIds: c.sectionIds, from: c.from, before: c.before };
    const page = { limit: 10, offset: c.offset ?? 0 };
    const before = await baseline.searchArticleIds(database.db, database.kind, filter, page, now);
    const after = await current.searchArticleIds(database.db, database.kind, filter, page, now);
    const same = JSON.stringify(before) === JSON.stringify(after);
    if (!same) differing++;
    const what = `${c.language} "${c.q}"${c.offset ? ` offset ${c.offset}` : ''}${c.sectionIds ? ` sections ${c.sectionIds.join(',')}` : ''}${c.from ? ' from' : ''}${c.before ? ' before' : ''}`;
    console.log(`${same ? 'same     ' : 'DIFFERENT'} ${what.padEnd(46)} ${before.total} matches, ${before.ids.length} on the page${same ? '' : `: before ${JSON.stringify(before)} after ${JSON.stringify(after)}`}`);
  }
} finally {
  await database.close();
}
console.log(`${cases.length} queries, ${differing} different`);
if (differing > 0) process.exitCode = 1;
