import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import {
  addCorrectionFixture,
  createAuthorFixture,
  createImageFixture,
  createLocationFixture,
  createPublishedArticle,
  createSectionFixture,
  createTagFixture,
} from '../../support/factories.ts';
import type { Block } from '#src/domain/articles/article-body.ts';
import { saveSettings, loadSettings } from '#src/domain/settings/settings-repository.ts';
import { updateMediaDetails } from '#src/domain/media/media-service.ts';
import { adminActorOf } from '../../support/api-keys.ts';
import { createUserFixture } from '../../support/auth.ts';
import { elementByClass, jsonLdOf, readSeedBlocks, textOf } from './html-text.ts';

/** The seed page taken apart: header lines, title, standfirst, lead caption/credit, body blocks, notice. */
async function readSeed() {
  const blocks = await readSeedBlocks();
  const header = blocks[0]!.split('\n').map((l) => l.trim());
  const [, leadCaption, leadCredit] = blocks[3]!.split('\n');
  return {
    tagline: header[0]!,
    crumbs: header.filter((l) => /^\d+\. /.test(l)).map((l) => l.replace(/^\d+\. /, '')),
    dateline: header.find((l) => l.includes('•'))!,
    readingTime: header.find((l) => /min read$/.test(l))!,
    title: blocks[1]!,
    standfirst: blocks[2]!,
    leadCaption: leadCaption!,
    leadCredit: leadCredit!,
    // A two-line block is an inline image's caption and credit; the rest are paragraphs.
    body: blocks.slice(4, -1),
    notice: blocks.at(-1)!,
  };
}

