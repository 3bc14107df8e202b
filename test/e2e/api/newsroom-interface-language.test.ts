import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asSystem } from '#src/domain/people/actor.ts';
import { findUserById } from '#src/domain/people/user-repository.ts';
import { createUserService } from '#src/domain/people/user-service.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { Forbidden } from '#src/lib/errors.ts';
import { createArticleFixture, createSectionFixture, createTagFixture } from '../../support/factories.ts';
import { getAs, postForm, signedInAs, type HttpSession } from '../../support/auth.ts';
import { htmlErrors } from '../../support/page-checks.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/** The text of a page's <html lang>. */
const htmlLang = (html: string) => /<html lang="([^"]+)"/.exec(html)?.[1];

describe('the newsroom in the language each user chose', () => {
  let server: TestServer;
  let russian: HttpSession & { user: { id: number; email: string } };
  let english: HttpSession;
  let admin: HttpSession & { user: { id: number } };
  let sectionId: number;
  let articleId: number;
  before(async () => {
    server = await startTestServer();
    [russian, english, admin] = await Promise.all([signedInAs(server, 'editor'), signedInAs(server, 'editor'), signedInAs(server, 'admin')]);
    sectionId = (await createSectionFixture(server.context, { name: 'Economy' })).id;
    articleId = (await createArticleFixture(server.context, { sectionId, title: 'Grain exports rise', status: 'published' })).id;
  });
  after(() => server.close());

  it('lets a user choose Russian on their account page, and audits the change', async () => {
    const form = await (await getAs(server, russian, '/newsroom/password')).text();
    assert.match(form, /<label for="f-interfaceLanguage">Language of the newsroom<\/label>/);
    assert.match(form, /<option value="ru" lang="ru">Русский<\/option>/);
    assert.match(form, /<option value selected>The site’s default language \(English\)<\/option>/);

    const saved = await postForm(server, russian, '/newsroom/account/language', { interfaceLanguage: 'ru' });
    assert.equal(saved.status, 303);
    assert.equal((await findUserById(server.context.database.db, russian.user.id))?.interfaceLanguage, 'ru');
    const entry = await server.context.database.db
      .selectFrom('audit_log')
      .select(['details', 'user_id'])
      .where('action', '=', 'user.interface_language_changed')
      .where('subject_id', '=', String(russian.user.id))
      .executeTakeFirstOrThrow();
    assert.equal(entry.user_id, russian.user.id);
    assert.deepEqual(JSON.parse(entry.details), { email: russian.user.email, from: null, to: 'ru' });

    const after = await (await getAs(server, russian, `${saved.headers.get('location')}`)).text();
    assert.equal(htmlLang(after), 'ru');
    assert.match(after, /Сохранено: редакция теперь говорит на выбранном языке\./);
    assert.match(after, /<option value="ru" lang="ru" selected>Русский<\/option>/);
  });

  it('refuses a language the newsroom has no catalogue for, naming the field', async () => {
    const refused = await postForm(server, english, '/newsroom/account/language', { interfaceLanguage: 'de' });
    assert.equal(refused.status, 422);
    assert.match(await refused.text(), /id="f-interfaceLanguage-error" role="alert">Choose a language from the list\.</);
  });

  it('shows the Russian user the dashboard and the articles list in Russian, dates and plurals included', async () => {
    const response = await getAs(server, russian, '/newsroom');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-language'), 'ru');
    const html = await response.text();
    assert.equal(htmlLang(html), 'ru');
    assert.match(html, /<title>Статьи · Редакция<\/title>/);
    assert.match(html, /<h1>Статьи<\/h1>/);
    assert.match(html, />Новая статья</);
    assert.match(html, /<h2 id="my-drafts">Мои черновики/);
    assert.match(html, /<h2 id="all-articles">Все статьи/);
    assert.match(html, /<option value>Все, кроме корзины<\/option>/);
    assert.match(html, /<option value="published">опубликована<\/option>/);
    assert.match(html, /<th scope="col">Заголовок<\/th>/);
    assert.match(html, /<span class="nr-badge nr-badge--published">опубликована<\/span>/);
    assert.match(html, /нет перевода: kk, ru/);
    assert.match(html, /<a href="\/newsroom\/sections">Разделы<\/a>/);
    assert.match(html, />Выйти</);
    // Month names in the user's language, in the genitive after the day as Russian writes dates.
    assert.match(html, /<td>\d\d (января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря) \d{4} \| \d\d:\d\d<\/td>/);
    assert.doesNotMatch(html, />(Articles|My drafts|All articles|Sign out|Status)</);
  });

  it('shows the Russian user the article editor in Russian, and sends the island Russian messages only', async () => {
    const html = await (await getAs(server, russian, `/newsroom/articles/${articleId}`)).text();
    assert.equal(htmlLang(html), 'ru');
    assert.match(html, /<h1[^>]*>Правка статьи<\/h1>/);
    assert.match(html, /Редактор загружается…/);
    assert.match(html, /<h2 id="ed-translations-title">Переводы<\/h2>/);
    assert.match(html, /Перевести на казахский/);
    const data = JSON.parse(/<script type="application\/json" id="editor-data">([^<]*)<\/script>/.exec(html)![1]!) as {
      i18n: { lang: string; locale: string; messages: Record<string, string> };
    };
    assert.equal(data.i18n.lang, 'ru');
    assert.equal(data.i18n.messages['editor.workflow.publish'], 'Опубликовать сейчас');
    assert.equal(data.i18n.messages['status.draft'], 'черновик');
    assert.equal(data.i18n.messages['users.title'], undefined, 'pages’ messages stay on the server');
  });

  it('keeps another user, who chose nothing, in English', async () => {
    const response = await getAs(server, english, '/newsroom');
    assert.equal(response.headers.get('content-language'), 'en');
    const html = await response.text();
    assert.equal(htmlLang(html), 'en');
    assert.match(html, /<h1>Articles<\/h1>/);
    assert.match(html, /<h2 id="my-drafts">My drafts/);
    assert.match(html, /<span class="nr-badge nr-badge--published">published<\/span>/);
    assert.match(html, /<td>\d\d [A-Z][a-z]+, \d{4} \| \d\d:\d\d<\/td>/);
    const editor = await (await getAs(server, english, `/newsroom/articles/${articleId}`)).text();
    assert.match(editor, /<h1[^>]*>Edit article<\/h1>/);
    assert.match(editor, /"editor\.workflow\.publish":"Publish now"/);
  });

  it('writes Russian and Kazakh plurals through ICU (audit log entries)', async () => {
    const kazakh = await signedInAs(server, 'editor');
    await createUserService(server.context).setInterfaceLanguage(asSystem(), kazakh.user.id, 'kk');
    const kk = await (await getAs(server, kazakh, '/newsroom/audit')).text();
    assert.equal(htmlLang(kk), 'kk');
    assert.match(kk, /<span class="nr-muted">\d+ жазба<\/span>/);
    assert.match(kk, /<h1>Әрекеттер журналы<\/h1>/);
    const ru = await (await getAs(server, russian, '/newsroom/audit')).text();
    const count = Number(/<span class="nr-muted">(\d+) запис/.exec(ru)?.[1]);
    const form = count % 10 === 1 && count % 100 !== 11 ? 'запись' : [2, 3, 4].includes(count % 10) && ![12, 13, 14].includes(count % 100) ? 'записи' : 'записей';
    assert.match(ru, new RegExp(`<span class="nr-muted">${count} ${form}</span>`));
  });

  it('lets an admin set another user’s newsroom language, and nobody else', async () => {
    const other = await signedInAs(server, 'contributor');
    const set = await postForm(server, admin, `/newsroom/users/${other.user.id}/interface-language`, { interfaceLanguage: 'kk' });
    assert.equal(set.status, 303);
    assert.equal(htmlLang(await (await getAs(server, other, '/newsroom')).text()), 'kk');
    assert.equal((await postForm(server, russian, `/newsroom/users/${other.user.id}/interface-language`, { interfaceLanguage: 'en' })).status, 403);
    await assert.rejects(createUserService(server.context).setInterfaceLanguage((await import('../../support/policy-table.ts')).actorFor('editor', russian.user.id), other.user.id, 'en'), Forbidden);
    const back = await postForm(server, admin, `/newsroom/users/${other.user.id}/interface-language`, { interfaceLanguage: '' });
    assert.equal(back.status, 303);
    assert.equal((await findUserById(server.context.database.db, other.user.id))?.interfaceLanguage, null);
  });

  it('speaks the site’s default language before sign-in, and to users who chose none', async () => {
    const settings = createSettingsService(server.context);
    const stored = await settings.get(asSystem());
    await settings.update(asSystem(), { ...stored, defaultLanguage: 'kk' });
    try {
      const login = await (await getAs(server, null, '/newsroom/login')).text();
      assert.equal(htmlLang(login), 'kk');
      assert.match(login, /<h1>Редакцияға кіру<\/h1>/);
      assert.match(login, /<label for="f-email">Эл. пошта<\/label>/);
      const reset = await (await getAs(server, null, '/newsroom/password-reset')).text();
      assert.equal(htmlLang(reset), 'kk');
      assert.match(reset, /<h1>Құпиясөзді қалпына келтіру<\/h1>/);
      assert.equal(htmlLang(await (await getAs(server, english, '/newsroom')).text()), 'kk', 'no choice: the site’s default');
      assert.equal(htmlLang(await (await getAs(server, russian, '/newsroom')).text()), 'ru', 'a choice outranks the default');
    } finally {
      await settings.update(asSystem(), stored);
    }
  });

  it('serves newsroom pages in Russian and Kazakh as valid HTML (Nu checker)', async () => {
    const kazakhAdmin = await signedInAs(server, 'admin');
    await createUserService(server.context).setInterfaceLanguage(asSystem(), kazakhAdmin.user.id, 'kk');
    const tag = await createTagFixture(server.context);
    const pages = [
      ['ru-dashboard', russian, '/newsroom'],
      ['ru-editor', russian, `/newsroom/articles/${articleId}`],
      ['ru-new-article', russian, '/newsroom/articles/new'],
      ['ru-revisions', russian, `/newsroom/articles/${articleId}/revisions`],
      ['ru-account', russian, '/newsroom/password'],
      ['ru-media', russian, '/newsroom/media'],
      ['kk-users', kazakhAdmin, '/newsroom/users'],
      ['kk-settings', kazakhAdmin, '/newsroom/settings'],
      ['kk-tag', kazakhAdmin, `/newsroom/tags/${tag.id}`],
      ['kk-webhooks', kazakhAdmin, '/newsroom/webhooks'],
      ['kk-api-keys', kazakhAdmin, '/newsroom/api-keys'],
      ['kk-audit', kazakhAdmin, '/newsroom/audit'],
    ] as const;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-newsroom-interface-'));
    try {
      const files: string[] = [];
      for (const [name, session, url] of pages) {
        const response = await getAs(server, session, url);
        assert.equal(response.status, 200, url);
        const html = await response.text();
        assert.equal(htmlLang(html), name.slice(0, 2), url);
        const file = path.join(dir, `${name}.html`);
        fs.writeFileSync(file, html);
        files.push(file);
      }
      assert.deepEqual(htmlErrors(files), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
