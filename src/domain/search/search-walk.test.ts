import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seedSyntheticArticles } from '#src/demo/synthetic/seed-synthetic.ts';
import { parseSearchQuery } from '#src/domain/search/search-query.ts';
import { searchArticleIds, type SearchFilter } from '#src/domain/search/search-repository.ts';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';

/**
 * PostgreSQL's search walks the newest documents of the language first, then widens windows of
 * ids, or skips the walk for a word the planner expects in few rows (search-repository.ts): wherever
 * the walk stops, and without it, the answer is the one over the whole archive.
 * A walk of a few rows makes a small archive take every path (row tests, the GIN index, a page past
 * the matches); SQLite has no walk and answers the same both ways.
 */
describe('search: the walk and the windows give the same answer', () => {
  let server: TestServer;
  let sectionId: number;
  const now = new Date().toISOString();

  before(async () => {
    server = await startTestServer();
    await seedSyntheticArticles(server.context, 300, { enqueueReindex: async () => {} });
    const { db } = server.context.database;
    sectionId = (await db.selectFrom('articles').select('section_id').where('language', '=', 'en').orderBy('id', 'desc').executeTakeFirstOrThrow()).section_id;
  });
  after(() => server.close());

  const cases: Array<{ language: string; q: string; filter?: Partial<SearchFilter>; offset?: number }> = [
    { language: 'en', q: 'almaty' },
    { language: 'en', q: 'museum' },
    { language: 'en', q: 'almaty council' },
    { language: 'en', q: 'almaty', offset: 10 },
    { language: 'en', q: 'almaty', offset: 990 },
    { language: 'en', q: 'xylophonic' },
    { language: 'ru', q: 'алматы' },
    { language: 'kk', q: 'астана' },
    { language: 'kk', q: 'astana' },
  ];

  it('for common, rare and absent words, with filters and on later pages', async () => {
    const { db, kind } = server.context.database;
    const from = new Date(Date.now() - 3 * 365 * 86_400_000).toISOString();
    const all = [...cases, { language: 'en', q: 'almaty', filter: { sectionIds: [sectionId] } }, { language: 'en', q: 'almaty', filter: { from } }];
    let found = 0;
    for (const c of all) {
      const filter: SearchFilter = { language: c.language, terms: parseSearchQuery(c.q).terms, ...c.filter };
      const page = { limit: 10, offset: c.offset ?? 0 };
      const whole = await searchArticleIds(db, kind, filter, page, now, { walkRows: 100_000, rareExpected: 0 });
      for (const walkRows of [1, 7, 40]) {
        assert.deepEqual(await searchArticleIds(db, kind, filter, page, now, { walkRows, rareExpected: 0 }), whole, `${c.language} "${c.q}" ${JSON.stringify(c.filter ?? {})} offset ${page.offset}, walk of ${walkRows}`);
      }
      // No walk: the GIN index over the whole archive at once, as for a word the planner expects in few rows.
      assert.deepEqual(await searchArticleIds(db, kind, filter, page, now, { rareExpected: Infinity }), whole, `${c.language} "${c.q}" ${JSON.stringify(c.filter ?? {})} offset ${page.offset}, no walk`);
      found += whole.total;
    }
    assert.ok(found > 100, `the words are found (${found} matches in all)`);
  });
});
