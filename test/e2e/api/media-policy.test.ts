import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createUserFixture, loginAs, type HttpSession, type UserFixture, uploadImage } from '../../support/auth.ts';
import { buildArticleFields } from '../../support/factories.ts';
import { createSection } from '#src/domain/sections/section-repository.ts';
import { insertArticle } from '#src/domain/articles/article-repository.ts';

type MediaJson = { id: number; caption: string; usage: Array<{ articleId: number; title: string; status: string }>; usageTotal: number };

describe('who may edit an image’s library text, and whose articles "where used" shows', () => {
  let server: TestServer;
  const people = {} as Record<'alma' | 'bolat' | 'editor', UserFixture & { session: HttpSession }>;
  let sectionId: number;

  before(async () => {
    server = await startTestServer();
    for (const [key, role] of [['alma', 'contributor'], ['bolat', 'contributor'], ['editor', 'editor']] as const) {
      const user = await createUserFixture(server.context, { role });
      people[key] = { ...user, session: await loginAs(server, user) };
    }
    sectionId = await createSection(server.context.database.db, { name: 'Policy', slug: 'media-policy' });
  });
  after(() => server.close());

  async function uploadAs(who: keyof typeof people, color: string): Promise<MediaJson> {
    const bytes = await sharp({ create: { width: 320, height: 200, channels: 3, background: color } }).png().toBuffer();
    const response = await uploadImage(server, people[who].session, bytes, `${color.slice(1)}.png`);
    assert.equal(response.status, 201);
    return (await response.json()) as MediaJson;
  }

  function callAs(who: keyof typeof people, method: string, url: string, body?: unknown): Promise<Response> {
    const { session } = people[who];
    return fetch(`${server.url}${url}`, {
      method,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  }

  async function articleUsing(mediaId: number, who: keyof typeof people, status: 'draft' | 'published', title: string): Promise<number> {
    const state = status === 'published' ? { status, publishedAt: new Date().toISOString() } : { status };
    return insertArticle(server.context.database.db, buildArticleFields(sectionId, { title, leadMediaId: mediaId }), {
      ...state,
      userId: people[who].id,
    });
  }

  it("refuses a contributor's edit of another contributor's image with 403, changing nothing", async () => {
    const image = await uploadAs('bolat', '#102030');
    const response = await callAs('alma', 'PATCH', `/api/admin/media/${image.id}`, { caption: 'Not mine to change' });
    assert.equal(response.status, 403);
    assert.match(((await response.json()) as { message: string }).message, /someone else uploaded it/);
    const stored = await server.context.database.db.selectFrom('media').select('caption').where('id', '=', image.id).executeTakeFirstOrThrow();
    assert.equal(stored.caption, '');
    assert.equal((await callAs('bolat', 'PATCH', `/api/admin/media/${image.id}`, { caption: 'Mine' })).status, 200, 'the uploader may');
  });

  it("refuses a contributor's edit of own image once another person's published article uses it; an editor may", async () => {
    const image = await uploadAs('alma', '#203040');
    await articleUsing(image.id, 'alma', 'published', 'Alma’s own live story');
    assert.equal((await callAs('alma', 'PATCH', `/api/admin/media/${image.id}`, { caption: 'Still mine' })).status, 200, 'own live article');
    await articleUsing(image.id, 'bolat', 'published', 'Bolat’s live story');
    const refused = await callAs('alma', 'PATCH', `/api/admin/media/${image.id}`, { caption: 'Rewritten under Bolat' });
    assert.equal(refused.status, 403);
    assert.match(((await refused.json()) as { message: string }).message, /another person's published article uses it/);
    const edited = await callAs('editor', 'PATCH', `/api/admin/media/${image.id}`, { caption: 'Checked by the desk' });
    assert.equal(edited.status, 200);
    assert.equal(((await edited.json()) as MediaJson).caption, 'Checked by the desk');
  });

  it("hides another person's draft from a contributor's usage list, and shows it to an editor", async () => {
    const image = await uploadAs('alma', '#304050');
    const hidden = await articleUsing(image.id, 'bolat', 'draft', 'Bolat’s secret draft');
    const live = await articleUsing(image.id, 'bolat', 'published', 'Bolat’s published story');
    const own = await articleUsing(image.id, 'alma', 'draft', 'Alma’s draft');
    const asAlma = (await (await callAs('alma', 'GET', `/api/admin/media/${image.id}`)).json()) as MediaJson;
    assert.deepEqual(asAlma.usage.map((u) => u.articleId).sort(), [live, own].sort());
    assert.equal(asAlma.usageTotal, 2);
    assert.ok(!JSON.stringify(asAlma).includes('secret'), 'no trace of the hidden draft');
    const asEditor = (await (await callAs('editor', 'GET', `/api/admin/media/${image.id}`)).json()) as MediaJson;
    assert.deepEqual(asEditor.usage.map((u) => u.articleId).sort(), [hidden, live, own].sort());
    assert.equal(asEditor.usageTotal, 3);
  });
});
