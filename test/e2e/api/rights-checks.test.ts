import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { asSystem } from '#src/domain/people/actor.ts';
import { createRightsService, pageFromHtml } from '#src/domain/rights/rights-service.ts';
import { runDueJobs } from '#src/jobs/job-queue.ts';
import { JOB_HANDLERS } from '#src/jobs/job-handlers.ts';
import { REUSE_INDEX_JOB } from '#src/jobs/rights-jobs.ts';
import { Invalid } from '#src/lib/errors.ts';
import { toKazakhLatin } from '#src/i18n/kazakh-latin.ts';
import { createSectionFixture } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { CORPUS_ORIGINALS, type CorpusOriginal } from '../../rights-corpus/originals.ts';
import { copierPage, pagesOf, seededRandom, type CorpusPage, type PublishedOriginal } from '../../rights-corpus/corpus-pages.ts';
import { apiUser, createArticle, textBody, type ApiUser } from './articles-client.ts';

type Report = {
  verdict: string;
  matches: Array<{
    article: { id: number; url: string; title: string };
    shareOfOriginal: number;
    shareOfText: number;
    link: { present: boolean; href: string | null; compliant: boolean; reason: string };
    verdict: string;
    licensed: boolean;
    passages: Array<{ original: [number, number]; page: [number, number]; text: string }>;
  }>;
  page: { url: string | null; text: string; words: number };
};
type Article = { id: number; version: number; path: string };

const ENGLISH = CORPUS_ORIGINALS.find((o) => o.key === 'en-bike-lanes')!;
const KAZAKH = CORPUS_ORIGINALS.find((o) => o.key === 'kk-school')!;

/** A site on loopback the checker fetches from: a copied page, a redirect loop, a page that never answers, a PDF. */
async function startPageServer(pages: Map<string, string>) {
  const server = http.createServer((request, response) => {
    if (request.url === '/loop') return void response.writeHead(302, { location: '/loop' }).end();
    if (request.url === '/slow') return; // never answers
    if (request.url === '/pdf') return void response.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7');
    const page = pages.get(request.url ?? '');
    if (!page) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())), server };
}

