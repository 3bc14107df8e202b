import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleJson } from '#src/domain/articles/article-json.ts';
import { publishDueArticles } from '#src/jobs/scheduled-publishing.ts';
import { createSectionFixture } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { apiUser, createArticle, textBody, type ApiUser } from '../api/articles-client.ts';

/**
 * The sitemap index reads its months' article counts from article_month_counts (migration 0033),
 * kept by triggers: here the newsroom's workflow moves articles in and out of the published months
 * and the kept counts must equal a count of the articles themselves after every step.
 */
describe('the sitemap index’s month counts through the article workflow', () => {
  let server: TestServer;
  let editor: ApiUser;
  let sectionId: number;

  before(async () => {
    server = await startTestServer();
    sectionId = (await createSectionFixture(server.context)).id;
    editor = await apiUser(server, 'editor');
  });
  after(() => server.close());

  /** The kept counts and a count of the published articles by UTC month, as "YYYY-MM: n". */
  async function keptAndCounted(): Promise<{ kept: string[]; counted: string[] }> {
    const db = server.context.database.db;
    const kept = await db.selectFrom('article_month_counts').select(['month', 'total']).where('total', '!=', 0).orderBy('month').execute();
    const published = await db.selectFrom('articles').select('published_at').where('status', '=', 'published').execute();
    const byMonth = new Map<string, number>();
    for (const { published_at } of published) byMonth.set(published_at!.slice(0, 7), (byMonth.get(published_at!.slice(0, 7)) ?? 0) + 1);
    return { kept: kept.map((r) => `${r.month}: ${r.total}`), counted: [...byMonth].sort().map(([month, n]) => `${month}: ${n}`) };
  }

  async function assertInStep(step: string): Promise<void> {
    const { kept, counted } = await keptAndCounted();
    assert.deepEqual(kept, counted, step);
  }

  async function act(article: ArticleJson, action: string, extra: Record<string, unknown> = {}): Promise<ArticleJson> {
    const response = await editor.call<ArticleJson>('POST', `/api/admin/articles/${article.id}/${action}`, { version: article.version, ...extra });
    assert.equal(response.status, 200, `${action}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** The month files the sitemap index names, in order. */
  async function indexedMonths(): Promise<string[]> {
    const index = await (await fetch(`${server.url}/sitemap.xml`)).text();
    return [...index.matchAll(/\/sitemaps\/articles-(\d{4}-\d{2})\.xml/g)].map((m) => m[1]!);
  }

  it('stays equal to the articles through publish, unpublish, trash, restore and scheduled publishing', async () => {
    const draft = () => createArticle(editor, { title: `Story ${Math.random()}`, sectionId, body: textBody('Text.') });
    let first = await act(await draft(), 'publish');
    let second = await act(await draft(), 'publish');
    await assertInStep('after two publications');
    const month = first.publishedAt!.slice(0, 7);
    assert.deepEqual(await indexedMonths(), [month]);

    first = await act(first, 'unpublish');
    await assertInStep('after an unpublication');
    second = await act(second, 'trash');
    await assertInStep('after trashing a published article');
    assert.deepEqual(await indexedMonths(), [], 'no month is left with a published article');

    second = await act(second, 'restore');
    await assertInStep('after restoring it');
    first = await act(first, 'publish');
    await assertInStep('after publishing again');

    const scheduledAt = new Date(Date.now() + 60_000).toISOString();
    const scheduled = await act(await draft(), 'schedule', { scheduledAt });
    await assertInStep('after scheduling');
    const due = await publishDueArticles(server.context, new Date(Date.now() + 120_000).toISOString());
    assert.deepEqual(due.published, [scheduled.id]);
    await assertInStep('after the scheduled article went out');
    assert.deepEqual(await indexedMonths(), [month]);
  });

  it('follows an article whose publication date moves to another month', async () => {
    const article = await act(await createArticle(editor, { title: 'Moved in time', sectionId, body: textBody('Text.') }), 'publish');
    // A correction of the date, as an import or a script writes it, moves the article to 2023-02.
    await server.context.database.db.updateTable('articles').set({ published_at: '2023-02-08T04:28:00.000Z' }).where('id', '=', article.id).execute();
    await assertInStep('after the date moved');
    const { kept } = await keptAndCounted();
    assert.ok(kept.includes('2023-02: 1'), kept.join(', '));
    const current = await editor.call<ArticleJson>('GET', `/api/admin/articles/${article.id}`);
    await act(current.body, 'trash');
    await assertInStep('after it was trashed');
  });
});
