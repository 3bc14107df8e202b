import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CORPUS_ORIGINALS } from '../../rights-corpus/originals.ts';
import { pagesOf, type PublishedOriginal } from '../../rights-corpus/corpus-pages.ts';
import { createSectionFixture } from '../../support/factories.ts';
import { rssFeed, sitemap, startCopierSite, type CopierSite } from '../../support/copier-site.ts';
import { publishOriginal, runJobs } from '../../support/monitoring.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';
import { apiUser, type ApiUser } from './articles-client.ts';
import { createHousekeeping } from '#src/jobs/housekeeping.ts';

type Source = { id: number; kind: string; url: string; lastStatus: string | null; lastError: string | null; etag: string | null; lastPolledAt: string | null; findings: number };
type Finding = {
  id: number;
  pageUrl: string;
  article: { id: number; title: string };
  verdict: string;
  shareOfOriginal: number;
  status: string;
  firstSeenAt: string;
  lastSeenAt: string;
  statusChangedBy: { id: number; name: string } | null;
  statusChangedAt: string | null;
  note: string;
  source: { id: number } | null;
  evidence: { pageWords: number; passages: Array<{ theirs: string; ours: string }> };
};

const ENGLISH = CORPUS_ORIGINALS.find((o) => o.key === 'en-bike-lanes')!;
const USER_AGENT = /^Qalam-Monitor\/1\.0 \(\+http:\/\/127\.0\.0\.1:\d+\)$/;