describe('GET /:section/:slug (the article page)', () => {
  let server: TestServer;
  let seed: Awaited<ReturnType<typeof readSeed>>;
  let html: string;
  let path: string;
  let ids: { author: { name: string; slug: string }; tag: { name: string; slug: string }; leadId: number; inlineId: number };

  before(async () => {
    server = await startTestServer();
    seed = await readSeed();
    const context = server.context;
    const settings = await loadSettings(context.database.db);
    await saveSettings(context.database.db, {
      ...settings,
      name: 'The Test Monitor',
      tagline: seed.tagline,
      socialLinks: {
        facebook: 'https://facebook.com/example',
        instagram: 'https://instagram.com/example',
        tiktok: 'https://tiktok.com/@example',
        x: 'https://x.com/example',
        telegram: 'https://t.me/example',
        youtube: 'https://youtube.com/@example',
        rss: '/feed.xml',
      },
    });
    const section = await createSectionFixture(context, { name: seed.crumbs[1]!, slug: 'news' });
    const [city, country] = seed.dateline.split(' • ')[0]!.split(', ');
    const location = await createLocationFixture(context, { city, country, timeZone: 'Asia/Almaty' });
    const author = await createAuthorFixture(context, { name: 'Aigerim Sadykova' });
    const tag = await createTagFixture(context, { name: 'Diplomacy' });
    const lead = await createImageFixture(context, { caption: 'library caption', credit: 'library credit', altText: 'Officials at a table' });
    const inline = await createImageFixture(context, { width: 1200, height: 800, altText: 'The ministry building' });
    const body: Block[] = seed.body.map((block) => {
      const lines = block.split('\n');
      return lines.length === 2
        ? { type: 'figure', attrs: { mediaId: inline.id, caption: lines[0]!, credit: lines[1]!, alt: '' } }
        : { type: 'paragraph', content: [{ type: 'text', text: block }] };
    });
    const article = await createPublishedArticle(context, {
      sectionId: section.id,
      slug: 'kazakh-mfa-and-red-cross',
      title: seed.title,
      standfirst: seed.standfirst,
      body: { type: 'doc', content: body },
      leadMediaId: lead.id,
      leadCaption: seed.leadCaption,
      leadCredit: seed.leadCredit,
      locationId: location.id,
      sourceAttribution: 'Ministry of Foreign Affairs of Kazakhstan',
      authorIds: [author.id],
      tagIds: [tag.id],
      publishedAt: '2023-02-08T04:28:00.000Z',
    });
    await addCorrectionFixture(context, article.id, { kind: 'correction', text: 'An earlier version misspelt a name.', createdAt: '2023-02-09T06:00:00.000Z' });
    path = article.path;
    ids = { author, tag, leadId: lead.id, inlineId: inline.id };
    const response = await fetch(`${server.url}${path}`);
    assert.equal(response.status, 200);
    html = await response.text();
  });
  after(() => server.close());

  it('shows the site logo, tagline and every social link with an accessible name and an icon', () => {
    assert.match(html, /<a href="\/" class="site-logo" rel="home">/);
    assert.ok(textOf(elementByClass(html, 'site-tagline')!).includes(seed.tagline));
    const social = elementByClass(html, 'social-links')!;
    const expected: Array<[string, string]> = [
      ['Facebook', 'https://facebook.com/example'],
      ['Instagram', 'https://instagram.com/example'],
      ['TikTok', 'https://tiktok.com/@example'],
      ['X (Twitter)', 'https://x.com/example'],
      ['Telegram', 'https://t.me/example'],
      ['YouTube', 'https://youtube.com/@example'],
      ['RSS feed', '/feed.xml'],
    ];
    for (const [label, href] of expected) {
      assert.match(social, new RegExp(`<a href="${href.replace(/[.?]/g, '\\$&')}"[^>]*><svg[^>]*aria-hidden="true"[\\s\\S]*?<span class="visually-hidden">${label.replace(/[()]/g, '\\$&')}</span>`), label);
    }
  });

  it('shows the breadcrumbs Main Page > section > title as an ordered list and as BreadcrumbList JSON-LD', () => {
    const nav = /<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>([\s\S]*?)<\/ol><\/nav>/.exec(html)?.[1];
    assert.ok(nav);
    const items = [...nav.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1]!));
    assert.deepEqual(items, seed.crumbs);
    const crumbs = jsonLdOf(html).find((d) => d['@type'] === 'BreadcrumbList') as { itemListElement: Array<{ name: string; position: number }> };
    assert.deepEqual(crumbs.itemListElement.map((i) => i.name), seed.crumbs);
  });

  it('shows the dateline and reading time exactly as the seed page does', () => {
    assert.equal(textOf(elementByClass(html, 'dateline')!), seed.dateline);
    assert.match(elementByClass(html, 'dateline')!, /<time datetime="2023-02-08T10:28:00\+06:00">/);
    assert.equal(textOf(elementByClass(html, 'reading-time')!), seed.readingTime);
  });

  it('says when the article was updated after publication (here: a correction), beside the dateline', () => {
    const updated = elementByClass(html, 'updated');
    assert.ok(updated, 'an "Updated" line');
    assert.match(textOf(updated), /^Updated \d{1,2} \w+, \d{4} \| \d\d:\d\d$/);
    assert.match(updated, /<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d">/);
  });

  it('says nothing of an update when the article has not changed since publication', async () => {
    const section = await createSectionFixture(server.context, { name: 'Unchanged', slug: 'unchanged' });
    const fresh = await createPublishedArticle(server.context, { sectionId: section.id, title: 'Published and left alone', publishedAt: new Date().toISOString() });
    const page = await (await fetch(`${server.url}${fresh.path}`)).text();
    assert.equal(elementByClass(page, 'updated'), undefined);
    assert.ok(elementByClass(page, 'dateline'));
  });

  it('says nothing of an update for an article that arrived already published (an import, the demo), dated in the past', async () => {
    const section = await createSectionFixture(server.context, { name: 'Archive', slug: 'archive' });
    const old = await createPublishedArticle(server.context, { sectionId: section.id, title: 'Brought over from the old site', publishedAt: '2019-05-04T08:00:00.000Z' });
    const page = await (await fetch(`${server.url}${old.path}`)).text();
    assert.equal(elementByClass(page, 'updated'), undefined);
    const ld = jsonLdOf(page).find((d) => d['@type'] === 'NewsArticle') as Record<string, string>;
    assert.equal(ld.dateModified, ld.datePublished, 'modified when it was published, not on the day it arrived');
    assert.match(ld.datePublished!, /^2019-05-04T/);
  });

  it('has one h1 (the title), the standfirst, and the body paragraphs in order', () => {
    assert.equal(html.match(/<h1[\s>]/g)?.length, 1);
    assert.equal(textOf(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)![1]!), seed.title);
    assert.equal(textOf(elementByClass(html, 'standfirst')!), seed.standfirst);
    const bodyText = textOf(elementByClass(html, 'article-body')!);
    let from = 0;
    for (const paragraph of seed.body.filter((b) => !b.includes('\n'))) {
      const at = bodyText.indexOf(paragraph, from);
      assert.ok(at >= from, `paragraph missing or out of order: ${paragraph.slice(0, 40)}`);
      from = at + paragraph.length;
    }
  });

  it('draws the lead image eagerly and inline images lazily, with srcset, sizes, width, height, caption and credit', () => {
    const lead = elementByClass(html, 'article-lead')!;
    assert.match(lead, /<source type="image\/webp" srcset="[^"]+ \d+w, [^"]+ \d+w[^"]*" sizes="[^"]+"/);
    const leadImg = /<img [^>]*>/.exec(lead)![0];
    assert.match(leadImg, /width="1600" height="900"/);
    assert.match(leadImg, /alt="Officials at a table"/);
    assert.doesNotMatch(leadImg, /loading="lazy"/);
    assert.equal(textOf(/<figcaption>([\s\S]*?)<\/figcaption>/.exec(lead)![1]!), `${seed.leadCaption} Photo: ${seed.leadCredit}`);
    const inline = elementByClass(html, 'article-figure')!;
    const inlineImg = /<img [^>]*>/.exec(inline)![0];
    assert.match(inlineImg, /loading="lazy"/);
    assert.match(inlineImg, /width="1200" height="800"/);
    assert.match(inlineImg, /alt="The ministry building"/);
    const [caption, credit] = seed.body.find((b) => b.includes('\n'))!.split('\n');
    assert.equal(textOf(/<figcaption>([\s\S]*?)<\/figcaption>/.exec(inline)![1]!), `${caption} Photo: ${credit}`);
  });

  it('shows the source line, the republication notice from settings, linked authors and tags, and corrections', () => {
    assert.equal(textOf(elementByClass(html, 'source-attribution')!), 'Source: Ministry of Foreign Affairs of Kazakhstan');
    const notice = textOf(elementByClass(html, 'reuse-notice')!);
    assert.match(notice, /Only 30% of an article published on The Test Monitor may be used/);
    assert.match(html, new RegExp(`<a href="/author/${ids.author.slug}" rel="author">${ids.author.name}</a>`));
    assert.match(html, new RegExp(`<a href="/tag/${ids.tag.slug}" rel="tag">${ids.tag.name}</a>`));
    const corrections = textOf(elementByClass(html, 'corrections')!);
    assert.match(corrections, /Correction \(09 February, 2023 \| 12:00\): An earlier version misspelt a name\./);
  });

  it('carries NewsArticle JSON-LD with zoned dates, author, publisher logo, image and the correction', () => {
    const article = jsonLdOf(html).find((d) => d['@type'] === 'NewsArticle') as Record<string, any>;
    assert.equal(article.headline, seed.title);
    assert.equal(article.description, seed.standfirst);
    assert.equal(article.datePublished, '2023-02-08T10:28:00+06:00');
    assert.equal(article.dateModified >= '2023-02-09', true);
    assert.deepEqual(article.author, [{ '@type': 'Person', name: ids.author.name, url: `${server.url}/author/${ids.author.slug}` }]);
    assert.equal(article.publisher.name, 'The Test Monitor');
    assert.match(article.publisher.logo.url, /^http:\/\/127\.0\.0\.1:\d+\//);
    assert.match(article.image[0], new RegExp(`^${server.url}/media/`));
    assert.equal(article.mainEntityOfPage['@id'], `${server.url}${path}`);
    assert.equal(article.correction[0].text, 'An earlier version misspelt a name.');
  });

  it('links its canonical URL and Open Graph meta', () => {
    assert.match(html, new RegExp(`<link rel="canonical" href="${server.url}${path}"/>`));
    assert.match(html, /<meta property="og:type" content="article"\/>/);
    assert.match(html, new RegExp(`<meta property="og:image" content="${server.url}/media/[^"]+"/>`));
  });

  it('serves every image it references', async () => {
    const urls = [...html.matchAll(/(?:src|srcset)="([^"]+)"/g)].flatMap((m) => m[1]!.split(', ').map((c) => c.split(' ')[0]!));
    assert.ok(urls.length > 4);
    for (const url of new Set(urls)) {
      const response = await fetch(new URL(url, server.url));
      assert.equal(response.status, 200, url);
      await response.arrayBuffer();
    }
  });
});

