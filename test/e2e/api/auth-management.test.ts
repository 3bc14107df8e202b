import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { getAs, loginAs, postForm, postLogin, signedInAs, type HttpSession } from '../../support/auth.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import { listSections } from '#src/domain/sections/section-repository.ts';

/** The message shown next to a field, if any. */
function fieldError(html: string, field: string): string | undefined {
  return new RegExp(`id="f-${field}-error" role="alert">([^<]*)<`).exec(html)?.[1];
}

function countEvents(server: TestServer, name: 'settings.updated' | 'taxonomy.updated'): () => number {
  let count = 0;
  server.context.events.on(name, () => {
    count += 1;
  });
  return () => count;
}

describe('managing sections, tags, authors and locations', () => {
  let server: TestServer;
  let editor: HttpSession;
  before(async () => {
    server = await startTestServer();
    editor = await signedInAs(server, 'editor');
  });
  after(() => server.close());

  it('adds nested sections, makes the slug from the name, and announces the change', async () => {
    const events = countEvents(server, 'taxonomy.updated');
    assert.equal((await postForm(server, editor, '/newsroom/sections', { name: 'Қазақстан', slug: '', parentId: '', position: '1', description: '' })).status, 303);
    const parent = (await listSections(server.context.database.db)).find((s) => s.slug === 'qazaqstan');
    assert.ok(parent, 'slug made from the Kazakh name');
    const child = await postForm(server, editor, '/newsroom/sections', { name: 'Regions', slug: 'regions', parentId: String(parent.id), position: '', description: 'Across the country' });
    assert.equal(child.status, 303);
    assert.equal(child.headers.get('location'), '/newsroom/sections?saved=1');
    assert.equal(events(), 2);
    const sections = await listSections(server.context.database.db);
    assert.equal(sections.find((s) => s.slug === 'regions')?.parentId, parent.id);
    const page = await (await getAs(server, editor, '/newsroom/sections?saved=1')).text();
    assert.match(page, /The section was saved\./);
    assert.match(page, /class="nr-indent-1"><a href="\/newsroom\/sections\/\d+">Regions<\/a>/, 'the child is drawn under its parent');
    assert.match(page, new RegExp(`<option value="${parent.id}">Қазақстан</option>`), 'the parent select offers it');
  });

  it('puts a new section without a position last among its siblings, and keeps a place when an edit leaves it empty', async () => {
    const add = (name: string, parentId = '') => postForm(server, editor, '/newsroom/sections', { name, slug: '', parentId, position: '', description: '' });
    assert.equal((await add('Sport')).status, 303);
    assert.equal((await add('Weather')).status, 303);
    const topLevel = (await listSections(server.context.database.db)).filter((s) => s.parentId === null).map((s) => s.name);
    assert.deepEqual(topLevel.slice(-2), ['Sport', 'Weather'], 'added in order, after those already there');
    const weather = (await listSections(server.context.database.db)).find((s) => s.name === 'Weather')!;
    const edited = await postForm(server, editor, `/newsroom/sections/${weather.id}`, { name: 'Weather', slug: weather.slug, parentId: '', position: '', description: 'Forecasts' });
    assert.equal(edited.status, 303);
    assert.equal((await listSections(server.context.database.db)).find((s) => s.id === weather.id)?.position, weather.position);
  });

  it('explains a reserved or taken slug, a loop of parents and a bad number next to the field, and writes nothing', async () => {
    const events = countEvents(server, 'taxonomy.updated');
    const reserved = await postForm(server, editor, '/newsroom/sections', { name: 'Newsroom', slug: 'newsroom' });
    assert.equal(reserved.status, 422);
    const reservedHtml = await reserved.text();
    assert.match(fieldError(reservedHtml, 'slug') ?? '', /reserved/);
    assert.match(reservedHtml, /value="Newsroom"/, 'what was typed stays in the form');
    const badSlug = await postForm(server, editor, '/newsroom/tags', { name: 'Oil', slug: 'Oil & Gas' });
    assert.equal(badSlug.status, 422);
    assert.match(fieldError(await badSlug.text(), 'slug') ?? '', /lower-case letters/);
    const badPosition = await postForm(server, editor, '/newsroom/sections', { name: 'Sport', position: 'first' });
    assert.equal(badPosition.status, 422);
    assert.match(fieldError(await badPosition.text(), 'position') ?? '', /whole number/);
    const noName = await postForm(server, editor, '/newsroom/authors', { name: '  ' });
    assert.equal(noName.status, 422);
    assert.match(fieldError(await noName.text(), 'name') ?? '', /The name is required/);

    const sections = await listSections(server.context.database.db);
    const parent = sections.find((s) => s.slug === 'qazaqstan')!;
    const child = sections.find((s) => s.slug === 'regions')!;
    const loop = await postForm(server, editor, `/newsroom/sections/${parent.id}`, { name: parent.name, slug: parent.slug, parentId: String(child.id) });
    assert.equal(loop.status, 422);
    assert.match(fieldError(await loop.text(), 'parentId') ?? '', /loop/);
    assert.equal(events(), 0, 'nothing changed, nothing announced');
  });

  it('edits a tag and an author, and validates a photo id and a time zone', async () => {
    assert.equal((await postForm(server, editor, '/newsroom/tags', { name: 'Energy', slug: '' })).status, 303);
    const tag = await server.context.database.db.selectFrom('tags').select(['id', 'slug']).where('slug', '=', 'energy').executeTakeFirstOrThrow();
    const renamed = await postForm(server, editor, `/newsroom/tags/${tag.id}`, { name: 'Energy and oil', slug: 'energy-oil' });
    assert.equal(renamed.status, 303);
    assert.equal(renamed.headers.get('location'), `/newsroom/tags/${tag.id}?saved=1`);
    const edit = await (await getAs(server, editor, `/newsroom/tags/${tag.id}`)).text();
    assert.match(edit, /value="energy-oil"/);

    const photo = await postForm(server, editor, '/newsroom/authors', { name: 'Dana Seitkali', slug: '', bio: 'Covers energy.', photoMediaId: '4242' });
    assert.equal(photo.status, 422);
    assert.match(fieldError(await photo.text(), 'photoMediaId') ?? '', /not in the media library/);
    const notNumber = await postForm(server, editor, '/newsroom/authors', { name: 'Dana Seitkali', photoMediaId: 'abc' });
    assert.match(fieldError(await notNumber.text(), 'photoMediaId') ?? '', /must be a number/);
    assert.equal((await postForm(server, editor, '/newsroom/authors', { name: 'Dana Seitkali', slug: '', bio: 'Covers energy.', photoMediaId: '' })).status, 303);

    const zone = await postForm(server, editor, '/newsroom/locations', { city: 'Aqtau', country: 'Kazakhstan', timeZone: 'Asia/Aqtau-ish' });
    assert.equal(zone.status, 422);
    assert.match(fieldError(await zone.text(), 'timeZone') ?? '', /IANA time zone/);
    assert.equal((await postForm(server, editor, '/newsroom/locations', { city: 'Aqtau', country: 'Kazakhstan', timeZone: 'Asia/Aqtau' })).status, 303);
    const list = await (await getAs(server, editor, '/newsroom/locations')).text();
    assert.match(list, /Aqtau<\/a><\/td><td>Kazakhstan<\/td><td><code>Asia\/Aqtau<\/code>/);
    assert.equal((await getAs(server, editor, '/newsroom/tags/999999')).status, 404);
  });

  it('escapes what editors type', async () => {
    assert.equal((await postForm(server, editor, '/newsroom/tags', { name: '<script>alert(1)</script> Tag', slug: 'xss-tag' })).status, 303);
    const page = await (await getAs(server, editor, '/newsroom/tags')).text();
    assert.ok(!page.includes('<script>alert(1)</script>'));
    assert.match(page, /&lt;script>alert\(1\)&lt;\/script> Tag/);
  });
});

