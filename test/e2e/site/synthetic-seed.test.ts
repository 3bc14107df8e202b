import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { syntheticCount } from '#src/cli/seed-command.ts';
import { BadInput } from '#src/cli/bad-input.ts';
import { seedDemoContent } from '#src/demo/seed-demo.ts';
import { seedSyntheticArticles, type SyntheticSeedResult } from '#src/demo/synthetic/seed-synthetic.ts';
import { figureMediaIds } from '#src/domain/articles/article-body.ts';
import { findArticleById } from '#src/domain/articles/article-repository.ts';
import { publicArticlePath } from '#src/domain/articles/article-public-path.ts';
import { countIndex } from '#src/domain/rights/fingerprint-repository.ts';
import { syncSearchDocument } from '#src/domain/search/search-repository.ts';
import { enqueueJob, runDueJobs } from '#src/jobs/job-queue.ts';
import { JOB_HANDLERS } from '#src/jobs/job-handlers.ts';
import { REUSE_INDEX_ALL_JOB } from '#src/jobs/rights-jobs.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const COUNT = 300;
const YEAR_MS = 365.25 * 24 * 60 * 60_000;

describe('qalam seed --synthetic N', () => {
  let server: TestServer;
  let result: SyntheticSeedResult;
  let ids: number[];
  let reindexJobsBefore: number;

  const reindexJobs = async () =>
    (await server.context.database.db.selectFrom('jobs').select('id').where('kind', '=', REUSE_INDEX_ALL_JOB).where('done_at', 'is', null).execute()).length;

  before(async () => {
    server = await startTestServer();
    reindexJobsBefore = await reindexJobs();
    result = await seedSyntheticArticles(server.context, COUNT, { enqueueReindex: async (tx) => void (await enqueueJob(tx, REUSE_INDEX_ALL_JOB, {})) });
    ids = (await server.context.database.db.selectFrom('articles').select('id').orderBy('id').execute()).map((row) => row.id);
  });
  after(() => server.close());

  it('adds N published articles in English, Russian and Kazakh, in several sections', async () => {
    assert.equal(result.articles, COUNT);
    assert.equal(ids.length, COUNT);
    const rows = await server.context.database.db.selectFrom('articles').select(['status', 'language', 'section_id']).execute();
    assert.ok(rows.every((row) => row.status === 'published'));
    assert.deepEqual([...new Set(rows.map((row) => row.language))].sort(), ['en', 'kk', 'ru']);
    assert.ok(new Set(rows.map((row) => row.section_id)).size >= 4);
  });

  it('spreads publication over ten years, oldest first, none in the future', async () => {
    const rows = await server.context.database.db.selectFrom('articles').select(['id', 'published_at']).orderBy('id').execute();
    const times = rows.map((row) => Date.parse(row.published_at!));
    assert.deepEqual(times, [...times].sort((a, b) => a - b), 'ids follow publication order');
    assert.ok(times[0]! < Date.now() - 9 * YEAR_MS, `oldest ${rows[0]!.published_at}`);
    assert.ok(times[times.length - 1]! <= Date.now());
    assert.ok(times[times.length - 1]! > Date.now() - YEAR_MS);
  });

  it('writes news of newsroom lengths with bylines, tags, places and images', async () => {
    const db = server.context.database.db;
    const words = (await db.selectFrom('articles').select('word_count').execute()).map((row) => row.word_count);
    assert.ok(words.some((n) => n < 350) && words.some((n) => n > 900), 'short items and long reads');
    let leads = 0;
    let figures = 0;
    for (const id of ids.slice(0, 60)) {
      const article = (await findArticleById(db, id))!;
      assert.ok(article.title.length > 5 && article.standfirst.length > 10);
      assert.ok(article.authorIds.length >= 1 && article.tagIds.length >= 1);
      if (article.leadMediaId !== null) leads++;
      figures += figureMediaIds(article.body).length;
    }
    assert.ok(leads > 0 && figures > 0);
    const uses = await db.selectFrom('article_media').select('media_id').where('article_id', 'in', ids).execute();
    const media = await db.selectFrom('media_variants').select('media_id').where('media_id', 'in', [...new Set(uses.map((u) => u.media_id))]).execute();
    assert.ok(media.length > 0, 'the images used have variants');
    const links = await db.selectFrom('article_tags').select(['status', 'published_at']).where('article_id', 'in', ids).execute();
    assert.ok(links.length >= COUNT && links.every((link) => link.status === 'published' && link.published_at !== null), 'tag pages read the list state');
  });

  it('writes the same search documents as an article saved one by one', async () => {
    const db = server.context.database.db;
    const columns = ['article_id', 'language', 'section_id', 'published_at', 'title', 'standfirst', 'body'] as const;
    assert.equal((await db.selectFrom('article_search_documents').select('article_id').where('article_id', 'in', ids).execute()).length, COUNT);
    for (const id of [ids[0]!, ids[Math.floor(COUNT / 2)]!, ids[COUNT - 1]!]) {
      const bulk = await db.selectFrom('article_search_documents').select(columns).where('article_id', '=', id).executeTakeFirstOrThrow();
      await syncSearchDocument(db, id);
      assert.deepEqual(await db.selectFrom('article_search_documents').select(columns).where('article_id', '=', id).executeTakeFirstOrThrow(), bulk);
    }
  });

  it('serves the articles and finds them in readers’ search in their language', async () => {
    const db = server.context.database.db;
    for (const language of ['en', 'ru', 'kk']) {
      const article = await db
        .selectFrom('articles')
        .select(['id', 'slug', 'title', 'section_id as sectionId', 'language'])
        .where('language', '=', language)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const path = await publicArticlePath(db, article);
      const prefix = language === 'en' ? '' : `/${language}`;
      const page = await fetch(`${server.url}${path}`);
      assert.equal(page.status, 200, `${language} article page ${path}`);
      const html = await page.text();
      assert.ok(html.includes(article.title.replaceAll('&', '&amp;')), `${language} page shows its title`);
      const word = article.title.split(/[\s:,.—-]+/).find((w) => w.length >= 5)!;
      const search = await (await fetch(`${server.url}${prefix}/search?q=${encodeURIComponent(word)}`)).text();
      assert.ok(search.includes(path), `${language} search for "${word}" lists the newest article with it`);
    }
  });

  it('queues a rebuild of the reuse index that covers every new article', async () => {
    assert.equal(await reindexJobs(), reindexJobsBefore + 1);
    await runDueJobs(server.context, JOB_HANDLERS);
    assert.equal((await countIndex(server.context.database.db)).articles, COUNT);
  });

  it('leaves the planner statistics of the tables it filled, so the first reader does not meet plans made for empty tables', async () => {
    const { database } = server.context;
    if (database.kind === 'postgres') {
      const { rows } = await sql<{ analyzed: unknown }>`select last_analyze as analyzed from pg_stat_user_tables where schemaname = current_schema() and relname = 'articles'`.execute(database.db);
      assert.ok(rows[0]?.analyzed, 'articles analyzed by the seed itself, not left to autovacuum');
    } else {
      const { rows } = await sql<{ stat: string }>`select stat from sqlite_stat1 where tbl = 'articles'`.execute(database.db);
      // A partial index's row counts only the rows it covers, so the widest index speaks for the table.
      const counted = Math.max(0, ...rows.map((row) => Number(row.stat.split(' ')[0])));
      assert.ok(counted >= COUNT, `statistics of ${COUNT} articles: ${JSON.stringify(rows)}`);
    }
  });

  it('adds more on a second run, with slugs of their own', async () => {
    const again = await seedSyntheticArticles(server.context, 20, { enqueueReindex: async () => {} });
    assert.equal(again.articles, 20);
    assert.ok(again.firstId! > ids[ids.length - 1]!);
    const slugs = await server.context.database.db.selectFrom('articles').select(['language', 'section_id', 'slug']).execute();
    assert.equal(new Set(slugs.map((s) => `${s.language}/${s.section_id}/${s.slug}`)).size, COUNT + 20);
  });
});