describe('the dateline across Kazakhstan\'s change of offset (1 March 2024)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  async function datelineOf(publishedAt: string, timeZone?: string) {
    const location = timeZone ? await createLocationFixture(server.context, { city: 'Almaty', country: 'Kazakhstan', timeZone }) : undefined;
    const article = await createPublishedArticle(server.context, { publishedAt, locationId: location?.id ?? null });
    const html = await (await fetch(`${server.url}${article.path}`)).text();
    const dateline = elementByClass(html, 'dateline')!;
    return { text: textOf(dateline), datetime: /datetime="([^"]+)"/.exec(dateline)![1] };
  }

  it('uses UTC+6 before the change and UTC+5 after it, in the location\'s zone', async () => {
    assert.deepEqual(await datelineOf('2024-02-29T12:00:00.000Z', 'Asia/Almaty'), {
      text: 'Almaty, Kazakhstan • 29 February, 2024 | 18:00',
      datetime: '2024-02-29T18:00:00+06:00',
    });
    const after = await datelineOf('2024-03-02T12:00:00.000Z');
    assert.deepEqual(after, { text: '02 March, 2024 | 17:00', datetime: '2024-03-02T17:00:00+05:00' });
  });

  it('uses the site\'s zone when the article has no location', async () => {
    const settings = await loadSettings(server.context.database.db);
    await saveSettings(server.context.database.db, { ...settings, timeZone: 'Europe/London' });
    server.context.events.emit('settings.updated');
    assert.deepEqual(await datelineOf('2024-07-01T12:00:00.000Z'), { text: '01 July, 2024 | 13:00', datetime: '2024-07-01T13:00:00+01:00' });
  });
});

