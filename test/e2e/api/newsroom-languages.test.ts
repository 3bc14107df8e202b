import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findArticleById } from '#src/domain/articles/article-repository.ts';
import { asSystem } from '#src/domain/people/actor.ts';
import { createTagService } from '#src/domain/tags/tag-service.ts';
import { createArticleFixture, createLocationFixture, createSectionFixture, createTagFixture } from '../../support/factories.ts';
import { getAs, postForm, signedInAs, type HttpSession } from '../../support/auth.ts';
import { htmlErrors } from '../../support/page-checks.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

function fieldError(html: string, field: string): string | undefined {
  return new RegExp(`id="f-${field}-error" role="alert">([^<]*)<`).exec(html)?.[1];
}

describe('the newsroom in several languages', () => {
  let server: TestServer;
  let editor: HttpSession;
  let admin: HttpSession;
  let sectionId: number;
  before(async () => {
    server = await startTestServer();
    [editor, admin] = await Promise.all([signedInAs(server, 'editor'), signedInAs(server, 'admin')]);
    sectionId = (await createSectionFixture(server.context)).id;
  });
  after(() => server.close());

  it('starts a translation from the editor page with a plain form, and opens it', async () => {
    const source = await createArticleFixture(server.context, { sectionId, title: 'Grain harvest record', status: 'published' });
    const before = await (await getAs(server, editor, `/newsroom/articles/${source.id}`)).text();
    assert.match(before, /Translate into Russian/);
    assert.match(before, /Translate into Kazakh/);
    const response = await postForm(server, editor, `/newsroom/articles/${source.id}/translations`, { language: 'ru' });
    assert.equal(response.status, 303);
    const id = Number(/^\/newsroom\/articles\/(\d+)$/.exec(response.headers.get('location') ?? '')?.[1]);
    const draft = await findArticleById(server.context.database.db, id);
    assert.deepEqual({ language: draft?.language, translationOfId: draft?.translationOfId, status: draft?.status }, { language: 'ru', translationOfId: source.id, status: 'draft' });
    const after = await (await getAs(server, editor, `/newsroom/articles/${source.id}`)).text();
    assert.doesNotMatch(after, /Translate into Russian/);
    assert.match(after, new RegExp(`href="/newsroom/articles/${id}"`));
    assert.equal((await postForm(server, editor, `/newsroom/articles/${source.id}/translations`, { language: 'ru' })).status, 422, 'the story has Russian already');
  });

  it('filters the articles list by language and shows which languages each story lacks', async () => {
    const title = `Steppe fires ${Date.now()}`;
    const original = await createArticleFixture(server.context, { sectionId, title });
    await createArticleFixture(server.context, { sectionId, title: `${title} (kk)`, language: 'kk', translationOfId: original.id });
    const html = await (await getAs(server, editor, `/newsroom?language=kk&q=${encodeURIComponent(title)}`)).text();
    const table = html.slice(html.indexOf('id="all-articles"'));
    assert.match(table, new RegExp(`${title} \\(kk\\)`));
    assert.doesNotMatch(table, new RegExp(`>${title}<`), 'the English original is not listed under kk');
    assert.match(table, /translated: en/);
    assert.match(table, /missing: ru/);
    assert.equal((await getAs(server, editor, '/newsroom?language=not+a+code')).status, 400);
  });

  it("edits a tag's name and slug per language, refuses a taken slug next to its field, and removes it", async () => {
    const tag = await createTagFixture(server.context, { name: 'Wheat' });
    const other = await createTagFixture(server.context);
    const page = await (await getAs(server, editor, `/newsroom/tags/${tag.id}`)).text();
    assert.match(page, /In other languages/);
    assert.match(page, /name="ru-name"/);
    assert.match(page, /name="kk-name"/);
    assert.doesNotMatch(page, /name="en-name"/, 'the default language is the tag itself');

    const saved = await postForm(server, editor, `/newsroom/tags/${tag.id}/translations/ru`, { 'ru-name': 'Пшеница', 'ru-slug': '', intent: 'save' });
    assert.equal(saved.status, 303);
    assert.deepEqual((await createTagService(server.context).get(asSystem(), tag.id)).translations.ru, { language: 'ru', name: 'Пшеница', slug: 'pshenitsa', description: '' });

    const taken = await postForm(server, editor, `/newsroom/tags/${tag.id}/translations/kk`, { 'kk-name': 'Бидай', 'kk-slug': other.slug, intent: 'save' });
    assert.equal(taken.status, 422);
    const html = await taken.text();
    assert.match(fieldError(html, 'kk-slug') ?? '', /already uses/);
    assert.match(html, /name="kk-name"[^>]*value="Бидай"/, 'what was typed is kept');

    const removed = await postForm(server, editor, `/newsroom/tags/${tag.id}/translations/ru`, { intent: 'remove' });
    assert.equal(removed.status, 303);
    assert.deepEqual((await createTagService(server.context).get(asSystem(), tag.id)).translations, {});
  });

  it("names a location's city and country per language", async () => {
    const place = await createLocationFixture(server.context, { city: 'Shymkent', country: 'Kazakhstan' });
    const response = await postForm(server, editor, `/newsroom/locations/${place.id}/translations/kk`, { 'kk-name': 'Шымкент', 'kk-description': 'Қазақстан', intent: 'save' });
    assert.equal(response.status, 303);
    const page = await (await getAs(server, editor, `/newsroom/locations/${place.id}`)).text();
    assert.match(page, /name="kk-description"[^>]*value="Қазақстан"/);
    assert.doesNotMatch(page, /name="kk-slug"/, 'a location has no page, so no slug');
  });

  it('serves the language pages as valid HTML (Nu checker)', async () => {
    const article = await createArticleFixture(server.context, { sectionId, title: 'Checked page' });
    const tag = await createTagFixture(server.context);
    await createTagService(server.context).saveTranslation(asSystem(), tag.id, 'ru', { name: 'Проверка' });
    const pages = [
      ['editor', editor, `/newsroom/articles/${article.id}`],
      ['dashboard', editor, '/newsroom?language=en'],
      ['tag', editor, `/newsroom/tags/${tag.id}`],
      ['section', editor, `/newsroom/sections/${sectionId}`],
      ['settings', admin, '/newsroom/settings'],
    ] as const;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-newsroom-languages-'));
    try {
      const files: string[] = [];
      for (const [name, session, url] of pages) {
        const response = await getAs(server, session, url);
        assert.equal(response.status, 200, url);
        const file = path.join(dir, `${name}.html`);
        fs.writeFileSync(file, await response.text());
        files.push(file);
      }
      assert.deepEqual(htmlErrors(files), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