describe('qalam seed --synthetic on an install with the demo content', () => {
  it('adds its articles beside the demo’s, reusing sections and tags that exist, each tag named in Russian and Kazakh', async () => {
    const server = await startTestServer();
    try {
      const demo = await seedDemoContent(server.context, { onlyIfEmpty: true });
      const result = await seedSyntheticArticles(server.context, 40, { enqueueReindex: async () => {} });
      const db = server.context.database.db;
      assert.equal(Number((await db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), demo + 40);
      const tagIds = (await db.selectFrom('article_tags').select('tag_id').where('article_id', '>=', result.firstId!).execute()).map((row) => row.tag_id);
      for (const language of ['ru', 'kk']) {
        const named = await db.selectFrom('term_translations').select('term_id').where('kind', '=', 'tag').where('language', '=', language).where('term_id', 'in', tagIds).execute();
        assert.equal(new Set(named.map((row) => row.term_id)).size, new Set(tagIds).size, `every tag used has a ${language} name`);
      }
    } finally {
      await server.close();
    }
  });
});

describe('the --synthetic option', () => {
  it('takes a whole number of articles', () => {
    assert.equal(syntheticCount(['--synthetic', '100000']), 100000);
    assert.equal(syntheticCount([]), undefined);
  });

  it('refuses anything else with a message naming the option', () => {
    for (const bad of [[], ['0'], ['-5'], ['1e5'], ['ten'], ['2000000']]) {
      assert.throws(() => syntheticCount(['--synthetic', ...bad]), (error: unknown) => error instanceof BadInput && error.message.startsWith('--synthetic:'));
    }
  });
});