describe('renderArticlePreview (the newsroom preview)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('renders the public page of a draft, marked noindex, and refuses an unknown id', async () => {
    const { renderArticlePreview } = await import('#src/web/site/routes/article-page.tsx');
    const { createArticleFixture } = await import('../../support/factories.ts');
    const draft = await createArticleFixture(server.context, { status: 'draft', title: 'Not out yet' });
    const html = await renderArticlePreview(server.context, draft.id);
    assert.equal(textOf(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)![1]!), 'Not out yet');
    assert.match(html, /<meta name="robots" content="noindex"\/>/);
    assert.equal((await fetch(`${server.url}${draft.path}`)).status, 404);
    await assert.rejects(renderArticlePreview(server.context, 987654), { name: 'NotFound' });
  });
});

describe('the article page\'s queries', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  /** Queries run while fetching a path (the page cache is bypassed by an update event first). */
  async function queriesFor(path: string, articleId: number): Promise<number> {
    let count = 0;
    const original = server.context.database.db;
    server.context.database.db = original.withPlugin({
      transformQuery: (args) => {
        count++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    try {
      server.context.events.emit('article.updated', { articleId });
      const response = await fetch(`${server.url}${path}`);
      assert.equal(response.status, 200);
      await response.text();
    } finally {
      server.context.database.db = original;
    }
    return count;
  }

  it('runs the same number of queries whatever the number of authors, tags and images (no N+1)', async () => {
    const context = server.context;
    const images = await Promise.all([1, 2, 3, 4].map(() => createImageFixture(context, { width: 800, height: 600 })));
    const authors = await Promise.all([1, 2, 3, 4].map(() => createAuthorFixture(context)));
    const tags = await Promise.all([1, 2, 3, 4].map(() => createTagFixture(context)));
    const figures = (ids: number[]): Block[] => ids.map((mediaId) => ({ type: 'figure', attrs: { mediaId, caption: 'c', credit: 'r', alt: 'a' } }));
    const small = await createPublishedArticle(context, {
      leadMediaId: images[0]!.id,
      authorIds: [authors[0]!.id],
      tagIds: [tags[0]!.id],
      body: { type: 'doc', content: figures([images[1]!.id]) },
    });
    const large = await createPublishedArticle(context, {
      leadMediaId: images[0]!.id,
      authorIds: authors.map((a) => a.id),
      tagIds: tags.map((t) => t.id),
      body: { type: 'doc', content: figures(images.slice(1).map((i) => i.id)) },
    });
    const few = await queriesFor(small.path, small.id);
    const many = await queriesFor(large.path, large.id);
    assert.equal(many, few);
    assert.ok(few <= 10, `${few} queries`);
  });

  it('shows an image as the library has it now: a new caption, credit or alt text replaces the remembered one', async () => {
    const context = server.context;
    const admin = adminActorOf(await createUserFixture(context, { role: 'admin' }));
    const image = await createImageFixture(context, { caption: 'Morning fog', credit: 'Aliya', altText: 'A foggy street' });
    const figure: Block = { type: 'figure', attrs: { mediaId: image.id, caption: '', credit: '', alt: '' } };
    const first = await createPublishedArticle(context, { leadMediaId: image.id, body: { type: 'doc', content: [figure] } });
    const second = await createPublishedArticle(context, { leadMediaId: image.id });
    const before = await (await fetch(`${server.url}${first.path}`)).text();
    assert.match(before, /Morning fog/);
    await updateMediaDetails(context, admin, image.id, { caption: 'Evening rain', credit: 'Dana', altText: 'A wet street' });
    // The page read before and one never read: neither shows the old text, in the lead or the body.
    for (const path of [first.path, second.path]) {
      const html = await (await fetch(`${server.url}${path}`)).text();
      assert.doesNotMatch(html, /Morning fog|Aliya|A foggy street/, path);
      assert.match(html, /<span class="figure-caption">Evening rain<\/span> <span class="figure-credit">Photo: Dana<\/span>/, path);
      assert.match(html, /alt="A wet street"/, path);
    }
  });

  it('uses the logo from settings in the header and as the publisher logo', async () => {
    const logo = await createImageFixture(server.context, { width: 600, height: 120 });
    const settings = await loadSettings(server.context.database.db);
    await saveSettings(server.context.database.db, { ...settings, name: 'Logo Times', logoMediaId: logo.id });
    server.context.events.emit('settings.updated');
    const article = await createPublishedArticle(server.context);
    const html = await (await fetch(`${server.url}${article.path}`)).text();
    assert.match(html, /<img src="\/media\/[^"]+" width="600" height="120" alt="Logo Times logo" class="site-logo-image"\/>/);
    const ld = jsonLdOf(html).find((d) => d['@type'] === 'NewsArticle') as Record<string, any>;
    assert.match(ld.publisher.logo.url, new RegExp(`^${server.url}/media/`));
  });
});