describe('the reuse checker (POST /api/admin/rights/checks, the newsroom page, qalam rights check)', () => {
  const pages = new Map<string, string>();
  let site: Awaited<ReturnType<typeof startPageServer>>;
  let server: TestServer;
  let editor: ApiUser;
  let admin: ApiUser;
  let sectionId: number;
  let english: PublishedOriginal & { id: number };
  let kazakh: PublishedOriginal & { id: number };

  /** Runs the queued jobs once the article's re-index job is queued (the outbox queues it just after the commit). */
  async function indexed(articleId: number): Promise<void> {
    for (let tries = 0; tries < 2000; tries++) {
      const job = await server.context.database.db
        .selectFrom('jobs')
        .select('id')
        .where('kind', '=', REUSE_INDEX_JOB)
        .where('payload', '=', JSON.stringify({ articleId }))
        .where('done_at', 'is', null)
        .executeTakeFirst();
      if (job) {
        await runDueJobs(server.context, JOB_HANDLERS);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no re-index job was queued for article ${articleId}`);
  }

  async function step(article: Article, action: 'publish' | 'unpublish' | 'trash' | 'restore'): Promise<Article> {
    const { status, body } = await editor.call<Article>('POST', `/api/admin/articles/${article.id}/${action}`, { version: article.version });
    assert.equal(status, 200, JSON.stringify(body));
    await indexed(article.id);
    return body;
  }

  async function publish(original: CorpusOriginal): Promise<PublishedOriginal & { id: number }> {
    const draft = await createArticle(editor, { title: original.title, standfirst: original.standfirst, body: textBody(...original.paragraphs), sectionId, language: original.language });
    const published = await step(draft as unknown as Article, 'publish');
    const url = `${server.url}${published.path}`;
    return { ...original, id: published.id, url, latinUrl: original.language === 'kk' ? url.replace(`${server.url}/kk/`, `${server.url}/kk-latn/`) : undefined };
  }

  async function check(body: unknown): Promise<{ status: number; body: Report }> {
    return editor.call<Report>('POST', '/api/admin/rights/checks', body);
  }

  /** The first corpus page of `original` with this excerpt, edit and link. */
  function corpusPage(original: PublishedOriginal, name: string): CorpusPage {
    const page = pagesOf(original, `${server.url}/`, 11).find((p) => p.name === `${original.key} ${name}`);
    assert.ok(page, name);
    return page;
  }

  before(async () => {
    site = await startPageServer(pages);
    server = await startTestServer({ OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${site.port}` });
    editor = await apiUser(server, 'editor');
    admin = await apiUser(server, 'admin');
    sectionId = (await createSectionFixture(server.context, { slug: 'city' })).id;
    english = await publish(ENGLISH);
    kazakh = await publish(KAZAKH);
  });

  after(async () => {
    await server.close();
    await site.close();
  });

  it('answers each verdict for copier pages, with the share of the original and the link found', async () => {
    const cases: Array<[string, string]> = [
      ['25% verbatim link:dofollow', 'within-policy'],
      ['15% edited link:tracking', 'within-policy'],
      ['29% verbatim link:none', 'missing-link'],
      ['25% reordered link:home', 'missing-link'],
      ['15% verbatim link:nofollow', 'link-not-compliant'],
      ['31% verbatim link:dofollow', 'over-quota'],
      ['100% edited link:dofollow', 'over-quota'],
    ];
    for (const [name, verdict] of cases) {
      const page = corpusPage(english, name);
      assert.equal(page.expected, verdict, name);
      const { status, body } = await check({ html: page.html, pageUrl: 'https://copier.example/news/1' });
      assert.equal(status, 200, JSON.stringify(body));
      assert.equal(body.verdict, verdict, name);
      const [match] = body.matches;
      assert.equal(match!.article.id, english.id);
      assert.equal(match!.article.url, english.url);
      assert.ok(Math.abs(match!.shareOfOriginal - page.trueShare) <= 1, `${name}: ${match!.shareOfOriginal} against ${page.trueShare}`);
      assert.ok(match!.shareOfText > 0 && match!.shareOfText <= 100);
      assert.equal(match!.licensed, false);
    }
  });

  it('names the passages with their offsets in both texts', async () => {
    const page = corpusPage(english, '25% verbatim link:dofollow');
    const { body } = await check({ html: page.html });
    const [match] = body.matches;
    const original = [ENGLISH.title, ENGLISH.standfirst, ...ENGLISH.paragraphs].join('\n\n');
    assert.ok(match!.passages.length >= 1);
    for (const passage of match!.passages) {
      assert.equal(body.page.text.slice(...passage.page), passage.text);
      const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu)!.join(' ');
      assert.equal(words(original.slice(...passage.original)), words(passage.text));
    }
    assert.equal(match!.link.href, english.url);
    assert.equal(match!.link.compliant, true);
  });

  it('finds a Kazakh article copied whole in Latin script, linked at its /kk-latn/ address', async () => {
    const html = copierPage('Köşırme', KAZAKH.paragraphs.map((p) => `<p>${toKazakhLatin(p)}</p>`), `<p><a href="${kazakh.latinUrl}">Dereknköz</a></p>`, seededRandom(3));
    const { body } = await check({ html });
    assert.equal(body.verdict, 'over-quota');
    assert.equal(body.matches[0]!.article.id, kazakh.id);
    assert.ok(body.matches[0]!.shareOfOriginal > 80, String(body.matches[0]!.shareOfOriginal));
    assert.equal(body.matches[0]!.link.compliant, true);
  });

  it('does not call unrelated news on the same topics a copy', async () => {
    for (const story of [...ENGLISH.sameTopic, ...KAZAKH.sameTopic]) {
      const { status, body } = await check({ text: story.join('\n\n') });
      assert.equal(status, 200);
      assert.deepEqual(body.matches, []);
      assert.equal(body.verdict, 'no-match');
    }
  });

  it('keeps the index current: an edited text, an unpublished and a trashed article, a republished one', async () => {
    const original: CorpusOriginal = { ...ENGLISH, key: 'en-index', title: 'Almaty counts its cyclists', paragraphs: ENGLISH.paragraphs.slice(0, 3) };
    let article = (await publish(original)) as unknown as Article & PublishedOriginal;
    const copy = { text: original.paragraphs[1]! };
    const matchesOf = async () => (await check(copy)).body.matches.filter((m) => m.article.title === original.title);
    // The English original shares the paragraph: both articles are found.
    assert.equal((await matchesOf()).length, 1);

    const { status, body: saved } = await editor.call<Article>('PUT', `/api/admin/articles/${article.id}`, { version: (await editor.call<Article>('GET', `/api/admin/articles/${article.id}`)).body.version, body: textBody('Nothing of the old text remains in this version of the story.') });
    assert.equal(status, 200, JSON.stringify(saved));
    await indexed(article.id);
    assert.equal((await matchesOf()).length, 0);

    const restored = await editor.call<Article>('PUT', `/api/admin/articles/${article.id}`, { version: saved.version, body: textBody(...original.paragraphs) });
    await indexed(article.id);
    assert.equal((await matchesOf()).length, 1);
    article = { ...article, ...(await step(restored.body, 'unpublish')) };
    assert.equal((await matchesOf()).length, 0);
    article = { ...article, ...(await step(article, 'publish')) };
    assert.equal((await matchesOf()).length, 1);
    await step(article, 'trash');
    assert.equal((await matchesOf()).length, 0);
  });

  it('answers licensed where a licence covers the page (the licence check is the checker’s plug-in point)', async () => {
    const page = corpusPage(english, '100% verbatim link:none');
    const rights = createRightsService(server.context, { isLicensed: async (articleId, pageUrl) => articleId === english.id && pageUrl === 'https://partner.example/story' });
    const licensed = await rights.checkPage(asSystem(), pageFromHtml(page.html, 'https://partner.example/story'));
    assert.equal(licensed.verdict, 'licensed');
    const elsewhere = await rights.checkPage(asSystem(), pageFromHtml(page.html, 'https://copier.example/story'));
    assert.equal(elsewhere.verdict, 'over-quota');
  });

  it('fetches a page by URL and checks it', async () => {
    pages.set('/copy', corpusPage(english, '29% verbatim link:nofollow').html);
    const { status, body } = await check({ url: `${site.origin}/copy` });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.verdict, 'link-not-compliant');
    assert.equal(body.page.url, `${site.origin}/copy`);
    assert.match(body.matches[0]!.link.reason, /rel="nofollow"/);
  });

  it('measures against the policy an admin sets in the newsroom', async () => {
    const page = corpusPage(english, '25% verbatim link:dofollow');
    const form = (fields: Record<string, string>) =>
      fetch(`${server.url}/newsroom/rights/policy`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: admin.csrfToken, ...fields }),
      });
    const saved = await form({ maxTextSharePercent: '10', linkRequired: 'on', linkToArticle: 'on', linkIndexable: 'on', linkPlacement: 'anywhere', fullNeedsLicence: 'on' });
    assert.equal(saved.status, 303);
    assert.equal((await editor.call('GET', '/api/admin/rights/policy')).body.maxTextSharePercent, 10);
    assert.equal((await check({ html: page.html })).body.verdict, 'over-quota');
    const refused = await form({ maxTextSharePercent: '250', linkPlacement: 'anywhere' });
    assert.equal(refused.status, 422);
    assert.match(await refused.text(), /whole number from 0 to 100/);
    assert.equal((await form({ maxTextSharePercent: '', linkRequired: 'on', linkToArticle: 'on', linkIndexable: 'on', linkPlacement: 'anywhere', fullNeedsLicence: 'on' })).status, 303);
    assert.equal((await check({ html: page.html })).body.verdict, 'within-policy');
  });

  it('refuses bad input with a 4xx naming the problem', async () => {
    const empty = await check({ text: '  … — ' });
    assert.equal(empty.status, 422);
    assert.match(JSON.stringify(empty.body), /no words/);
    const none = await check({});
    assert.equal(none.status, 422);
    assert.match(JSON.stringify(none.body), /exactly one of html, text or url/);
    const binary = await check({ html: `\u0000\u0001\u0002PK\u0003\u0004${'\u0000'.repeat(100)}` });
    assert.equal(binary.status, 422);
    assert.match(JSON.stringify(binary.body), /binary data/);

    const huge = await fetch(`${server.url}/api/admin/rights/checks`, {
      method: 'POST',
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ html: `<p>${'word '.repeat(4_000_000)}</p>` }),
    });
    assert.equal(huge.status, 413);
    assert.match(await huge.text(), /too large/i);

    const raw = (bytes: Buffer, type: string) =>
      fetch(`${server.url}/api/admin/rights/checks`, { method: 'POST', headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrfToken, 'content-type': type }, body: new Uint8Array(bytes) });
    const klingon = await raw(Buffer.from('<p>Some page</p>'), 'text/html; charset=x-klingon');
    assert.equal(klingon.status, 422);
    assert.match(((await klingon.json()) as { message: string }).message, /encoding "x-klingon"/);
    const pdf = await raw(Buffer.from('%PDF-1.7 binary'), 'application/octet-stream');
    assert.equal(pdf.status, 422);
    assert.match(await pdf.text(), /PDF/);
    const ok = await raw(Buffer.from(corpusPage(english, '31% verbatim link:dofollow').html), 'text/html; charset=utf-8');
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as Report).verdict, 'over-quota');

    for (const [url, pattern] of [
      ['http://127.0.0.1:9/page', /loopback address/],
      ['http://10.0.0.7/page', /private address/],
      ['http://169.254.169.254/latest/meta-data/', /linkLocal address/],
      ['ftp://example.com/page', /Only http and https/],
      [`${site.origin}/loop`, /redirect/],
      [`${site.origin}/pdf`, /application\/pdf, not a web page/],
    ] as const) {
      const refused = await check({ url });
      assert.equal(refused.status, 422, url);
      assert.match(JSON.stringify(refused.body), pattern, url);
    }
  });

  it('refuses a fetch that times out, and a name that resolves inward', async () => {
    const slow = createRightsService(server.context, { fetch: { timeoutMs: 300 } });
    await assert.rejects(slow.check(asSystem(), { url: `${site.origin}/slow` }), (error: unknown) => error instanceof Invalid && error.field === 'url' && /within 300 ms/.test(error.message));
    const inward = createRightsService(server.context, { fetch: { resolve: async () => [{ address: '127.0.0.1', family: 4 }] } });
    await assert.rejects(inward.check(asSystem(), { url: 'http://news.example/page' }), (error: unknown) => error instanceof Invalid && /news\.example resolves to 127\.0\.0\.1/.test(error.message));
  });

  it('lists the route in the OpenAPI document', async () => {
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    assert.ok(document.paths['/api/admin/rights/checks']?.post);
    assert.ok(document.paths['/api/admin/rights/policy']?.get);
  });

  it('shows the findings side by side in the newsroom, marked, with the verdict in words; without JavaScript and with CSRF', async () => {
    const page = corpusPage(english, '40% verbatim link:none');
    const post = (fields: Record<string, string>) =>
      fetch(`${server.url}/newsroom/rights`, { method: 'POST', headers: { cookie: editor.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
    const form = await fetch(`${server.url}/newsroom/rights`, { headers: { cookie: editor.cookie } });
    assert.equal(form.status, 200);
    assert.match(await form.text(), /name="url"[\s\S]*name="text"/);
    const answer = await post({ _csrf: editor.csrfToken, url: '', text: page.html, kind: 'html' });
    assert.equal(answer.status, 200);
    const html = await answer.text();
    assert.match(html, /Reuses more than the policy allows without a licence/);
    assert.match(html, new RegExp(`${english.title}`));
    assert.equal((html.match(/<h3>Their page<\/h3>/g) ?? []).length, 1);
    assert.ok((html.match(/<mark/g) ?? []).length >= 2, 'passages marked in both texts');
    assert.match(html, /No link to the original on the page/);
    const empty = await post({ _csrf: editor.csrfToken, url: '', text: '' });
    assert.equal(empty.status, 422);
    assert.match(await empty.text(), /Give the address of a page, or paste its text or HTML/);
    assert.equal((await post({ url: '', text: 'no token' })).status, 403);
  });

  it('prints the JSON of the issue from `qalam rights check` on the database serve uses, and exits 2 on bad input', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-rights-cli-'));
    try {
      const file = path.join(dir, 'page.html');
      fs.writeFileSync(file, corpusPage(english, '29% verbatim link:dofollow').html);
      const { database, dataDir } = server.context.config;
      const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', DATA_DIR: dataDir, BASE_URL: server.url, ...(database.kind === 'postgres' ? { DATABASE_URL: database.url } : {}) };
      const run = (args: string[]) => spawnSync(process.execPath, [path.resolve('bin/qalam.js'), 'rights', 'check', ...args], { env, encoding: 'utf8', cwd: dir });
      const result = run(['--file', file]);
      assert.equal(result.status, 0, result.stderr);
      const report = JSON.parse(result.stdout) as Report;
      assert.deepEqual(Object.keys(report), ['verdict', 'matches']);
      assert.equal(report.verdict, 'within-policy');
      assert.deepEqual(Object.keys(report.matches[0]!), ['article', 'shareOfOriginal', 'shareOfText', 'link', 'verdict', 'passages']);
      assert.deepEqual(report.matches[0]!.article, { id: english.id, url: english.url, title: english.title });
      assert.deepEqual(Object.keys(report.matches[0]!.link), ['present', 'href', 'compliant', 'reason']);
      assert.deepEqual(Object.keys(report.matches[0]!.passages[0]!), ['original', 'page', 'text']);

      fs.writeFileSync(path.join(dir, 'story.txt'), ENGLISH.sameTopic[0]!.join('\n\n'));
      const unrelated = run(['--text-file', path.join(dir, 'story.txt')]);
      assert.equal(unrelated.status, 0, unrelated.stderr);
      assert.equal(JSON.parse(unrelated.stdout).verdict, 'no-match');

      fs.writeFileSync(path.join(dir, 'binary.html'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
      for (const [args, pattern] of [
        [['--file', path.join(dir, 'missing.html')], /cannot read/],
        [['--file', path.join(dir, 'binary.html')], /PNG image/],
        [['--url', 'http://127.0.0.1:9/'], /loopback/],
        [[], /exactly one of --file, --url or --text-file/],
      ] as const) {
        const refused = run([...args]);
        assert.equal(refused.status, 2, refused.stderr);
        assert.match(refused.stderr, pattern);
        assert.equal(refused.stdout, '');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
