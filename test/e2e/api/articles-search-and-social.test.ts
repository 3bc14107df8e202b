import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleJson } from '#src/domain/articles/article-json.ts';
import { createImageFixture, createSectionFixture } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { decodeEntities, jsonLdOf } from '../site/html-text.ts';
import { apiUser, createArticle, textBody, type ApiUser } from './articles-client.ts';

/** The content of `<meta property|name="key" content="…">`, decoded; undefined when absent. */
function meta(html: string, key: string): string | undefined {
  const found = new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1];
  return found === undefined ? undefined : decodeEntities(found);
}

describe('search and social fields of an article', () => {
  let server: TestServer;
  let section: { id: number };
  let editor: ApiUser;

  before(async () => {
    server = await startTestServer();
    section = await createSectionFixture(server.context);
    editor = await apiUser(server, 'editor');
  });
  after(() => server.close());

  async function published(fields: Record<string, unknown>): Promise<{ article: ArticleJson; html: string }> {
    const draft = await createArticle(editor, { sectionId: section.id, body: textBody('The text.'), ...fields });
    const live = await editor.call<ArticleJson>('POST', `/api/admin/articles/${draft.id}/publish`, { version: draft.version });
    assert.equal(live.status, 200, JSON.stringify(live.body));
    return { article: live.body, html: await (await fetch(`${server.url}${live.body.path}`)).text() };
  }

  it("puts the article's own search title and description in <title> and the meta description, and its card in Open Graph and JSON-LD", async () => {
    const lead = await createImageFixture(server.context, { altText: 'Wind turbines on a ridge' });
    const card = await createImageFixture(server.context, { altText: 'A turbine blade on a lorry', width: 1200, height: 630 });
    const { article, html } = await published({
      title: 'The wind farm near Yereymentau doubles its output after a year of delays and disputes',
      standfirst: 'The standfirst readers see under the headline.',
      leadMediaId: lead.id,
      seoTitle: 'Yereymentau wind farm doubles output',
      metaDescription: 'Forty new turbines came online this week, the operator said.',
      socialTitle: 'Forty new turbines on the steppe',
      socialDescription: 'What the bigger wind farm means for the region’s power bills.',
      socialMediaId: card.id,
    });
    assert.deepEqual(
      [article.seoTitle, article.metaDescription, article.socialTitle, article.socialMediaId],
      ['Yereymentau wind farm doubles output', 'Forty new turbines came online this week, the operator said.', 'Forty new turbines on the steppe', card.id],
    );
    assert.match(html, /<title>Yereymentau wind farm doubles output \| [^<]+<\/title>/);
    assert.equal(meta(html, 'description'), 'Forty new turbines came online this week, the operator said.');
    assert.equal(meta(html, 'og:title'), 'Forty new turbines on the steppe');
    assert.equal(meta(html, 'og:description'), 'What the bigger wind farm means for the region’s power bills.');
    assert.match(meta(html, 'og:image') ?? '', new RegExp(`^${server.url}/media/`));
    assert.equal(meta(html, 'og:image:alt'), 'A turbine blade on a lorry');
    const news = jsonLdOf(html).find((d) => d['@type'] === 'NewsArticle') as Record<string, any>;
    assert.equal(news.headline, 'The wind farm near Yereymentau doubles its output after a year of delays and disputes');
    assert.equal(news.alternativeHeadline, 'Yereymentau wind farm doubles output');
    assert.equal(news.description, 'Forty new turbines came online this week, the operator said.');
    assert.equal(news.image.length, 2, 'the lead image and the card image');
    assert.ok(news.image.includes(meta(html, 'og:image')));
    // The page's own heading is still the article's title.
    assert.match(html, /<h1 class="article-title">The wind farm near Yereymentau doubles its output/);
    // "Where used" in the media library counts the card image.
    const usage = await editor.call('GET', `/api/admin/media/${card.id}`);
    assert.deepEqual(usage.body.usage.map((u: { articleId: number }) => u.articleId), [article.id]);
  });

  it('falls back to the title, standfirst and lead image when the fields are empty', async () => {
    const lead = await createImageFixture(server.context, { altText: 'Grain silos at dusk' });
    const { article, html } = await published({ title: 'Grain exports reach a record', standfirst: 'Shipments rose by a fifth.', leadMediaId: lead.id });
    assert.deepEqual([article.seoTitle, article.metaDescription, article.socialTitle, article.socialDescription, article.socialMediaId], ['', '', '', '', null]);
    assert.match(html, /<title>Grain exports reach a record \| /);
    assert.equal(meta(html, 'description'), 'Shipments rose by a fifth.');
    assert.equal(meta(html, 'og:title'), 'Grain exports reach a record');
    assert.equal(meta(html, 'og:description'), 'Shipments rose by a fifth.');
    assert.equal(meta(html, 'og:image:alt'), 'Grain silos at dusk');
    const news = jsonLdOf(html).find((d) => d['@type'] === 'NewsArticle') as Record<string, any>;
    assert.equal(news.alternativeHeadline, undefined);
  });

  it('lets the card take the search title and description when it has none of its own', async () => {
    const { html } = await published({ title: 'A long headline about the budget', seoTitle: 'Budget 2027 in brief', metaDescription: 'Five numbers that matter.' });
    assert.equal(meta(html, 'og:title'), 'Budget 2027 in brief');
    assert.equal(meta(html, 'og:description'), 'Five numbers that matter.');
  });

  it('refuses a search title over its limit and a card image that is not in the library, naming the field', async () => {
    const long = await editor.call('POST', '/api/admin/articles', { title: 'Too long', sectionId: section.id, seoTitle: 'x'.repeat(201) });
    assert.equal(long.status, 400);
    assert.match(JSON.stringify(long.body), /seoTitle/);
    const missing = await editor.call('POST', '/api/admin/articles', { title: 'No such image', sectionId: section.id, socialMediaId: 999999 });
    assert.equal(missing.status, 422);
    assert.equal(missing.body.field, 'socialMediaId');
  });
});
