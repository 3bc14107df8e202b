import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleJson } from '#src/domain/articles/article-json.ts';
import { createPublishedArticles } from '#src/domain/articles/published-articles.ts';
import { asSystem } from '#src/domain/people/actor.ts';
import { createSectionService } from '#src/domain/sections/section-service.ts';
import { findRedirect } from '#src/domain/redirects/redirect-repository.ts';
import { createAuthorFixture, createLocationFixture, createSectionFixture, createTagFixture } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { apiUser, createArticle, imageFixture, textBody, type ApiUser } from './articles-client.ts';

type Refusal = { error: string; field?: string; message: string };

describe('articles in languages, and their translations', () => {
  let server: TestServer;
  let sectionId: number;
  let sectionSlug: string;
  let author: ApiUser;
  let otherAuthor: ApiUser;
  let editor: ApiUser;

  before(async () => {
    server = await startTestServer();
    const section = await createSectionFixture(server.context);
    sectionId = section.id;
    sectionSlug = section.slug;
    [author, otherAuthor, editor] = await Promise.all([apiUser(server, 'author'), apiUser(server, 'author'), apiUser(server, 'editor')]);
  });
  after(() => server.close());

  const translate = (as: ApiUser, id: number, language: string) => as.call<ArticleJson & Refusal>('POST', `/api/admin/articles/${id}/translations`, { language });
  const update = (as: ApiUser, article: { id: number; version: number }, fields: Record<string, unknown>) =>
    as.call<ArticleJson & Refusal>('PUT', `/api/admin/articles/${article.id}`, { version: article.version, ...fields });
  const get = async (id: number) => (await editor.call<ArticleJson>('GET', `/api/admin/articles/${id}`)).body;
  const publish = async (article: ArticleJson) => {
    const { status, body } = await editor.call<ArticleJson>('POST', `/api/admin/articles/${article.id}/publish`, { version: article.version });
    assert.equal(status, 200, JSON.stringify(body));
    return body;
  };

  describe('the language field', () => {
    it('puts a new article in the site default language, as an original with no translations', async () => {
      const article = await createArticle(author, { title: 'Default language', sectionId });
      assert.equal(article.language, 'en');
      assert.equal(article.translationOfId, null);
      assert.deepEqual(article.translations, []);
    });

    it('takes any of the site languages, and answers a path under its prefix', async () => {
      const article = await createArticle(author, { title: 'Жаңа заң', sectionId, language: 'kk' });
      assert.equal(article.language, 'kk');
      assert.equal(article.path, `/kk/${sectionSlug}/jana-zan`);
    });

    it('refuses a language the site does not publish in, and a code that is not one, naming the field', async () => {
      const unknown = await author.call<Refusal>('POST', '/api/admin/articles', { title: 'Neue', sectionId, language: 'de' });
      assert.equal(unknown.status, 422);
      assert.equal(unknown.body.field, 'language');
      const malformed = await author.call<Refusal>('POST', '/api/admin/articles', { title: 'Bad', sectionId, language: 'EN_gb' });
      assert.equal(malformed.status, 400);
      assert.equal(malformed.body.field, 'language');
    });

    it('lets the same slug live in two languages of one section, but not twice in one', async () => {
      const en = await createArticle(author, { title: 'Shared slug', sectionId, slug: 'shared-slug' });
      const ru = await createArticle(author, { title: 'Общий', sectionId, slug: 'shared-slug', language: 'ru' });
      assert.equal(ru.slug, en.slug);
      const again = await author.call<Refusal>('POST', '/api/admin/articles', { title: 'Again', sectionId, slug: 'shared-slug', language: 'ru' });
      assert.equal(again.status, 422);
      assert.equal(again.body.field, 'slug');
    });
  });

  describe('POST /api/admin/articles/:id/translations', () => {
    it('starts a linked draft in the language with the structure carried over and the text to write', async () => {
      const [tag, person, place, image, figure] = await Promise.all([
        createTagFixture(server.context),
        createAuthorFixture(server.context),
        createLocationFixture(server.context),
        imageFixture(server, { altText: 'A wind farm', name: 'lead.png' }),
        imageFixture(server, { altText: 'Turbines', name: 'figure.png' }),
      ]);
      const body = {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'First paragraph.' }] },
          { type: 'paragraph', content: [{ type: 'text', text: 'Second paragraph.' }] },
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'A subhead' }] },
          { type: 'paragraph', content: [{ type: 'text', text: 'Third.' }] },
          { type: 'figure', attrs: { mediaId: figure, caption: 'Turbines at dawn', credit: 'Photo: A. Writer', alt: '' } },
          { type: 'paragraph', content: [{ type: 'text', text: 'Last.' }] },
        ],
      };
      const source = await createArticle(author, {
        title: 'Wind farm opens',
        standfirst: 'The largest yet.',
        sectionId,
        body,
        tagIds: [tag.id],
        authorIds: [person.id],
        locationId: place.id,
        leadMediaId: image,
        leadCaption: 'The farm',
        leadCredit: 'Photo: Press office',
        sourceAttribution: 'Originally published by Example',
      });
      const { status, body: draft } = await translate(author, source.id, 'ru');
      assert.equal(status, 201, JSON.stringify(draft));
      assert.equal(draft.status, 'draft');
      assert.equal(draft.language, 'ru');
      assert.equal(draft.translationOfId, source.id);
      assert.equal(draft.title, 'Wind farm opens', 'the source title as a placeholder');
      assert.equal(draft.standfirst, '');
      assert.equal(draft.slug, source.slug, 'another language may keep the slug');
      assert.equal(draft.path, `/ru/${sectionSlug}/${source.slug}`);
      assert.deepEqual(
        { sectionId: draft.sectionId, tagIds: draft.tagIds, authorIds: draft.authorIds, locationId: draft.locationId },
        { sectionId, tagIds: [tag.id], authorIds: [person.id], locationId: place.id },
      );
      assert.deepEqual(
        { leadMediaId: draft.leadMediaId, leadCaption: draft.leadCaption, leadCredit: draft.leadCredit, sourceAttribution: draft.sourceAttribution },
        { leadMediaId: image, leadCaption: 'The farm', leadCredit: 'Photo: Press office', sourceAttribution: 'Originally published by Example' },
      );
      assert.deepEqual(draft.body.content, [
        { type: 'paragraph' },
        { type: 'heading', attrs: { level: 2 } },
        { type: 'paragraph' },
        { type: 'figure', attrs: { mediaId: figure, caption: 'Turbines at dawn', credit: 'Photo: A. Writer', alt: '' } },
        { type: 'paragraph' },
      ]);
      assert.deepEqual(draft.translations, [{ id: source.id, language: 'en', status: 'draft', title: 'Wind farm opens' }]);
      assert.deepEqual((await get(source.id)).translations, [{ id: draft.id, language: 'ru', status: 'draft', title: 'Wind farm opens' }]);
      const audit = await server.context.database.db
        .selectFrom('audit_log')
        .select(['action', 'details'])
        .where('subject_type', '=', 'article')
        .where('subject_id', '=', String(draft.id))
        .execute();
      assert.deepEqual(
        audit.map((entry) => ({ action: entry.action, details: JSON.parse(entry.details) })),
        [{ action: 'article.translated', details: { from: source.id, originalId: source.id, language: 'ru' } }],
      );
    });

    it("links a translation of a translation to the original, and refuses a language the story already has", async () => {
      const original = await createArticle(author, { title: 'Star', sectionId });
      const ru = (await translate(author, original.id, 'ru')).body;
      const kk = await translate(author, ru.id, 'kk');
      assert.equal(kk.status, 201);
      assert.equal(kk.body.translationOfId, original.id);
      assert.deepEqual((await get(original.id)).translations.map((t) => t.language), ['ru', 'kk']);
      for (const [from, language] of [
        [original.id, 'en'],
        [original.id, 'ru'],
        [kk.body.id, 'ru'],
      ] as const) {
        const refused = await translate(author, from, language);
        assert.equal(refused.status, 422, `${from} → ${language}`);
        assert.equal(refused.body.field, 'language');
        assert.match(refused.body.message, new RegExp(`already has a ${language} version`));
      }
    });

    it('refuses a language the site does not have, and an article in the trash', async () => {
      const source = await createArticle(author, { title: 'Trash me', sectionId });
      assert.equal((await translate(author, source.id, 'de')).body.field, 'language');
      const trashed = (await author.call<ArticleJson>('POST', `/api/admin/articles/${source.id}/trash`, { version: source.version })).body;
      const refused = await translate(author, trashed.id, 'ru');
      assert.equal(refused.status, 422);
      assert.equal(refused.body.field, 'status');
    });

    it("is allowed to whoever may create articles and read the source: not another writer's draft", async () => {
      const draft = await createArticle(author, { title: 'Mine alone', sectionId });
      assert.equal((await translate(otherAuthor, draft.id, 'ru')).status, 403);
      const published = await publish(draft);
      assert.equal((await translate(otherAuthor, published.id, 'ru')).status, 201);
      assert.equal((await translate(author, 2_000_000_000, 'ru')).status, 404);
    });
  });

  describe('the translation link (translationOfId)', () => {
    const refusal = async (promise: Promise<{ status: number; body: Refusal }>, field: string, pattern: RegExp) => {
      const { status, body } = await promise;
      assert.equal(status, 422, JSON.stringify(body));
      assert.equal(body.field, field);
      assert.match(body.message, pattern);
    };

    it('refuses an article as its own translation, a missing one, and one in the trash', async () => {
      const article = await createArticle(author, { title: 'Self', sectionId, language: 'ru' });
      await refusal(update(author, article, { translationOfId: article.id }), 'translationOfId', /itself/);
      await refusal(update(author, article, { translationOfId: 2_000_000_000 }), 'translationOfId', /no article/);
      const binned = await createArticle(author, { title: 'Binned', sectionId });
      await author.call('POST', `/api/admin/articles/${binned.id}/trash`, { version: binned.version });
      await refusal(update(author, article, { translationOfId: binned.id }), 'translationOfId', /trash/);
    });

    it('refuses a chain: an article with translations cannot become a translation, nor point at its own translation', async () => {
      const head = await createArticle(author, { title: 'Head', sectionId });
      const ru = (await translate(author, head.id, 'ru')).body;
      const other = await createArticle(author, { title: 'Other', sectionId, language: 'kk' });
      const current = await get(head.id);
      await refusal(update(author, current, { translationOfId: other.id, language: 'kk' }), 'translationOfId', /translations of its own.*chain/);
      await refusal(update(author, current, { translationOfId: ru.id }), 'translationOfId', /already a translation of this article/);
    });

    it("refuses a language the group has, whether the link or the language changes", async () => {
      const original = await createArticle(author, { title: 'Group', sectionId });
      const ru = (await translate(author, original.id, 'ru')).body;
      const loose = await createArticle(author, { title: 'Другая', sectionId, language: 'ru', slug: 'loose-ru' });
      await refusal(update(author, loose, { translationOfId: original.id }), 'translationOfId', /already has a ru version/);
      const kk = (await translate(author, original.id, 'kk')).body;
      await refusal(update(author, kk, { language: 'ru' }), 'language', /already has a ru version/);
      await refusal(update(author, await get(original.id), { language: 'ru' }), 'language', /already has a ru version/);
      assert.equal(ru.translationOfId, original.id);
    });

    it("stores a link to a translation as a link to its original, and unlinks with null", async () => {
      const original = await createArticle(author, { title: 'Root', sectionId });
      const ru = (await translate(author, original.id, 'ru')).body;
      const kk = await createArticle(author, { title: 'Түбір', sectionId, language: 'kk' });
      const linked = await update(author, kk, { translationOfId: ru.id });
      assert.equal(linked.status, 200, JSON.stringify(linked.body));
      assert.equal(linked.body.translationOfId, original.id);
      const unlinked = await update(author, linked.body, { translationOfId: null });
      assert.equal(unlinked.body.translationOfId, null);
      assert.deepEqual((await get(original.id)).translations.map((t) => t.language), ['ru']);
    });

    it('frees a language when its article is trashed, and refuses to restore that article while its place is taken', async () => {
      const original = await createArticle(author, { title: 'Place', sectionId });
      const first = (await translate(author, original.id, 'ru')).body;
      const binned = (await author.call<ArticleJson>('POST', `/api/admin/articles/${first.id}/trash`, { version: first.version })).body;
      assert.deepEqual((await get(original.id)).translations, []);
      assert.equal((await translate(author, original.id, 'ru')).status, 201);
      await refusal(author.call<Refusal>('POST', `/api/admin/articles/${binned.id}/restore`, { version: binned.version }), 'language', /already has a ru version/);
    });
  });

  describe('the published read path in a language', () => {
    it('finds a translation at its language, lists it only there, and names the other versions', async () => {
      const en = await publish(await createArticle(author, { title: 'Steppe rail line', sectionId, body: textBody('English text.') }));
      const draft = (await translate(author, en.id, 'ru')).body;
      const written = (await update(author, draft, { title: 'Железная дорога в степи', body: textBody('Русский текст.') })).body;
      const ru = await publish(written);
      assert.equal(ru.path, `/ru/${sectionSlug}/${ru.slug}`);
      const published = createPublishedArticles(server.context);
      const page = await published.findArticle('ru', sectionSlug, ru.slug);
      assert.equal(page?.article.id, ru.id);
      assert.equal(page?.article.language, 'ru');
      assert.equal(page?.article.translationOfId, en.id);
      assert.equal(await published.findArticle('kk', sectionSlug, ru.slug), undefined);
      assert.deepEqual(await published.translationsOf(ru.id), [{ id: en.id, language: 'en', sectionSlug, slug: en.slug, title: 'Steppe rail line' }]);
      assert.deepEqual(await published.translationsOf(en.id), [{ id: ru.id, language: 'ru', sectionSlug, slug: ru.slug, title: 'Железная дорога в степи' }]);
      const ruList = await published.list({ language: 'ru', sectionIds: [sectionId] }, { limit: 100, offset: 0 });
      assert.ok(ruList.some((card) => card.id === ru.id && card.language === 'ru'));
      assert.ok(!ruList.some((card) => card.id === en.id));
      assert.ok(!(await published.list({ language: 'en', sectionIds: [sectionId] }, { limit: 100, offset: 0 })).some((card) => card.id === ru.id));
    });

    it('names the section in the article language and moves its pages when that slug changes', async () => {
      const section = await createSectionFixture(server.context, { name: 'Economy', slug: `economy-${Date.now()}` });
      const sections = createSectionService(server.context);
      await sections.saveTranslation(asSystem(), section.id, 'ru', { name: 'Экономика', slug: `ekonomika-${section.id}` });
      const ru = await publish(await createArticle(author, { title: 'Рубль', sectionId: section.id, language: 'ru' }));
      assert.equal(ru.path, `/ru/ekonomika-${section.id}/${ru.slug}`);
      const published = createPublishedArticles(server.context);
      const page = await published.findArticle('ru', `ekonomika-${section.id}`, ru.slug);
      assert.deepEqual(page?.article.section, { id: section.id, name: 'Экономика', slug: `ekonomika-${section.id}` });
      assert.equal(await published.findArticle('ru', section.slug, ru.slug), undefined, 'the base slug is not the Russian address');
      const chrome = await published.siteChrome('ru');
      assert.equal(chrome.sections.find((s) => s.id === section.id)?.name, 'Экономика');
      assert.equal((await published.siteChrome('en')).sections.find((s) => s.id === section.id)?.name, 'Economy');
      await sections.saveTranslation(asSystem(), section.id, 'ru', { name: 'Экономика', slug: `ekonomika-novaya-${section.id}` });
      const db = server.context.database.db;
      assert.equal(await findRedirect(db, `/ru/ekonomika-${section.id}`), `/ru/ekonomika-novaya-${section.id}`);
      assert.equal(await findRedirect(db, `/ru/ekonomika-${section.id}/${ru.slug}`), `/ru/ekonomika-novaya-${section.id}/${ru.slug}`);
    });

    it("records a moved article's redirect under its language prefix", async () => {
      const ru = await publish(await createArticle(author, { title: 'Старый заголовок', sectionId, language: 'ru', slug: `old-ru-${Date.now()}` }));
      const moved = await update(editor, ru, { slug: `${ru.slug}-new` });
      assert.equal(moved.status, 200);
      assert.equal(await findRedirect(server.context.database.db, `/ru/${sectionSlug}/${ru.slug}`), `/ru/${sectionSlug}/${ru.slug}-new`);
    });
  });

  describe('the newsroom list', () => {
    it('filters by language and says which languages each story has', async () => {
      const original = await createArticle(author, { title: `Listed ${Date.now()}`, sectionId });
      const kk = (await translate(author, original.id, 'kk')).body;
      const { body } = await author.call<{ items: Array<{ id: number; language: string; translationLanguages: string[] }> }>(
        'GET',
        `/api/admin/articles?language=kk&q=${encodeURIComponent(original.title)}`,
      );
      assert.deepEqual(body.items.map((item) => ({ id: item.id, language: item.language, translationLanguages: item.translationLanguages })), [
        { id: kk.id, language: 'kk', translationLanguages: ['en'] },
      ]);
      const bad = await author.call<Refusal>('GET', '/api/admin/articles?language=english');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'language');
    });
  });
});