describe('site settings', () => {
  let server: TestServer;
  let admin: HttpSession;
  before(async () => {
    server = await startTestServer();
    admin = await signedInAs(server, 'admin');
  });
  after(() => server.close());

  const valid = {
    name: 'The Steppe Monitor',
    tagline: 'Independent news from the steppe',
    logoMediaId: '',
    timeZone: 'Asia/Almaty',
    reuseSharePercent: '25',
    reusePolicyText: 'Up to {share}% of a {site} article may be reused with a link.',
    social_facebook: 'https://facebook.com/steppe',
    social_instagram: '',
    social_tiktok: '',
    social_x: 'https://x.com/steppe',
    social_telegram: 'https://t.me/steppe',
    social_youtube: '',
    social_rss: '/feed.xml',
    languages: 'en, kk, ru',
    defaultLanguage: 'en',
    kazakhLatin: 'on',
  };

  it('saves the settings, announces the change, and audits which fields changed', async () => {
    const events = countEvents(server, 'settings.updated');
    const response = await postForm(server, admin, '/newsroom/settings', valid);
    assert.equal(response.status, 303);
    assert.equal(events(), 1);
    const settings = await loadSettings(server.context.database.db);
    assert.equal(settings.name, 'The Steppe Monitor');
    assert.equal(settings.reuseSharePercent, 25);
    assert.deepEqual(settings.socialLinks, { facebook: 'https://facebook.com/steppe', x: 'https://x.com/steppe', telegram: 'https://t.me/steppe', rss: '/feed.xml' });
    const audit = await server.context.database.db.selectFrom('audit_log').select('details').where('action', '=', 'settings.updated').executeTakeFirstOrThrow();
    const changed = (JSON.parse(audit.details) as { changed: string[] }).changed;
    assert.ok(changed.includes('name') && changed.includes('socialLinks') && changed.includes('reuseSharePercent'));
    const page = await (await getAs(server, admin, '/newsroom/settings?saved=1')).text();
    assert.match(page, /value="The Steppe Monitor"/);
  });

  it('refuses a javascript: link, a share above 100, an unknown zone and an unknown logo, each next to its field', async () => {
    const before = await loadSettings(server.context.database.db);
    const response = await postForm(server, admin, '/newsroom/settings', {
      ...valid,
      name: 'Changed name',
      social_x: 'javascript:alert(1)',
      social_youtube: 'ftp://example.com/video',
      reuseSharePercent: '101',
      timeZone: 'Almaty',
      logoMediaId: '77',
    });
    assert.equal(response.status, 422);
    const html = await response.text();
    assert.match(fieldError(html, 'social_x') ?? '', /http\(s\) address/);
    assert.match(fieldError(html, 'social_youtube') ?? '', /http\(s\) address/);
    assert.match(fieldError(html, 'reuseSharePercent') ?? '', /0 to 100/);
    assert.match(fieldError(html, 'timeZone') ?? '', /IANA/);
    assert.deepEqual(await loadSettings(server.context.database.db), before, 'nothing saved');
    const logo = await postForm(server, admin, '/newsroom/settings', { ...valid, logoMediaId: '77' });
    assert.equal(logo.status, 422);
    assert.match(fieldError(await logo.text(), 'logoMediaId') ?? '', /no image #77/);
  });

  it('saves the languages, the default, Kazakh Latin and the name, tagline and notice per language', async () => {
    const { kazakhLatin: _unticked, ...withoutLatin } = valid;
    const response = await postForm(server, admin, '/newsroom/settings', {
      ...withoutLatin,
      languages: 'EN kk, RU',
      localized_ru_name: 'Степной монитор',
      localized_ru_tagline: '',
      localized_kk_reusePolicyText: 'Мақаланың {share}% ғана қолдануға болады.',
    });
    assert.equal(response.status, 303);
    const settings = await loadSettings(server.context.database.db);
    assert.deepEqual(
      { languages: settings.languages, defaultLanguage: settings.defaultLanguage, kazakhLatin: settings.kazakhLatin, localized: settings.localized },
      { languages: ['en', 'kk', 'ru'], defaultLanguage: 'en', kazakhLatin: false, localized: { ru: { name: 'Степной монитор' }, kk: { reusePolicyText: 'Мақаланың {share}% ғана қолдануға болады.' } } },
    );
    const page = await (await getAs(server, admin, '/newsroom/settings')).text();
    assert.match(page, /name="localized_ru_name"[^>]*value="Степной монитор"/);
    assert.match(page, /<legend>Kazakh \(kk\)<\/legend>/);
  });

  it('refuses a malformed language, and a default outside the list, next to the field', async () => {
    const before = await loadSettings(server.context.database.db);
    const malformed = await postForm(server, admin, '/newsroom/settings', { ...valid, languages: 'en, Russian' });
    assert.equal(malformed.status, 422);
    assert.match(fieldError(await malformed.text(), 'languages') ?? '', /not a language code/);
    const outside = await postForm(server, admin, '/newsroom/settings', { ...valid, languages: 'kk, ru' });
    assert.equal(outside.status, 422);
    assert.match(fieldError(await outside.text(), 'defaultLanguage') ?? '', /one of the site/);
    assert.deepEqual(await loadSettings(server.context.database.db), before, 'nothing saved');
  });

  it('is for admins only', async () => {
    const editor = await signedInAs(server, 'editor');
    assert.equal((await getAs(server, editor, '/newsroom/settings')).status, 403);
    assert.equal((await postForm(server, editor, '/newsroom/settings', valid)).status, 403);
  });
});

describe('managing users', () => {
  let server: TestServer;
  let admin: Awaited<ReturnType<typeof signedInAs>>;
  before(async () => {
    server = await startTestServer();
    admin = await signedInAs(server, 'admin');
  });
  after(() => server.close());

  it('creates a user with a one-time password shown once, who must replace it at first sign-in', async () => {
    const response = await postForm(server, admin, '/newsroom/users', { email: 'Reporter@Example.kz', name: 'Erlan', role: 'author', password: '' });
    // Post, redirect, get: reloading the page that shows the password does not add the user again.
    assert.equal(response.status, 303);
    const location = response.headers.get('location') ?? '';
    assert.match(location, /^\/newsroom\/users\?added=\d+$/);
    const flash = response.headers.getSetCookie().find((c) => c.startsWith('qalam_new_user='))!;
    assert.match(flash, /HttpOnly/i);
    assert.match(flash, /SameSite=Strict/i);
    assert.match(flash, /Path=\/newsroom\/users/);
    const shown = await getAs(server, { ...admin, cookie: `${admin.cookie}; ${flash.split(';')[0]}` }, location);
    assert.equal(shown.status, 200);
    const html = await shown.text();
    assert.match(html, /Created author reporter@example\.kz\./);
    const password = /One-time password for reporter@example\.kz: <code class="nr-code">([^<]+)</.exec(html)?.[1];
    assert.ok(password);
    assert.match(shown.headers.getSetCookie().join('\n'), /qalam_new_user=;/, 'shown once: the cookie is cleared');
    assert.doesNotMatch(await (await getAs(server, admin, location)).text(), /One-time password/, 'a reload without it names the user only');
    const login = await postLogin(server, { email: 'reporter@example.kz', password });
    assert.equal(login.headers.get('location'), '/newsroom/password');
    const list = await (await getAs(server, admin, '/newsroom/users')).text();
    assert.ok(!list.includes(password), 'the password is not shown again');
    assert.match(list, /temporary password/);
  });

  it('explains a duplicate email, a bad email and a short password next to the field', async () => {
    const duplicate = await postForm(server, admin, '/newsroom/users', { email: 'reporter@example.kz', role: 'author' });
    assert.equal(duplicate.status, 422);
    assert.match(fieldError(await duplicate.text(), 'email') ?? '', /already exists/);
    const bad = await postForm(server, admin, '/newsroom/users', { email: 'reporter-at-example', role: 'author' });
    assert.match(fieldError(await bad.text(), 'email') ?? '', /valid email/);
    const short = await postForm(server, admin, '/newsroom/users', { email: 'short@example.kz', role: 'author', password: 'abc' });
    assert.match(fieldError(await short.text(), 'password') ?? '', /at least 10/);
    const role = await postForm(server, admin, '/newsroom/users', { email: 'boss@example.kz', role: 'owner' });
    assert.match(fieldError(await role.text(), 'role') ?? '', /Choose one of/);
  });

  it('changes a role (the new role applies at once) and audits it', async () => {
    const writer = await signedInAs(server, 'contributor');
    assert.equal((await getAs(server, writer, '/newsroom/tags')).status, 403);
    const changed = await postForm(server, admin, `/newsroom/users/${writer.user.id}/role`, { role: 'editor' });
    assert.equal(changed.status, 303);
    assert.equal((await getAs(server, writer, '/newsroom/tags')).status, 200, 'the same session now has the editor role');
    const entry = await server.context.database.db
      .selectFrom('audit_log')
      .select(['user_id', 'details'])
      .where('action', '=', 'user.role_changed')
      .where('subject_id', '=', String(writer.user.id))
      .executeTakeFirstOrThrow();
    assert.equal(entry.user_id, admin.user.id);
    assert.deepEqual(JSON.parse(entry.details), { email: writer.user.email, from: 'contributor', to: 'editor' });
  });

  it('keeps the last admin: no demoting or disabling them, and nobody disables themselves', async () => {
    const demote = await postForm(server, admin, `/newsroom/users/${admin.user.id}/role`, { role: 'editor' });
    assert.equal(demote.status, 422);
    assert.match(await demote.text(), /is the last admin/);
    const self = await postForm(server, admin, `/newsroom/users/${admin.user.id}/disable`, {});
    assert.equal(self.status, 422);
    assert.match(await self.text(), /cannot disable your own account/);
    const row = await server.context.database.db.selectFrom('users').select(['role', 'disabled_at']).where('id', '=', admin.user.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { role: 'admin', disabled_at: null });

    // With a second admin, the first may step down.
    const second = await signedInAs(server, 'admin');
    assert.equal((await postForm(server, admin, `/newsroom/users/${admin.user.id}/role`, { role: 'editor' })).status, 303);
    const lastOne = await postForm(server, second, `/newsroom/users/${second.user.id}/role`, { role: 'author' });
    assert.equal(lastOne.status, 422);
  });

  it('links a user to the byline their articles carry, and refuses an unknown author', async () => {
    const admin = await signedInAs(server, 'admin');
    const writer = await signedInAs(server, 'author');
    const authorId = (
      await server.context.database.db
        .insertInto('authors')
        .values({ name: 'Aruzhan Sain', slug: 'aruzhan-sain', bio: '', photo_media_id: null, created_at: new Date().toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const unknown = await postForm(server, admin, `/newsroom/users/${writer.user.id}/author`, { authorId: '987654' });
    assert.equal(unknown.status, 422);
    assert.match(await unknown.text(), /That author profile does not exist/);
    assert.equal((await postForm(server, admin, `/newsroom/users/${writer.user.id}/author`, { authorId: String(authorId) })).status, 303);
    const me = (await (await getAs(server, writer, '/api/admin/session')).json()) as { user: { authorId: number | null } };
    assert.equal(me.user.authorId, authorId);
    assert.match(await (await getAs(server, admin, '/newsroom/users')).text(), new RegExp(`<option value="${authorId}" selected>Aruzhan Sain</option>`));
    assert.equal((await postForm(server, admin, `/newsroom/users/${writer.user.id}/author`, { authorId: '' })).status, 303);
    const unlinked = (await (await getAs(server, writer, '/api/admin/session')).json()) as { user: { authorId: number | null } };
    assert.equal(unlinked.user.authorId, null);
  });

  it('disables and re-enables a user', async () => {
    const admin2 = await signedInAs(server, 'admin');
    const user = await signedInAs(server, 'author');
    assert.equal((await postForm(server, admin2, `/newsroom/users/${user.user.id}/disable`, {})).status, 303);
    assert.equal((await getAs(server, user, '/api/admin/session')).status, 401);
    assert.equal((await postLogin(server, user.user)).status, 401);
    assert.match(await (await getAs(server, admin2, '/newsroom/users')).text(), /nr-badge--disabled/);
    assert.equal((await postForm(server, admin2, `/newsroom/users/${user.user.id}/enable`, {})).status, 303);
    assert.equal((await postLogin(server, user.user)).status, 303);
  });
});

describe('the audit log page', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('lists who did what and when, newest first, in pages of 50', async () => {
    const editor = await signedInAs(server, 'editor');
    for (let i = 0; i < 52; i++) {
      assert.equal((await postForm(server, editor, '/newsroom/tags', { name: `Tag number ${i}`, slug: '' })).status, 303);
    }
    const first = await (await getAs(server, editor, '/newsroom/audit')).text();
    const actions = [...first.matchAll(/<td><code>([^<]+)<\/code><\/td>/g)].map((m) => m[1]);
    assert.equal(actions.length, 50);
    assert.ok(actions.every((a) => a === 'taxonomy.created'));
    assert.match(first, /name: Tag number 51/, 'the newest first');
    assert.match(first, new RegExp(`<td>${editor.user.name}</td>`));
    assert.match(first, /Page 1 of 2/);
    assert.match(first, /href="\/newsroom\/audit\?page=2"/);
    const second = await (await getAs(server, editor, '/newsroom/audit?page=2')).text();
    const older = [...second.matchAll(/<td><code>([^<]+)<\/code><\/td>/g)].map((m) => m[1]);
    // 52 tags + the sign-in + the user's creation = 54 entries.
    assert.deepEqual(older, ['taxonomy.created', 'taxonomy.created', 'login', 'user.created']);
    const logins = await (await getAs(server, editor, '/newsroom/audit?action=login')).text();
    assert.deepEqual([...logins.matchAll(/<td><code>([^<]+)<\/code><\/td>/g)].map((m) => m[1]), ['login']);
    assert.match(logins, /<option value="login" selected>login<\/option>/);
    const author = await loginAs(server, (await signedInAs(server, 'author')).user);
    assert.equal((await getAs(server, author, '/newsroom/audit')).status, 403);
  });
});
