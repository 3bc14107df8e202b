import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { ArticleJson } from '#src/domain/articles/article-json.ts';
import { INDEXED_SEARCH_LIMIT, NEWSROOM_COUNT_CAP } from '#src/domain/articles/article-newsroom-list.ts';
import { insertArticle } from '#src/domain/articles/article-repository.ts';
import { buildArticleFields, createSectionFixture } from '../../support/factories.ts';
import { getAs } from '../../support/auth.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { apiUser, createArticle, type ApiUser } from './articles-client.ts';

type ListJson = { items: Array<{ id: number; title: string }>; total: number; isTotalCapped: boolean };
type MediaJson = { id: number; caption: string; credit: string; altText: string };

/** A word no other test writes, so each test can tell its own rows from the rest. */
function marker(): string {
  return `m${randomBytes(4).toString('hex')}`;
}

describe('newsroom search across scripts and cases', () => {
  let server: TestServer;
  let sectionId: number;
  let editor: ApiUser;

  before(async () => {
    server = await startTestServer();
    sectionId = (await createSectionFixture(server.context)).id;
    editor = await apiUser(server, 'editor');
  });
  after(() => server.close());

  async function findArticles(q: string): Promise<number[]> {
    const { status, body } = await editor.call<ListJson>('GET', `/api/admin/articles?q=${encodeURIComponent(q)}`);
    assert.equal(status, 200);
    assert.equal(body.total, body.items.length, 'every match fits on the first page');
    return body.items.map((a) => a.id);
  }

  async function findMedia(q: string): Promise<number[]> {
    const { status, body } = await editor.call<{ items: MediaJson[]; total: number }>('GET', `/api/admin/media?q=${encodeURIComponent(q)}`);
    assert.equal(status, 200);
    return body.items.map((m) => m.id);
  }

  /** Uploads a small image of a random colour (never a duplicate) with the given text fields. */
  async function uploadImage(name: string, fields: Record<string, string>): Promise<MediaJson> {
    const bytes = await sharp({ create: { width: 32, height: 24, channels: 3, background: `#${randomBytes(3).toString('hex')}` } })
      .png()
      .toBuffer();
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    const response = await fetch(`${server.url}/api/admin/media`, {
      method: 'POST',
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrfToken },
      body: form,
    });
    assert.equal(response.status, 201, await response.clone().text());
    return (await response.json()) as MediaJson;
  }

  describe('GET /api/admin/articles?q=', () => {
    it('finds "Астана …" by "астана" and by "АСТАНА"', async () => {
      const tag = marker();
      const astana = await createArticle(editor, { title: `Астана ${tag}: жаңа көпір ашылды`, sectionId });
      const other = await createArticle(editor, { title: `Алматы ${tag}: жаңа саябақ`, sectionId });
      for (const q of ['астана', 'АСТАНА', `астана ${tag.toUpperCase()}`]) {
        const found = await findArticles(q);
        assert.ok(found.includes(astana.id), `"${q}" finds the Astana article`);
        assert.ok(!found.includes(other.id), `"${q}" does not find the Almaty article`);
      }
    });

    it('finds "қазақ …" by "ҚАЗАҚ", Kazakh letters folded both ways', async () => {
      const tag = marker();
      const lower = await createArticle(editor, { title: `қазақ тілі күні ${tag}`, sectionId });
      const upper = await createArticle(editor, { title: `ӘЛЕМ ӨЗГЕРДІ, ҮКІМЕТ ҰЙҒАРДЫ ${tag}`, sectionId });
      assert.deepEqual(await findArticles(`ҚАЗАҚ ТІЛІ КҮНІ ${tag}`), [lower.id]);
      assert.deepEqual(await findArticles(`${tag} қазақ`), []);
      assert.ok((await findArticles('ҚАЗАҚ')).includes(lower.id));
      assert.deepEqual(await findArticles(`үкімет ұйғарды ${tag}`), [upper.id]);
    });

    it('finds an article by its standfirst, in any case', async () => {
      const tag = marker();
      const article = await createArticle(editor, { title: `Ауа райы ${tag}`, standfirst: 'Өскемен мен Семейде қар жауады', sectionId });
      assert.deepEqual(await findArticles(`ӨСКЕМЕН МЕН СЕМЕЙДЕ`), [article.id]);
      assert.ok((await findArticles(tag)).includes(article.id));
    });

    it('matches % and _ in the query as literal characters only', async () => {
      const tag = marker();
      const percent = await createArticle(editor, { title: `Баға 50% өсті ${tag}`, sectionId });
      const plain = await createArticle(editor, { title: `Баға 50 есе өсті ${tag}`, sectionId });
      const underscore = await createArticle(editor, { title: `Файл report_2024 ${tag}`, sectionId });
      const letter = await createArticle(editor, { title: `Файл reportX2024 ${tag}`, sectionId });
      const ours = [percent.id, plain.id, underscore.id, letter.id];
      const mine = async (q: string) => (await findArticles(q)).filter((id) => ours.includes(id));
      assert.deepEqual(await mine('50%'), [percent.id]);
      assert.deepEqual(await mine('%'), [percent.id]);
      assert.deepEqual(await mine('report_2024'), [underscore.id]);
      assert.deepEqual((await mine(tag)).sort(), [...ours].sort(), 'all four exist and match their marker');
    });

    it('finds an edited article by its new title and no longer by its old one', async () => {
      const tag = marker();
      const draft = await createArticle(editor, { title: `Ескі тақырып ${tag}`, sectionId });
      const saved = await editor.call<ArticleJson>('PUT', `/api/admin/articles/${draft.id}`, { version: draft.version, title: `ЖАҢА Тақырып ${tag}` });
      assert.equal(saved.status, 200);
      assert.deepEqual(await findArticles(`жаңа тақырып ${tag}`), [draft.id]);
      assert.deepEqual(await findArticles(`ескі тақырып ${tag}`), []);
    });

    it('keeps the status filter and leaves trashed articles out', async () => {
      const tag = marker();
      const kept = await createArticle(editor, { title: `Өзен ${tag}`, sectionId });
      const trashed = await createArticle(editor, { title: `ӨЗЕН ${tag}`, sectionId });
      assert.equal((await editor.call('POST', `/api/admin/articles/${trashed.id}/trash`, { version: trashed.version })).status, 200);
      assert.deepEqual(await findArticles(`өзен ${tag}`), [kept.id]);
      const inTrash = await editor.call<ListJson>('GET', `/api/admin/articles?status=trashed&q=${encodeURIComponent(`Өзен ${tag}`)}`);
      assert.deepEqual(inTrash.body.items.map((a) => a.id), [trashed.id]);
    });

    it('answers a word found in more articles than the trigram index lists, newest first, with the right total', async () => {
      const tag = marker();
      const count = INDEXED_SEARCH_LIMIT + 2;
      const db = server.context.database.db;
      for (let i = 0; i < count; i++) {
        await insertArticle(
          db,
          buildArticleFields(sectionId, { slug: `${tag}-${i}`, title: `Жиі сөз ${tag} ${i}` }),
          { status: 'draft', userId: null },
        );
      }
      const { body } = await editor.call<ListJson>('GET', `/api/admin/articles?q=${encodeURIComponent(`ЖИІ СӨЗ ${tag}`)}`);
      assert.equal(body.total, count);
      assert.equal(body.isTotalCapped, false);
      assert.equal(body.items.length, 20);
      assert.ok(body.items.every((a) => a.title.startsWith(`Жиі сөз ${tag}`)));
    });

    it('counts no further than the cap: "more than 1,000", later pages still answered, exact at the cap and under it (ADR 0075)', async () => {
      const tag = marker();
      const count = NEWSROOM_COUNT_CAP + 2;
      const db = server.context.database.db;
      const ids: number[] = [];
      for (let i = 0; i < count; i++) {
        const fields = buildArticleFields(sectionId, { slug: `${tag}-${i}`, title: `Дала ${tag} ${i}`, language: i % 2 === 0 ? 'kk' : 'ru' });
        ids.push(await insertArticle(db, fields, { status: 'draft', userId: null }));
      }
      const list = async (query: string) => {
        const { status, body } = await editor.call<ListJson>('GET', `/api/admin/articles?q=${encodeURIComponent(`ДАЛА ${tag}`)}${query}`);
        assert.equal(status, 200, query);
        return body;
      };
      const counted = async (query: string) => {
        const body = await list(query);
        return [body.total, body.isTotalCapped];
      };
      const first = await list('');
      assert.deepEqual([first.total, first.isTotalCapped, first.items.length], [NEWSROOM_COUNT_CAP, true, 20]);
      // Past the pages the capped total tells of, the list goes on: the oldest two on page 51.
      const last = await list('&page=51');
      assert.deepEqual(last.items.map((a) => a.id).sort(), ids.slice(0, 2).sort());
      assert.equal(last.isTotalCapped, true);
      // Filters that keep most matches are capped too; one that keeps few is counted exactly.
      assert.deepEqual(await counted('&status=draft'), [NEWSROOM_COUNT_CAP, true]);
      assert.deepEqual(await counted('&language=kk'), [count / 2, false]);
      // A filtered search takes its page from the index's matches, not the filter's scan: the same
      // pages (the oldest kk draft alone on page 26; the oldest two of the section on page 51).
      assert.deepEqual((await list('&language=kk&page=26')).items.map((a) => a.id), [ids[0]]);
      assert.deepEqual(await counted(`&sectionId=${sectionId}`), [NEWSROOM_COUNT_CAP, true]);
      assert.deepEqual((await list(`&sectionId=${sectionId}&page=51`)).items.map((a) => a.id).sort(), ids.slice(0, 2).sort());
      assert.deepEqual((await list('&status=draft&page=51')).items.map((a) => a.id).sort(), ids.slice(0, 2).sort());

      const html = await (await getAs(server, editor, `/newsroom?q=${encodeURIComponent(tag)}`)).text();
      const table = html.slice(html.indexOf('id="all-articles"'));
      assert.match(table, /\(more than 1,000\)/);
      assert.match(table, /<span aria-current="page">Page 1<\/span><a href="[^"]*page=2/);

      // Two trashed: exactly the cap is left, and it is not "more than".
      await db.updateTable('articles').set({ status: 'trashed' }).where('id', 'in', ids.slice(-2)).execute();
      assert.deepEqual(await counted(''), [NEWSROOM_COUNT_CAP, false]);
      assert.deepEqual(await counted('&status=trashed'), [2, false]);
      const page50 = await (await getAs(server, editor, `/newsroom?q=${encodeURIComponent(tag)}&page=50`)).text();
      assert.match(page50, /\(1000\)/);
      assert.match(page50, /Page 50 of 50/);
    });
  });

  describe('GET /api/admin/media?q=', () => {
    it('finds an image by a Cyrillic caption typed in another case, and by its credit', async () => {
      const tag = marker();
      const image = await uploadImage(`${tag}.png`, { caption: 'Көктемгі Астана, Бәйтерек', credit: 'Сурет: Ерлан Қасымов' });
      const other = await uploadImage(`${tag}-other.png`, { caption: 'Алматы таулары' });
      assert.deepEqual(await findMedia('КӨКТЕМГІ АСТАНА'), [image.id]);
      assert.deepEqual(await findMedia('бәйтерек'), [image.id]);
      assert.deepEqual(await findMedia('ЕРЛАН ҚАСЫМОВ'), [image.id]);
      assert.deepEqual((await findMedia(tag.toUpperCase())).sort(), [image.id, other.id].sort(), 'the file name is searched too');
    });

    it('finds an image by its edited caption and no longer by the old one', async () => {
      const tag = marker();
      const image = await uploadImage(`${tag}.png`, { caption: `Ескі жазу ${tag}`, altText: 'Қар басқан дала' });
      const patched = await editor.call<MediaJson>('PATCH', `/api/admin/media/${image.id}`, { caption: `Жаңа Жазу ${tag}` });
      assert.equal(patched.status, 200);
      assert.deepEqual(await findMedia(`ЖАҢА ЖАЗУ ${tag}`), [image.id]);
      assert.deepEqual(await findMedia(`ескі жазу ${tag}`), []);
      assert.deepEqual(await findMedia('ҚАР БАСҚАН'), [image.id], 'fields not sent are still searched');
    });
  });
});