describe('the copy monitor (watch sources, polls, findings, rights.finding.opened)', () => {
  let site: CopierSite;
  let receiver: WebhookReceiver;
  let server: TestServer;
  let editor: ApiUser;
  let original: PublishedOriginal & { id: number };

  /** The copier page of the original with this excerpt, edit and link (its verdict is known: see the corpus). */
  function copy(name: string): string {
    const page = pagesOf(original, `${server.url}/`, 11).find((p) => p.name === `${original.key} ${name}`);
    assert.ok(page, name);
    return page.html;
  }

  async function addSource(body: Record<string, unknown>): Promise<Source> {
    const { status, body: source } = await editor.call<Source>('POST', '/api/admin/monitoring/sources', body);
    assert.equal(status, 201, JSON.stringify(source));
    return source;
  }

  async function source(id: number): Promise<Source> {
    return (await editor.call<Source>('GET', `/api/admin/monitoring/sources/${id}`)).body;
  }

  async function findingsOf(query: string): Promise<Finding[]> {
    const { status, body } = await editor.call<{ items: Finding[] }>('GET', `/api/admin/monitoring/findings?${query}`);
    assert.equal(status, 200, JSON.stringify(body));
    return body.items;
  }

  async function finding(id: number): Promise<Finding> {
    return (await editor.call<Finding>('GET', `/api/admin/monitoring/findings/${id}`)).body;
  }

  async function pollNow(id: number): Promise<void> {
    const { status, body } = await editor.call('POST', `/api/admin/monitoring/sources/${id}/poll`);
    assert.equal(status, 202, JSON.stringify(body));
    await runJobs(server);
  }

  before(async () => {
    site = await startCopierSite();
    receiver = await startWebhookReceiver();
    server = await startTestServer({ OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${site.port},127.0.0.1:${receiver.port}`, MONITOR_HOST_DELAY_SECONDS: '0', MONITOR_TIMEOUT_SECONDS: '2' });
    editor = await apiUser(server, 'editor');
    const admin = await apiUser(server, 'admin');
    const sectionId = (await createSectionFixture(server.context, { slug: 'city' })).id;
    original = await publishOriginal(server, editor, ENGLISH, sectionId);
    const endpoint = await admin.call<{ secret: string }>('POST', '/api/admin/webhooks', { url: `${receiver.origin}/rights`, events: ['rights.finding.opened'], description: 'Rights desk' });
    assert.equal(endpoint.status, 201);
    receiver.secrets.set('/rights', endpoint.body.secret);
    site.pages.set('/robots.txt', { body: 'User-agent: *\nDisallow: /private/\n', type: 'text/plain' });
  });

  after(async () => {
    await server?.close();
    await receiver?.close();
    await site?.close();
  });

  it('polls a feed: opens a finding with its evidence for each copy breaking the policy, leaves the credited excerpt and the page robots.txt forbids, and announces each by webhook', async () => {
    // The feed also lists our own article (an aggregator would): the original is never taken for a copy.
    const feedBody = rssFeed(site.origin, ['/news/no-link', '/news/credited', '/private/whole', '/news/whole']).replace('</channel>', `<item><title>Ours</title><link>${original.url}</link></item></channel>`);
    site.pages.set('/feed.xml', { body: feedBody, type: 'application/rss+xml', etag: '"feed-1"' });
    site.pages.set('/news/no-link', { body: copy('29% verbatim link:none') });
    site.pages.set('/news/credited', { body: copy('25% verbatim link:dofollow') });
    site.pages.set('/private/whole', { body: copy('100% verbatim link:none') });
    site.pages.set('/news/whole', { body: copy('100% verbatim link:dofollow') });
    const feed = await addSource({ kind: 'feed', url: `${site.origin}/feed.xml`, name: 'Copier news' });
    assert.equal(feed.lastStatus, null);
    await runJobs(server);

    const polled = await source(feed.id);
    assert.equal(polled.lastStatus, 'ok', polled.lastError ?? '');
    assert.equal(polled.etag, '"feed-1"');
    assert.equal(polled.findings, 2);
    const found = await findingsOf(`sourceId=${feed.id}`);
    assert.deepEqual(
      found.map((f) => [f.pageUrl, f.verdict, f.status]).sort(),
      [
        [`${site.origin}/news/no-link`, 'missing-link', 'open'],
        [`${site.origin}/news/whole`, 'over-quota', 'open'],
      ],
    );
    const whole = await finding(found.find((f) => f.verdict === 'over-quota')!.id);
    assert.equal(whole.article.id, original.id);
    assert.ok(whole.shareOfOriginal > 90, String(whole.shareOfOriginal));
    const originalText = [ENGLISH.title, ENGLISH.standfirst, ...ENGLISH.paragraphs].join('\n\n');
    assert.ok(whole.evidence.passages.length > 0);
    for (const passage of whole.evidence.passages) {
      assert.ok(originalText.includes(passage.ours), passage.ours);
      assert.ok(passage.theirs.split(/\s+/).length > 3);
    }

    // Polite: robots.txt read once, the forbidden page never asked for, every request signed with our name.
    assert.equal(site.requestsFor('/robots.txt').length, 1);
    assert.equal(site.requestsFor('/private/whole').length, 0);
    const listed = await server.context.database.db.selectFrom('watch_items').select('url').where('source_id', '=', feed.id).execute();
    assert.ok(!listed.some((item) => item.url === original.url), 'our own article is not an item');
    const refused = await server.context.database.db.selectFrom('watch_items').select(['last_status', 'last_error']).where('url', '=', `${site.origin}/private/whole`).executeTakeFirstOrThrow();
    assert.equal(refused.last_status, 'robots-disallowed');
    assert.match(refused.last_error ?? '', /robots\.txt disallows \/private\/whole/);
    for (const request of site.requests) assert.match(request.userAgent, USER_AGENT);

    const announced = receiver.received.filter((d) => d.path === '/rights');
    assert.equal(announced.length, 2);
    for (const delivery of announced) assert.equal(delivery.verifyError, null);
    const messages = announced.map((d) => d.verified as { type: string; data: { finding: { id: number; pageUrl: string; verdict: string; reviewUrl: string }; article: { id: number } } });
    assert.deepEqual(messages.map((m) => m.type), ['rights.finding.opened', 'rights.finding.opened']);
    assert.deepEqual(messages.map((m) => m.data.finding.pageUrl).sort(), [`${site.origin}/news/no-link`, `${site.origin}/news/whole`]);
    assert.ok(messages.every((m) => m.data.article.id === original.id && m.data.finding.reviewUrl === `${server.url}/newsroom/monitoring/findings/${m.data.finding.id}`));
  });

  it('asks again with If-None-Match and reads nothing more while the feed is unchanged (304); a changed feed brings its new page and re-checks the copies under watch', async () => {
    const feed = (await editor.call<{ items: Source[] }>('GET', '/api/admin/monitoring/sources')).body.items.find((s) => s.url === `${site.origin}/feed.xml`)!;
    const pagesBefore = site.requests.filter((r) => r.path.startsWith('/news/')).length;
    await pollNow(feed.id);
    const lastFeedRequest = site.requestsFor('/feed.xml').at(-1)!;
    assert.equal(lastFeedRequest.ifNoneMatch, '"feed-1"');
    assert.equal(lastFeedRequest.status, 304);
    assert.equal((await source(feed.id)).lastStatus, 'not-modified');
    assert.equal(site.requests.filter((r) => r.path.startsWith('/news/')).length, pagesBefore, 'no page is fetched again for an unchanged feed');

    site.pages.set('/news/new-copy', { body: copy('40% verbatim link:none') });
    site.pages.set('/feed.xml', { body: rssFeed(site.origin, ['/news/new-copy', '/news/no-link', '/news/credited', '/private/whole', '/news/whole']), type: 'application/rss+xml', etag: '"feed-2"' });
    const before = new Date().toISOString();
    await pollNow(feed.id);
    assert.equal((await source(feed.id)).etag, '"feed-2"');
    const found = await findingsOf(`sourceId=${feed.id}`);
    assert.deepEqual(found.map((f) => f.pageUrl).sort(), [`${site.origin}/news/new-copy`, `${site.origin}/news/no-link`, `${site.origin}/news/whole`]);
    // The copies still open were read again and are still there; the credited excerpt (no finding) was not.
    for (const f of found) assert.ok(f.lastSeenAt >= before, `${f.pageUrl} last seen ${f.lastSeenAt}`);
    assert.equal(site.requestsFor('/news/credited').length, 1);
  });

  it('forgets, a month on, a page the feed stopped listing, and keeps those it lists, an unchanged (304) feed’s included', async () => {
    const db = server.context.database.db;
    const feed = (await editor.call<{ items: Source[] }>('GET', '/api/admin/monitoring/sources')).body.items.find((s) => s.url === `${site.origin}/feed.xml`)!;
    const itemsOfFeed = async () => (await db.selectFrom('watch_items').select('url').where('source_id', '=', feed.id).execute()).map((r) => r.url).sort();
    // As if the feed was last read 40 days ago.
    const monthAgo = () => db.updateTable('watch_items').set({ last_listed_at: new Date(Date.now() - 40 * 86_400_000).toISOString() }).where('source_id', '=', feed.id).execute();
    const listed = await itemsOfFeed();
    assert.ok(listed.includes(`${site.origin}/news/credited`));

    await monthAgo();
    await pollNow(feed.id);
    assert.equal(site.requestsFor('/feed.xml').at(-1)!.status, 304);
    await createHousekeeping(0)(server.context);
    assert.deepEqual(await itemsOfFeed(), listed, 'an unchanged feed still lists every page');

    await monthAgo();
    site.pages.set('/feed.xml', { body: rssFeed(site.origin, ['/news/new-copy', '/news/no-link', '/private/whole', '/news/whole']), type: 'application/rss+xml', etag: '"feed-3"' });
    await pollNow(feed.id);
    await createHousekeeping(0)(server.context);
    assert.deepEqual(await itemsOfFeed(), listed.filter((url) => url !== `${site.origin}/news/credited`), 'only the page it no longer lists is forgotten');
    assert.equal((await findingsOf(`sourceId=${feed.id}`)).length, 3, 'findings stay');
  });

  it('records a failing source on that source and still polls the next one', async () => {
    site.pages.set('/loop', { redirect: '/loop' });
    site.pages.set('/broken.xml', { status: 503 });
    site.pages.set('/slow.xml', { hang: true });
    site.pages.set('/sitemap.xml', { body: sitemap(site.origin, ['/news/from-sitemap']), type: 'application/xml' });
    site.pages.set('/news/from-sitemap', { body: copy('60% verbatim link:dofollow') });
    const loop = await addSource({ kind: 'feed', url: `${site.origin}/loop` });
    const inside = await addSource({ kind: 'feed', url: 'http://10.255.255.1/feed.xml' });
    const broken = await addSource({ kind: 'feed', url: `${site.origin}/broken.xml` });
    const slow = await addSource({ kind: 'feed', url: `${site.origin}/slow.xml` });
    const good = await addSource({ kind: 'sitemap', url: `${site.origin}/sitemap.xml` });
    await runJobs(server);

    const [loopAfter, insideAfter, brokenAfter, slowAfter, goodAfter] = await Promise.all([source(loop.id), source(inside.id), source(broken.id), source(slow.id), source(good.id)]);
    assert.equal(loopAfter.lastStatus, 'failed');
    assert.match(loopAfter.lastError ?? '', /redirect/i);
    assert.equal(insideAfter.lastStatus, 'failed');
    assert.match(insideAfter.lastError ?? '', /10\.255\.255\.1 is a private address/);
    assert.equal(brokenAfter.lastStatus, 'failed');
    assert.match(brokenAfter.lastError ?? '', /503/);
    assert.equal(slowAfter.lastStatus, 'failed');
    assert.match(slowAfter.lastError ?? '', /No complete answer .* within 2000 ms/);
    assert.equal(goodAfter.lastStatus, 'ok', goodAfter.lastError ?? '');
    assert.deepEqual((await findingsOf(`sourceId=${good.id}`)).map((f) => [f.pageUrl, f.verdict]), [[`${site.origin}/news/from-sitemap`, 'over-quota']]);
    // Every failed source has its next poll queued: nothing is dropped.
    for (const failed of [loopAfter, insideAfter, brokenAfter, slowAfter]) {
      const next = await server.context.database.db.selectFrom('jobs').select('run_at').where('kind', '=', 'monitor.poll').where('done_at', 'is', null).where('payload', 'like', `{"sourceId":${failed.id},%`).executeTakeFirst();
      assert.ok(next && next.run_at > failed.lastPolledAt!, `source ${failed.id} has its next poll`);
    }
  });

  it('keeps a finding’s evidence, as first seen, after the page changes', async () => {
    site.pages.set('/news/edited', { body: copy('100% verbatim link:none'), etag: '"page-1"' });
    const page = await addSource({ kind: 'page', url: `${site.origin}/news/edited` });
    await runJobs(server);
    const [opened] = await findingsOf(`sourceId=${page.id}`);
    assert.ok(opened, 'a finding for the copied page');
    const first = await finding(opened.id);

    // Unchanged: a 304, and the copy counts as seen again.
    const beforeUnchanged = new Date().toISOString();
    await pollNow(page.id);
    assert.equal(site.requestsFor('/news/edited').at(-1)!.status, 304);
    assert.equal((await source(page.id)).lastStatus, 'not-modified');
    const seen = await finding(opened.id);
    assert.ok(seen.lastSeenAt >= beforeUnchanged);

    // The site replaces the copy with its own story: the finding and its evidence stay as they were.
    site.pages.set('/news/edited', { body: '<html><head><title>Our own story</title></head><body><article><h1>Fishermen return to the lake</h1><p>After a quiet winter the fishing cooperative reopened its pier on Saturday, with twelve boats out before dawn and a market by noon.</p></article></body></html>', etag: '"page-2"' });
    await pollNow(page.id);
    const request = site.requestsFor('/news/edited').at(-1)!;
    assert.equal(request.ifNoneMatch, '"page-1"');
    assert.equal(request.status, 200);
    assert.equal((await source(page.id)).lastStatus, 'ok');
    const kept = await finding(opened.id);
    assert.deepEqual(kept.evidence, first.evidence);
    assert.equal(kept.verdict, 'over-quota');
    assert.equal(kept.lastSeenAt, seen.lastSeenAt, 'the copy was not seen on the changed page');
  });

  it('moves a finding through its statuses, keeping who and when, filters by them, and refuses a status that is none', async () => {
    const [first] = await findingsOf('status=open&verdict=missing-link');
    assert.ok(first);
    const { status, body } = await editor.call<Finding>('POST', `/api/admin/monitoring/findings/${first.id}/status`, { status: 'contacted', note: 'Wrote to their desk.' });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.status, 'contacted');
    assert.equal(body.note, 'Wrote to their desk.');
    assert.equal(body.statusChangedBy?.id, editor.user.id);
    assert.ok(body.statusChangedAt);
    assert.ok((await findingsOf('status=contacted')).some((f) => f.id === first.id));
    assert.ok(!(await findingsOf('status=open')).some((f) => f.id === first.id));
    assert.ok((await findingsOf(`articleId=${original.id}&status=contacted`)).some((f) => f.id === first.id));
    assert.deepEqual(await findingsOf(`articleId=${original.id + 1000}`), []);

    const bad = await editor.call<{ field: string; message: string }>('POST', `/api/admin/monitoring/findings/${first.id}/status`, { status: 'closed' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'status');
    const audit = await server.context.database.db.selectFrom('audit_log').select('details').where('action', '=', 'monitor.finding_status_changed').where('subject_id', '=', String(first.id)).execute();
    assert.equal(audit.length, 1);
    assert.deepEqual(JSON.parse(audit[0]!.details), { from: 'open', to: 'contacted', note: 'Wrote to their desk.' });
  });

  it('reopens a resolved finding, and announces it again, when the copy breaks the policy once more', async () => {
    site.pages.set('/news/again', { body: copy('100% verbatim link:none') });
    const page = await addSource({ kind: 'page', url: `${site.origin}/news/again` });
    await runJobs(server);
    const [opened] = await findingsOf(`sourceId=${page.id}`);
    assert.equal((await editor.call('POST', `/api/admin/monitoring/findings/${opened!.id}/status`, { status: 'resolved' })).status, 200);
    const announcedBefore = receiver.received.length;
    await pollNow(page.id);
    const reopened = await finding(opened!.id);
    assert.equal(reopened.status, 'open');
    assert.equal(reopened.statusChangedBy, null, 'the monitor reopened it');
    assert.equal(receiver.received.length, announcedBefore + 1);
  });

  it('keeps a queued poll in the database: a server started afterwards on it runs the poll', async () => {
    site.pages.set('/news/after-restart', { body: copy('100% verbatim link:none') });
    const page = await addSource({ kind: 'page', url: `${site.origin}/news/after-restart` });
    // Another process on the same database, with nothing in memory, as after a restart.
    const next = await startTestServer({ OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${site.port},127.0.0.1:${receiver.port}`, MONITOR_HOST_DELAY_SECONDS: '0' }, { databaseOf: server });
    try {
      await runJobs(next);
    } finally {
      await next.close();
    }
    assert.equal((await source(page.id)).lastStatus, 'ok');
    assert.deepEqual((await findingsOf(`sourceId=${page.id}`)).map((f) => f.verdict), ['over-quota']);
  });

  it('refuses bad sources with a message naming the field, and stores nothing', async () => {
    const count = async () => (await editor.call<{ items: Source[] }>('GET', '/api/admin/monitoring/sources')).body.items.length;
    const before = await count();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ kind: 'feed', url: 'file:///etc/passwd' }, 'url'],
      [{ kind: 'feed', url: 'not an address' }, 'url'],
      [{ kind: 'feed', url: `${site.origin}/feed.xml` }, 'url'],
      [{ kind: 'podcast', url: `${site.origin}/other.xml` }, 'kind'],
      [{ kind: 'feed', url: `${site.origin}/other.xml`, pollIntervalMinutes: 1 }, 'pollIntervalMinutes'],
    ];
    for (const [body, field] of cases) {
      const response = await editor.call<{ field: string; message: string }>('POST', '/api/admin/monitoring/sources', body);
      assert.ok(response.status === 400 || response.status === 422, `${JSON.stringify(body)}: ${response.status}`);
      assert.equal(response.body.field, field, JSON.stringify(response.body));
      assert.ok(response.body.message.length > 0);
    }
    assert.equal(await count(), before);
  });
});
